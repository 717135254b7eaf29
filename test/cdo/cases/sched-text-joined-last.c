/*
 * Two __sched functions tied by a short jump stay one piece; when that
 * piece is the last of .sched.text and nothing in it changed, a change
 * to another function of the section is patched as usual.
 */
// CFLAGS: -fno-toplevel-reorder
// EXPECT-FUNCS: first
// EXPORTS: ext
extern int ext(int);
#define __sched __attribute__((section(".sched.text")))
int __sched first(int x)
{
#ifdef PATCHED
	return ext(x + 2);
#else
	return ext(x + 1);
#endif
}
static int __sched __attribute__((noinline)) helper(int x)
{
	return ext(x) + 3;
}
int __sched tail(int x) { return helper(x + 1); }
