/* A comment and whitespace change only. */
// EXPECT-EXIT: 3
extern int ext(int);
int foo(int x)
{
#ifdef PATCHED
	/* a new comment */

#endif
	return ext(x) + 1;
}
