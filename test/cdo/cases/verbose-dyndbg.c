/*
 * Kernels before 3.2 kept pr_debug() descriptors in __verbose, each a
 * static local named descriptor (descriptor.N in the object): the changed
 * function takes a copy of its own, as with __dyndbg, rather than being
 * refused for changing writable data.
 */
// EXPECT-FUNCS: dbg
// EXPECT-SECTION: __verbose 16
// EXPECT-LOCALS: t:dbg d:descriptor.0
// EXPORTS: __dynamic_pr_debug
struct _ddebug { const char *fmt; unsigned int lineno, flags; };
extern void __dynamic_pr_debug(struct _ddebug *d, const char *fmt, ...);
#define pr_debug(f, ...) ({ \
	static struct _ddebug descriptor __attribute__((used, aligned(8), section("__verbose"))) = \
		{ .fmt = f, .lineno = __LINE__ }; \
	__dynamic_pr_debug(&descriptor, f, ##__VA_ARGS__); })
void quiet(int x) { pr_debug("quiet %d\n", x); }
void dbg(int x)
{
#ifdef PATCHED
	pr_debug("x is now %d\n", x);
#else
	pr_debug("x is %d\n", x);
#endif
}
