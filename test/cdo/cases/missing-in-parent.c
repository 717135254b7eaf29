/* A reference to something vmlinux doesn't have is refused. */
// EXPECT-EXIT: 1
// EXPECT-ERR: reference to nowhere: neither exported (Module.symvers) nor defined in the parent, nor a new global of the patch (KPATCH_NEW_GLOBALS)
// PARENT-LACKS: nowhere
extern int nowhere(int);
int foo(int x)
{
#ifdef PATCHED
	return nowhere(x);
#else
	return x;
#endif
}
