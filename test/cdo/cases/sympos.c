/* Another file of vmlinux has locals of the same names: sympos tells them apart. */
// EXPECT-FUNCS: foo
// EXPECT-DYNRELAS: counter,2 limit,2
// PARENT-DUP: counter limit
static int counter, limit;
void set(int a, int b) { counter = a; limit = b; }
int foo(int x)
{
#ifdef PATCHED
	return x > limit ? counter : -counter;
#else
	return x > limit ? counter : 0;
#endif
}
