/* A changed string literal changes the function; the strings come along. */
// EXPECT-FUNCS: say
// EXPECT-LOCALS: t:say
// EXPORTS: _printk
extern int _printk(const char *fmt, ...);
void say(int x)
{
#ifdef PATCHED
	_printk("value is now %d\n", x);
#else
	_printk("value is %d\n", x);
#endif
}
void other(int x) { _printk("other %d\n", x); }
