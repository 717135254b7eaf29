/*
 * The same layout in a module: kpatch.ko counts a module's symbols in its
 * symbol table's order, whatever their addresses, so these come second.
 */
// PARENT: mymod
// EXPECT-FUNCS: foo
// EXPECT-DYNRELAS: counter,2,mymod limit,2,mymod
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
