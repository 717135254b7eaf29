/*
 * Store merging turns '\n', '\0' into one 16-bit load from .rodata.cst2,
 * a mergeable (SHF_MERGE, not SHF_STRINGS) section whose constants only
 * .LCn labels name.  A new function earlier in the file renumbers the
 * labels (.LC0 becomes .LC1): same constant, so tail is unchanged.  And
 * flags, which changed, takes its constant with it: the label is no
 * symbol of the parent (ld drops .L names), so .rodata.cst2 comes with
 * the patch and the load keeps an ordinary relocation to it.
 */
// EXPECT-FUNCS: flags
// EXPECT-LOCALS: t:flags t:new_helper
// EXPECT-DYNRELAS:
// EXPECT-SECTION: .rodata.cst2 4
// EXPORTS: ext _printk
extern int ext(char *);
extern int _printk(const char *fmt, ...);
#ifdef PATCHED
static __attribute__((noinline)) void new_helper(const char *s)
{
	_printk("%s", s);
}
#endif
int flags(char *dp, int x)
{
	if (x & 1)
		*dp++ = 'P';
	if (x & 2) {
		*dp++ = 'F';
		*dp++ = '\n';
	}
	*dp++ = '\n';
	*dp = '\0';
#ifdef PATCHED
	new_helper(dp);
#endif
	return ext(dp);
}
int tail(char *dp, int x)
{
	if (x)
		*dp++ = 'x';
	if (x & 2) {
		*dp++ = 'F';
		*dp++ = '\n';
	}
	*dp++ = '\n';
	*dp = '\0';
	return ext(dp);
}
