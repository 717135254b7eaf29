/* A reference to something vmlinux doesn't have is refused. */
// EXPECT-EXIT: 1
// EXPECT-ERR: reference to nowhere: neither exported (Module.symvers) nor defined in the parent
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
