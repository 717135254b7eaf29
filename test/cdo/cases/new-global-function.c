/*
 * New global functions stay global, so that the patch's other objects
 * can call them, and come along even when nothing calls them yet.
 */
// EXPECT-FUNCS: foo
// EXPECT-LOCALS: t:foo
// EXPECT-GLOBALS: new_api unused_new
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
