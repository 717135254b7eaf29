/* A WARN()-style bug table entry: its line lives in the table, not the code. */
// LINE-MAP: 200 0 201 102
// EXPECT-EXIT: 3
#define WARN_ON(c) ({ int __c = !!(c); if (__c) asm volatile("1: ud2\n" \
	".pushsection __bug_table,\"aw\"\n2: .long 1b - .\n .long 0\n" \
	".word %c0\n .word 0\n.popsection\n" :: "i" (__LINE__)); __c; })
int check(int x)
{
#ifdef PATCHED
#line 300
#else
#line 200
#endif
	WARN_ON(x > 5);
	return x;
}
