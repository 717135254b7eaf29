/*
 * Static locals get numbered names (calls.0); a new one in a later
 * function renumbers them (calls.1).  The dynrela must name the one in
 * vmlinux, by its original name.
 */
// EXPECT-FUNCS: foo late
// EXPECT-LOCALS: t:late t:foo d:added.0
// EXPECT-DYNRELAS: calls.0,0 calls.0,0
// EXPORTS: ext
extern int ext(int);
int foo(int x)
{
	static int calls;
	calls++;
#ifdef PATCHED
	return ext(x + calls * 2);
#else
	return ext(x + calls);
#endif
}
int late(int x)
{
#ifdef PATCHED
	static int added;
	added += x;
	return ext(added);
#else
	return ext(x);
#endif
}
