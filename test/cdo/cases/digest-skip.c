/*
 * KPATCH_SKIP_CODE_CHECK(fn): no digest for fn, and flag 1
 * (KPATCH_FUNC_SKIP_CODE_CHECK) says why; the other replaced function
 * keeps its digest, and the macro's section is not in the output.
 */
// EXPECT-FUNCS: trusted checked
// EXPECT-LINE: digest trusted 0 0x0000000000000000 flags 1
// EXPECT-NO-SECTION: .kpatch.skip_code_check
// EXPORTS: ext
extern int ext(int);
int trusted(int x)
{
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
int checked(int x)
{
#ifdef PATCHED
	return ext(x + 2);
#else
	return ext(x);
#endif
}
#ifdef PATCHED
static void *__kpatch_skip_code_check_trusted
	__attribute__((used, section(".kpatch.skip_code_check"))) = trusted;
#endif
