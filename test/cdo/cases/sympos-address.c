/*
 * vmlinux lists another file's locals of the same names first, but at
 * higher addresses.  kallsyms gives same-named symbols in address order,
 * so these are the first of their names.
 */
// EXPECT-FUNCS: foo
// EXPECT-DYNRELAS: counter,1 limit,1
// PARENT-DUP-HIGH: counter limit
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
