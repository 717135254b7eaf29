/*
 * At -O2 GCC passes __LINE__ in more forms than mov $imm32, %reg: merged
 * with a neighbouring field into movabs $imm64, pushed as a stack
 * argument, or stored into a field on the stack.  A moved line is no
 * change in any of them.
 */
// LINE-MAP: 200 0 201 102
// EXPECT-EXIT: 3
// EXPORTS: _printk report warn7
extern void _printk(const char *fmt, ...);
struct site { int line; short flags; short x; };
struct wide { long a; int line; };
extern void report(struct site *s, struct wide *w);
extern void warn7(int a, int b, int c, int d, int e, int f, int line);
int work(int x)
{
#ifdef PATCHED
#line 300
#else
#line 200
#endif
	struct site s = { __LINE__, 3, 4 };
	struct wide w = { x, __LINE__ };

	report(&s, &w);
	warn7(x, 1, 2, 3, 4, 5, __LINE__);
	_printk("%s:%d\n", __func__, __LINE__);
	return x;
}
