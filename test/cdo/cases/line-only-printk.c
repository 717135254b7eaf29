/* __LINE__ passed to printk moves with a new line: not a change. */
// LINE-MAP: 200 0 201 102
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
