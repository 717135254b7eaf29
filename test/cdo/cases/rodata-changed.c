/*
 * A changed const table: a new copy comes with the patch, and every
 * function that reads it is replaced, even if its code didn't change.
 */
// EXPECT-FUNCS: lookup lookup2
// EXPECT-LOCALS: t:lookup t:lookup2 d:table
// EXPECT-SECTION: .rodata.table 16
static const int table[4] = {
#ifdef PATCHED
	10, 20, 30, 41
#else
	10, 20, 30, 40
#endif
};
int lookup(unsigned i) { return table[i & 3]; }
int lookup2(unsigned i) { return table[(i + 1) & 3] * 2; }
int unrelated(int x) { return x + 5; }
