/*
 * __sched-style functions share one named text section even with
 * -ffunction-sections; one of them changing can't be cut out safely.
 */
// EXPECT-EXIT: 1
// EXPECT-ERR: section .sched.text (symbol sleepy): changed, and it holds several functions
// EXPORTS: ext
extern int ext(int);
#define __sched __attribute__((section(".sched.text")))
int __sched drowsy(int x) { return ext(x * 2); }
int __sched sleepy(int x)
{
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
