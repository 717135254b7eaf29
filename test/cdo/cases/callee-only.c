/* Only the callee changed: the callers stay, ftrace redirects them. */
// EXPECT-FUNCS: helper
// EXPECT-LOCALS: t:helper
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
int caller(int x) { return helper(x) * 2; }
