/* A changed function: only it is replaced; what it calls stays in vmlinux. */
// EXPECT-FUNCS: foo
// EXPECT-LOCALS: t:foo
// EXPECT-DYNRELAS: counter,0 helper,0 unexp,0
// EXPECT-UNDEF: __fentry__ __x86_return_thunk ext
// EXPORTS: ext
static int counter;
extern int ext(int);
extern int unexp(int);
static __attribute__((noinline)) int helper(int x) { return x * counter + ext(x); }
int foo(int x)
{
#ifdef PATCHED
	counter += 2;
	return helper(x) + unexp(x) + ext(3);
#else
	counter++;
	return helper(x) + unexp(x + 1) + ext(3);
#endif
}
int bar(int x) { return helper(x) - 1; }
