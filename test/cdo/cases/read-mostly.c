/*
 * Several objects share .data..read_mostly: a new one is carried alone,
 * and an old one is named through the offset of its reference.
 */
// EXPECT-FUNCS: tune
// EXPECT-LOCALS: t:tune d:rm_new
// EXPECT-SECTION: .data..read_mostly 4
// EXPECT-DYNRELAS: rm_b,0
#define __read_mostly __attribute__((section(".data..read_mostly")))
static int rm_a __read_mostly = 1;
static int rm_b __read_mostly = 2;
#ifdef PATCHED
static int rm_new __read_mostly = 3;
#endif
void set(int a, int b) { rm_a = a; rm_b = b; }
int tune(int x)
{
#ifdef PATCHED
	return x * rm_b + rm_new;
#else
	return x * rm_b;
#endif
}
