/* foo.cold is part of foo: it comes with foo and gets no funcs entry. */
// EXPECT-FUNCS: foo
// EXPECT-LOCALS: t:foo t:foo.cold
// EXPORTS: ext slow_path
extern int ext(int);
extern void slow_path(int) __attribute__((cold));
int foo(int x)
{
	if (__builtin_expect(x > 1000, 0)) {
		slow_path(x);
		slow_path(x + 1);
		return ext(x) * 3;
	}
#ifdef PATCHED
	return ext(x) + 2;
#else
	return ext(x) + 1;
#endif
}
