/* New initialised global data: copied into the patch, global there. */
// EXPECT-FUNCS: foo
// EXPECT-LOCALS: t:foo
// EXPECT-GLOBALS: new_limit
// EXPECT-SECTION: .data.new_limit 4
#ifdef PATCHED
int new_limit = 77;
#endif
int foo(int x)
{
#ifdef PATCHED
	return x > new_limit ? new_limit : x;
#else
	return x;
#endif
}
