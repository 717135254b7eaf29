/* KPATCH_IGNORE_FUNCTION: a change the author asked to leave out. */
// EXPECT-EXIT: 3
// EXPORTS: ext
extern int ext(int);
int noisy(int x)
{
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
#ifdef PATCHED
static void *__kpatch_ignore_func_noisy __attribute__((used, section(".kpatch.ignore.functions"))) = noisy;
#endif
