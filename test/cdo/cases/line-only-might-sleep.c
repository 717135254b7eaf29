/* might_sleep() passes __FILE__ and __LINE__: a moved line isn't a change. */
// LINE-MAP: 200 0 201 102
// EXPECT-EXIT: 3
// EXPORTS: __might_sleep
extern void __might_sleep(const char *file, int line);
extern int ext(int);
int work(int x)
{
#ifdef PATCHED
#line 300
#else
#line 200
#endif
	__might_sleep(__FILE__, __LINE__);
	return ext(x);
}
