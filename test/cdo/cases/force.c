/* KPATCH_FORCE_UNSAFE entries of included functions are kept. */
// EXPECT-FUNCS: risky
// EXPECT-SECTION: .kpatch.force 8
// EXPORTS: ext
extern int ext(int);
int risky(int x)
{
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
int calm(int x) { return ext(x * 2); }
#ifdef PATCHED
static void *__kpatch_force_risky __attribute__((used, section(".kpatch.force"))) = risky;
static void *__kpatch_force_calm __attribute__((used, section(".kpatch.force"))) = calm;
#endif
