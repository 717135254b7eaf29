/*
 * CONFIG_DEBUG_BUGVERBOSE: each __bug_table entry names its file through
 * a .LCn label that the inline asm references, a local NOTYPE symbol in
 * the merged string section.  The string comes with the patch, and the
 * entry points at the output's copy: the parent doesn't list .LCn.
 */
// EXPECT-FUNCS: check
// EXPECT-SECTION: __bug_table 24
// EXPECT-DYNRELAS:
// EXPECT-LINE: rela __bug_table+0x4 R_X86_64_PC32 .rodata.check.str1.1+0
// EXPECT-LINE: rela __bug_table+0x10 R_X86_64_PC32 .rodata.check.str1.1+0
// EXPORTS: ext
extern int ext(int);
/* As arch/x86/include/asm/bug.h spells it, with BUGVERBOSE and flags. */
#define WARN_ON(c) ({ int __c = !!(c); if (__c) asm volatile("1: ud2\n" \
	".pushsection __bug_table,\"aw\"\n2: .long 1b - .\n" \
	".long %c0 - .\n .word %c1\n .word %c2\n .org 2b+%c3\n" \
	".popsection\n" :: "i" (__FILE__), "i" (__LINE__), \
	"i" (1 << 9), "i" (12)); __c; })
int check(int x)
{
	WARN_ON(x > 5);
#ifdef PATCHED
	WARN_ON(x > 7);
	return ext(x + 1);
#else
	return ext(x);
#endif
}
int other(int x) { WARN_ON(x < 0); return ext(x); }
