/* A jump label on a key the patch itself adds: kept, key included. */
// EXPECT-FUNCS: branchy
// EXPECT-SECTION: __jump_table 16
// EXPECT-LOCALS: t:branchy
// EXPECT-GLOBALS: newkey
// EXPORTS: ext
extern int ext(int);
struct key { int enabled; };
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
#ifdef PATCHED
struct key newkey;
#endif
int branchy(int x)
{
#ifdef PATCHED
	if (static_branch(&newkey))
		return ext(x * 2);
#endif
	return ext(x);
}
