/*
 * 6.2+ with CALL_PADDING: 16 bytes of padding in front of each function
 * (-fpatchable-function-entry=16,16), and objtool's __pfx_foo symbol
 * over them.  __pfx_foo is part of foo, not a second function of
 * .text.foo, nor a function to cut .sched.text at; foo's fentry call is
 * 16 bytes into its section.  The padding comes with foo, but not the
 * symbol: kbuild's objtool --prefix over a 6.12 patch module makes a
 * __pfx_ symbol for each function behind padding anyway.
 */
// CFLAGS: -fpatchable-function-entry=16,16
// EXPECT-FUNCS: foo sleepy
// EXPECT-LOCALS: t:foo t:sleepy
// EXPECT-SECTION: .text.foo 53
// EXPECT-SECTION: .sched.text 37
// EXPORTS: ext
extern int ext(int);
#define __sched __attribute__((section(".sched.text")))
#define PFX(sec, f) asm(".pushsection " sec ",\"ax\",@progbits\n" \
	".type __pfx_" #f ", @function\n.set __pfx_" #f ", " #f " - 16\n" \
	".size __pfx_" #f ", 16\n.popsection")
int foo(int x)
{
#ifdef PATCHED
	return ext(x) * 7 + 2;
#else
	return ext(x) * 7 + 1;
#endif
}
PFX(".text.foo", foo);
int bar(int x) { return ext(x) - 1; }
PFX(".text.bar", bar);
int __sched drowsy(int x) { return ext(x * 2) + 1; }
PFX(".sched.text", drowsy);
int __sched sleepy(int x)
{
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
PFX(".sched.text", sleepy);
