/*
 * Two names at one address (an alias attribute, or code GCC folded):
 * .text.foo holds foo and bar.  foo is the function, bar comes along as
 * a local of the output at the same place, with no funcs entry: ftrace
 * redirects the address, which is both.
 */
// EXPECT-FUNCS: foo
// EXPECT-LOCALS: t:foo t:bar
// EXPORTS: ext
extern int ext(int);
int foo(int x)
{
#ifdef PATCHED
	return ext(x) * 7 + 2;
#else
	return ext(x) * 7 + 1;
#endif
}
int bar(int x) __attribute__((alias("foo")));
int baz(int x) { return ext(x) - 1; }
