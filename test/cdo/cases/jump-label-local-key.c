/*
 * A static key of the object itself (static DEFINE_STATIC_KEY_FALSE): a
 * local of the parent, so its jump label's key is a dynrela by sympos.
 */
// EXPECT-FUNCS: branchy
// EXPECT-DYNRELAS: mykey,2
// EXPECT-LINE: dynrela mykey vmlinux 2 24 1 in __jump_table
// EXPORTS: ext
// PARENT-DUP: mykey
extern int ext(int);
static struct { int enabled; } mykey = { 1 };
int *use_key(void) { return &mykey.enabled; }
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
