/* A new static function, called by the changed one, comes along. */
// EXPECT-FUNCS: foo
// EXPECT-LOCALS: t:foo t:newhelper
// EXPECT-DYNRELAS:
extern int ext(int);
#ifdef PATCHED
static __attribute__((noinline)) int newhelper(int x) { return ext(x * 3); }
#endif
int foo(int x)
{
#ifdef PATCHED
	return newhelper(x) + 1;
#else
	return ext(x) + 1;
#endif
}
// EXPORTS: ext
