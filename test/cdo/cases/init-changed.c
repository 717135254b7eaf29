/* __init code ran at boot: a change there can't be patched. */
// EXPECT-EXIT: 1
// EXPECT-ERR: section .init.text (symbol setup): __init/__exit code or data changed
// EXPORTS: ext
extern int ext(int);
__attribute__((section(".init.text"))) int setup(void)
{
#ifdef PATCHED
	return ext(2);
#else
	return ext(1);
#endif
}
int runtime(int x) { return ext(x); }
