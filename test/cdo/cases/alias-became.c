/*
 * bar had code of its own and now is an alias of foo, with foo's code:
 * replacing bar would replace foo too, so it is refused.
 */
// EXPECT-EXIT: 1
// EXPECT-ERR: function bar: now shares its code with another function, and its code changed: it can't be replaced apart from foo
// EXPORTS: ext
extern int ext(int);
int foo(int x) { return ext(x) * 7 + 1; }
#ifdef PATCHED
int bar(int x) __attribute__((alias("foo")));
#else
int bar(int x) { return ext(x) * 5 + 1; }
#endif
