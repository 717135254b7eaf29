/* Caller and callee changed: the new caller calls the new callee directly. */
// EXPECT-FUNCS: helper caller
// EXPECT-LOCALS: t:helper t:caller
// EXPECT-DYNRELAS:
// EXPORTS: ext
extern int ext(int);
static __attribute__((noinline)) int helper(int x)
{
#ifdef PATCHED
	return ext(x) - 1;
#else
	return ext(x) + 1;
#endif
}
int caller(int x)
{
#ifdef PATCHED
	return helper(x) * 3;
#else
	return helper(x) * 2;
#endif
}
