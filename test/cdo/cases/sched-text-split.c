/*
 * __sched functions share .sched.text even with -ffunction-sections.  The
 * section is cut per function: only the changed one is compared and
 * included, in a section still named .sched.text, with its own bug table
 * and mcount entries, and its alias nap; its call to a static neighbour,
 * which the assembler resolved without a relocation, becomes a dynrela to
 * the kernel's copy.
 */
// EXPECT-FUNCS: sleepy
// EXPECT-LOCALS: t:sleepy t:nap
// EXPECT-DYNRELAS: helper,0
// EXPECT-UNDEF: __fentry__ __x86_return_thunk ext
// EXPECT-SECTION: __bug_table 12
// EXPECT-SECTION: __mcount_loc 8
// EXPECT-LINE: dynrela helper vmlinux 0 4 -4 in .sched.text
// EXPORTS: ext
extern int ext(int);
#define __sched __attribute__((section(".sched.text")))
#define WARN_ON(c) ({ int __c = !!(c); if (__c) asm volatile("1: ud2\n" \
	".pushsection __bug_table,\"aw\"\n2: .long 1b - .\n .long 0\n" \
	".word %c0\n .word 0\n.popsection\n" :: "i" (__LINE__)); __c; })
static int __sched __attribute__((noinline)) helper(int x)
{
	WARN_ON(x == 7);
	return ext(x) + 3;
}
int __sched drowsy(int x) { return helper(x * 2) + 1; }
int __sched sleepy(int x)
{
	WARN_ON(x < 0);
#ifdef PATCHED
	return ext(x) + helper(x + 2);
#else
	return ext(x) + helper(x + 1);
#endif
}
int __sched nap(int x) __attribute__((alias("sleepy")));
int __sched dozy(int x) { WARN_ON(x > 9); return helper(x) - ext(x); }
