/* The same call without the list: refused, saying where the list comes from. */
// PARENT-LACKS: kpatch_print_message
// EXPECT-EXIT: 1
// EXPECT-ERR: reference to kpatch_print_message: neither exported (Module.symvers) nor defined in the parent, nor a new global of the patch (KPATCH_NEW_GLOBALS)
extern void kpatch_print_message(int x);
int foo(int x)
{
#ifdef PATCHED
	kpatch_print_message(x);
#endif
	return x + 1;
}
