/* A new global function becomes local in the output; unused new ones stay out. */
// EXPECT-FUNCS: foo
// EXPECT-LOCALS: t:foo t:new_api
// EXPORTS: ext
extern int ext(int);
#ifdef PATCHED
int new_api(int x);
int __attribute__((noinline)) new_api(int x) { return ext(x) * 2; }
int unused_new(int x);
int unused_new(int x) { return x + 42; }
#endif
int foo(int x)
{
#ifdef PATCHED
	return new_api(x);
#else
	return ext(x);
#endif
}
