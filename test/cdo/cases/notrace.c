/* A function without an fentry call can't be redirected: refused. */
// EXPECT-EXIT: 1
// EXPECT-ERR: function quiet changed, but it has no fentry call (notrace or noinstr): ftrace can't redirect it
// EXPORTS: ext
extern int ext(int);
__attribute__((no_instrument_function)) int quiet(int x)
{
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
