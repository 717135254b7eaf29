/* A new WARN_ONCE flag in .data.once is new data, carried alone. */
// EXPECT-FUNCS: once
// EXPECT-LOCALS: t:once d:__warned.2
// EXPECT-SECTION: .data.once 1
// EXPECT-DYNRELAS: __warned.1,0 __warned.1,0
// EXPORTS: __warn_printk
extern void __warn_printk(const char *fmt, ...);
#define WARN_ONCE(c, f) ({ static _Bool __warned __attribute__((section(".data.once"))); \
	int __r = !!(c); if (__r && !__warned) { __warned = 1; __warn_printk(f); } __r; })
int once(int x)
{
	WARN_ONCE(x > 1, "big\n");
#ifdef PATCHED
	WARN_ONCE(x < -1, "small\n");
#endif
	return x;
}
int other(int x) { WARN_ONCE(x == 7, "seven\n"); return x; }
