/*
 * Per-function string sections: a string two functions use sits in the
 * section of the first one gcc emits.  When status's copy changes,
 * "enabled\n" moves to entry's section (.rodata.entry.str1.1), under
 * another section symbol and at another offset, and entry's asm names it
 * through a .LCn label that is renumbered.  The bytes are the same, so
 * entry is unchanged; status's new strings come with the patch.
 */
// EXPECT-FUNCS: status
// EXPECT-LOCALS: t:status
// EXPECT-DYNRELAS:
// EXPECT-NO-SECTION: .rodata.entry.str1.1
// EXPORTS: _printk
extern int _printk(const char *fmt, ...);
void status(int x)
{
#ifdef PATCHED
	_printk(x ? "enabled (cb)\n" : "disabled (cb)\n");
#else
	_printk(x ? "enabled\n" : "disabled\n");
#endif
}
/* A PC32 reference to a string names its .LCn label, as WARN's file does. */
#define NOTE(s) asm volatile(".pushsection .discard.note,\"a\"\n" \
	".long %c0 - .\n.popsection" :: "i" (s))
void entry(int x)
{
	NOTE("enabled\n");
	_printk("%s\n", x ? "enabled\n" : "disabled\n");
}
