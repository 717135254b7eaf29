/* The second file of cases/composite.c's object. */
extern int ext(int);
static int counter;
static int __attribute__((noinline)) helper(int x) { return ext(x) + counter; }
int part_fn(int x)
{
#ifdef PATCHED
	return helper(x) * 2 + counter;
#else
	return helper(x) * 2;
#endif
}
void part_set(int v) { counter = v; }
