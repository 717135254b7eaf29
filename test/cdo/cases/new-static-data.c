/* New static data used by the changed function is part of the patch. */
// EXPECT-FUNCS: foo
// EXPECT-LOCALS: t:foo d:newcount.0
// EXPECT-SECTION: .bss.newcount.0 4
// EXPECT-DYNRELAS: old,0
static int old;
void set_old(int v) { old = v; }
int foo(int x)
{
#ifdef PATCHED
	static int newcount __attribute__((unused));
	newcount++;
	return x + old + newcount;
#else
	return x + old;
#endif
}
