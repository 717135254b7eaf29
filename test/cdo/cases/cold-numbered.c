/*
 * GCC 8 and 9 numbered cold parts (foo.cold.0); the number may differ
 * between the two builds.  The part still belongs to foo: a change in
 * it changes foo, and it comes along without a funcs entry of its own.
 */
// OBJCOPY-ORIG: --redefine-sym foo.cold=foo.cold.0
// OBJCOPY-PATCHED: --redefine-sym foo.cold=foo.cold.3
// EXPECT-FUNCS: foo
// EXPECT-LOCALS: t:foo t:foo.cold.3
// EXPORTS: ext slow_path
extern int ext(int);
extern void slow_path(int) __attribute__((cold));
int foo(int x)
{
	if (__builtin_expect(x > 1000, 0)) {
		slow_path(x);
#ifdef PATCHED
		slow_path(x + 2);
#else
		slow_path(x + 1);
#endif
		return ext(x) * 3;
	}
	return ext(x) + 1;
}
