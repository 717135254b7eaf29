/* Entries of another size without BUG_STRUCT_SIZE: refused, saying so. */
// EXPECT-FUNCS: check
// EXPECT-ERR: __bug_table: size 32 is not a multiple of the entry size 12; set BUG_STRUCT_SIZE
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
