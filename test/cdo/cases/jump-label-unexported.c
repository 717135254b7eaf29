/*
 * A jump label on a key the loader can't resolve (an unexported global of
 * vmlinux) is kept: its key becomes a dynrela into the output's
 * __jump_table, R_X86_64_PC64 with the branch flag in the addend, which
 * kpatch.ko writes before the kernel reads the table.
 */
// EXPECT-FUNCS: branchy
// EXPECT-SECTION: __jump_table 16
// EXPECT-DYNRELAS: mykey,0
// EXPECT-LINE: dynrela mykey vmlinux 0 24 1 in __jump_table
// EXPECT-LINE: rela __jump_table+0x0 R_X86_64_PC32 .text.branchy+9
// EXPECT-UNDEF: __fentry__ ext
// EXPORTS: ext
extern int ext(int);
extern struct { int enabled; } mykey;
static inline __attribute__((always_inline)) int static_branch(void *key)
{
	asm goto("1: .byte 0x0f,0x1f,0x44,0x00,0x00\n"
		 ".pushsection __jump_table, \"aw\"\n .balign 8\n"
		 " .long 1b - .\n .long %l[l_yes] - .\n .quad %c0 + 1 - .\n"
		 ".popsection\n" : : "i" (key) : : l_yes);
	return 0;
l_yes:
	return 1;
}
int branchy(int x)
{
	if (static_branch(&mykey))
		return ext(x * 2);
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
int other(int x) { return static_branch(&mykey) ? ext(7) : x; }
