/*
 * An immediate that changed by another amount than the patch moved the
 * line it would be: not a line number, so a change.
 */
// LINE-MAP: 200 0 201 102
// EXPECT-FUNCS: report
// EXPORTS: _printk
extern int _printk(const char *fmt, ...);
void report(int x)
{
#ifdef PATCHED
#line 250
#else
#line 200
#endif
	_printk("at line %d: %d\n", __LINE__, x);
}
