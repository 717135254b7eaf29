/* An initialised variable with a new value can't be patched. */
// EXPECT-EXIT: 1
// EXPECT-ERR: section .data.limits (symbol limits): data changed: a live patch can't change existing data
#ifdef PATCHED
int limits[4] = { 1, 2, 3, 5 };
#else
int limits[4] = { 1, 2, 3, 4 };
#endif
int get(int i) { return limits[i & 3]; }
