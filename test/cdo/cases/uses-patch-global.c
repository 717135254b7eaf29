/*
 * A call to a new global that another object of the patch defines
 * (kpatch-build lists them in KPATCH_NEW_GLOBALS): a normal relocation
 * against the undefined global, which the patch module's link resolves.
 */
// NEW-GLOBALS: kpatch_print_message other_new
// PARENT-LACKS: kpatch_print_message
// EXPECT-FUNCS: foo
// EXPECT-UNDEF: __fentry__ __x86_return_thunk kpatch_print_message
// EXPECT-DYNRELAS:
extern void kpatch_print_message(int x);
int foo(int x)
{
#ifdef PATCHED
	kpatch_print_message(x);
#endif
	return x + 1;
}
