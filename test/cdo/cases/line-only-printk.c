/* __LINE__ passed to printk moves with a new line: not a change. */
// EXPECT-EXIT: 3
// EXPORTS: _printk
extern int _printk(const char *fmt, ...);
void report(int x)
{
#ifdef PATCHED
#line 300
#else
#line 200
#endif
	_printk("at line %d: %d\n", __LINE__, x);
}
