/*
 * Without -ffunction-sections every function is in .text: it is cut per
 * function like .sched.text, and the changed function's calls to static
 * neighbours, which have no relocation in .text, become dynrelas.
 */
// CFLAGS: -fno-function-sections
// EXPECT-FUNCS: changed
// EXPECT-LOCALS: t:changed
// EXPECT-DYNRELAS: helper,0 helper2,0
// EXPECT-NO-SECTION: .text.changed
// EXPORTS: ext
extern int ext(int);
static int __attribute__((noinline)) helper(int x) { return ext(x) + 3; }
static int __attribute__((noinline)) helper2(int x) { return ext(x) * 5; }
int before(int x) { return helper(x) + helper2(x); }
int changed(int x)
{
#ifdef PATCHED
	return helper(x) - helper2(x + 1);
#else
	return helper(x) - helper2(x);
#endif
}
int after(int x) { return helper2(helper(x)); }
