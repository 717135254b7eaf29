/* A changed global constant may be read elsewhere: refused. */
// EXPECT-EXIT: 1
// EXPECT-ERR: section .rodata.shared_table (symbol shared_table): global read-only data changed
const int shared_table[4] = {
#ifdef PATCHED
	1, 2, 3, 5
#else
	1, 2, 3, 4
#endif
};
int lookup(unsigned i) { return shared_table[i & 3]; }
