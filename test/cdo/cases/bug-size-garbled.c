/* A garbled entry size in the environment is an error. */
// EXPECT-FUNCS: check
// EXPECT-ERR: BUG_STRUCT_SIZE=12x: not an entry size
// ENV: BUG_STRUCT_SIZE=12x
// EXPECT-EXIT: 1
// EXPORTS: ext
extern int ext(int);
#define WARN_ON(c) ({ int __c = !!(c); if (__c) asm volatile("1: ud2\n" \
	".pushsection __bug_table,\"aw\"\n2: .long 1b - .\n .long 0\n" \
	".word %c0\n .word 0\n .long 0\n.popsection\n" :: "i" (__LINE__)); __c; })
int check(int x)
{
	WARN_ON(x > 5);
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
int other(int x) { WARN_ON(x < 0); return ext(x); }
