/* A changed .isra clone is replaced under its own name. */
// EXPECT-FUNCS: sum.isra.0
// EXPECT-LOCALS: t:sum.isra.0
// EXPORTS: ext
extern int ext(int);
struct big { int a, b, c, d, e[16]; };
static __attribute__((noinline)) int sum(struct big *p)
{
#ifdef PATCHED
	return ext(p->a * 3 + p->c);
#else
	return ext(p->a * 2 + p->c);
#endif
}
int user(struct big *p) { return sum(p) + 1; }
int user2(struct big *p) { return sum(p) + 2; }
