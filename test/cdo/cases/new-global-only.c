/*
 * The patch's only change to this object is a new global helper that
 * another object of the patch calls: that is a change, and the helper
 * comes along, global, though nothing here calls it.
 */
// EXPECT-FUNCS:
// EXPECT-LOCALS:
// EXPECT-GLOBALS: kpatch_print_message
// EXPORTS: _printk
extern void _printk(const char *, ...);
#ifdef PATCHED
void kpatch_print_message(int x);
void kpatch_print_message(int x) { _printk("kpatch: %d\n", x); }
#endif
int foo(int x) { return x + 1; }
