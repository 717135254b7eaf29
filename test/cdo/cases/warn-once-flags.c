/*
 * WARN_ON() -> WARN_ON_ONCE(): on x86 the code is the same, only the
 * bug_entry's flags gain BUGFLAG_ONCE.  The function changed: it is
 * replaced with its entry.  The line moves too, which alone is no change.
 */
// EXPECT-FUNCS: check
// EXPECT-SECTION: __bug_table 12
// EXPORTS: ext
extern int ext(int);
#define BUG_FLAGS(c, fl) ({ int __c = !!(c); if (__c) asm volatile("1: ud2\n" \
	".pushsection __bug_table,\"aw\"\n2: .long 1b - .\n" \
	".long %c0 - .\n .word %c1\n .word %c2\n .org 2b+%c3\n" \
	".popsection\n" :: "i" (__FILE__), "i" (__LINE__), \
	"i" (fl), "i" (12)); __c; })
#define WARN_ON(c) BUG_FLAGS(c, 1 << 1)
#define WARN_ON_ONCE(c) BUG_FLAGS(c, (1 << 1) | (1 << 0))
int check(int x)
{
#ifdef PATCHED

	WARN_ON_ONCE(x > 5);
#else
	WARN_ON(x > 5);
#endif
	return ext(x);
}
int other(int x) { WARN_ON(x < 0); return ext(x); }
