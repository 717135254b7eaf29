/*
 * Without a line map (create-diff-object run by hand), a moved __LINE__
 * can't be told from a changed constant: the function is replaced.
 */
// EXPECT-FUNCS: report
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
