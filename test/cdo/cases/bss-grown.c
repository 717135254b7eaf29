/* A static array that grows is changed data. */
// EXPECT-EXIT: 1
// EXPECT-ERR: section .bss.buf (symbol buf): data changed
#ifdef PATCHED
static char buf[128];
#else
static char buf[64];
#endif
char *get(int i) { return &buf[i]; }
