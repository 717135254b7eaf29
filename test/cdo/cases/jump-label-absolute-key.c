/*
 * A jump_entry whose key is an absolute address (the layout before
 * relative jump labels, or a wrong JUMP_STRUCT_SIZE) on a key that only
 * kpatch.ko can resolve: refused, naming the function and the key.
 */
// EXPECT-EXIT: 1
// EXPECT-ERR: section __jump_table: jump label in branchy uses key mykey through relocation type 1, not the R_X86_64_PC64 of a relative jump_entry
// EXPORTS: ext
extern int ext(int);
extern struct { int enabled; } mykey;
static inline __attribute__((always_inline)) int static_branch(void *key)
{
	asm goto("1: .byte 0x0f,0x1f,0x44,0x00,0x00\n"
		 ".pushsection __jump_table, \"aw\"\n .balign 8\n"
		 " .long 1b - .\n .long %l[l_yes] - .\n .quad %c0 + 1\n"
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
