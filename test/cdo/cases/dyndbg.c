/*
 * pr_debug() descriptors live in __dyndbg under __UNIQUE_ID_ names whose
 * counter moves; the changed function takes a copy of its own.
 */
// EXPECT-FUNCS: dbg
// EXPECT-SECTION: __dyndbg 16
// EXPORTS: __dynamic_pr_debug
struct _ddebug { const char *fmt; unsigned int lineno, flags; };
extern void __dynamic_pr_debug(struct _ddebug *d, const char *fmt, ...);
#define __PASTE(a, b) a##b
#define ___UNIQUE(p, n) __PASTE(__UNIQUE_ID_##p, n)
#define pr_debug_id(id, f, ...) ({ \
	static struct _ddebug id __attribute__((used, aligned(8), section("__dyndbg"))) = \
		{ .fmt = f, .lineno = __LINE__ }; \
	__dynamic_pr_debug(&id, f, ##__VA_ARGS__); })
#define pr_debug(f, ...) pr_debug_id(___UNIQUE(ddebug, __COUNTER__), f, ##__VA_ARGS__)
#ifdef PATCHED
static int shift_the_counter = __COUNTER__;
#endif
void dbg(int x)
{
#ifdef PATCHED
	pr_debug("x is now %d\n", x);
#else
	pr_debug("x is %d\n", x);
#endif
}
void quiet(int x) { pr_debug("quiet %d\n", x); }
