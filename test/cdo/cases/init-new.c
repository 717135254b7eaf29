/* New __init code can't run in a live patch either. */
// EXPECT-EXIT: 1
// EXPECT-ERR: new __init/__exit code or data
// EXPORTS: ext
extern int ext(int);
#ifdef PATCHED
__attribute__((section(".init.text"))) int setup(void) { return ext(1); }
#endif
int runtime(int x) { return ext(x); }
