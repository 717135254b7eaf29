/* __mcount_loc keeps the fentry sites of included functions only. */
// EXPECT-FUNCS: a b
// EXPECT-LOCALS: t:a t:b t:fresh
// EXPECT-SECTION: __mcount_loc 24
// EXPORTS: ext
extern int ext(int);
#ifdef PATCHED
static __attribute__((noinline)) int fresh(int x) { return ext(x) ^ 5; }
#endif
int a(int x)
{
#ifdef PATCHED
	return fresh(x);
#else
	return ext(x);
#endif
}
int b(int x)
{
#ifdef PATCHED
	return ext(x) + 2;
#else
	return ext(x) + 1;
#endif
}
int c(int x) { return ext(x) + 3; }
