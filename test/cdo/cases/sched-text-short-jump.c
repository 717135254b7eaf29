/*
 * A tail call from one __sched function to a static neighbour close by
 * is a short jump, which no relocation can follow: the two stay one
 * piece of .sched.text, and a change to either is refused, saying why.
 */
// EXPECT-EXIT: 1
// EXPECT-ERR: section .sched.text (symbol tail): changed, and it holds several functions that can't be cut apart: a short jump goes from one of its functions to another
// EXPORTS: ext
extern int ext(int);
#define __sched __attribute__((section(".sched.text")))
static int __sched __attribute__((noinline)) helper(int x)
{
	return ext(x) + 3;
}
int __sched tail(int x)
{
#ifdef PATCHED
	return helper(x + 2);
#else
	return helper(x + 1);
#endif
}
int __sched other(int x) { return helper(x) * ext(x); }
