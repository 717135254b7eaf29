/* A .constprop clone, changed. */
// EXPECT-FUNCS: scale.constprop.0
// EXPECT-LOCALS: t:scale.constprop.0
// EXPORTS: ext
extern int ext(int);
static __attribute__((noinline)) int scale(int x, int factor)
{
	int i, r = 0;
	for (i = 0; i < factor; i++)
#ifdef PATCHED
		r += ext(x + i) ^ 1;
#else
		r += ext(x + i);
#endif
	return r;
}
int a(int x) { return scale(x, 7); }
int b(int x) { return scale(x + 1, 7); }
