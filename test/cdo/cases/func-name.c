/* __func__ is carried as a copy, under its new number. */
// EXPECT-FUNCS: named
// EXPECT-LOCALS: t:named d:__func__.0
// EXPORTS: _printk
extern int _printk(const char *fmt, ...);
void named(int x)
{
#ifdef PATCHED
	_printk("%s: now %d\n", __func__, x);
#else
	_printk("%s: %d\n", __func__, x);
#endif
}
