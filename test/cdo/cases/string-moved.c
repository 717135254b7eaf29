/*
 * Without per-function string sections, a longer string in one function
 * moves the strings of another; moving isn't changing.
 */
// CFLAGS: -fno-data-sections
// EXPECT-FUNCS: first
// EXPORTS: _printk
extern int _printk(const char *fmt, ...);
void first(int x)
{
#ifdef PATCHED
	_printk("first, and longer now: %d\n", x);
#else
	_printk("first: %d\n", x);
#endif
}
void second(int x) { _printk("second: %d\n", x); }
