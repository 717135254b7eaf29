/* Exception table entries of the changed function only. */
// EXPECT-FUNCS: get
// EXPECT-SECTION: __ex_table 12
#define GET(x, p) asm volatile("1: movl (%1), %0\n2:\n" \
	".pushsection __ex_table,\"a\"\n .long 1b - .\n .long 2b - .\n" \
	" .long 3\n.popsection\n" : "=r" (x) : "r" (p))
int get(int *p)
{
	int x = 0;
	GET(x, p);
#ifdef PATCHED
	return x + 1;
#else
	return x;
#endif
}
int get2(int *p) { int x = 0; GET(x, p); GET(x, p + 1); return x; }
