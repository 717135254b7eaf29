/*
 * A tracepoint's jump label: the key is the static_key inside struct
 * tracepoint (__tracepoint_foo + 8), not exported.  The dynrela keeps the
 * offset and the flag bits in its addend.
 */
// EXPECT-FUNCS: traced
// EXPECT-DYNRELAS: __tracepoint_foo,0
// EXPECT-LINE: dynrela __tracepoint_foo vmlinux 0 24 8 in __jump_table
// EXPORTS: ext
extern int ext(int);
struct static_key { int enabled; void *p; };
struct tracepoint { const char *name; struct static_key key; };
extern struct tracepoint __tracepoint_foo;
static inline __attribute__((always_inline)) int tp_enabled(void)
{
	asm goto("1: .byte 0x0f,0x1f,0x44,0x00,0x00\n"
		 ".pushsection __jump_table, \"aw\"\n .balign 8\n"
		 " .long 1b - .\n .long %l[l_yes] - .\n .quad %c0 + %c1 - .\n"
		 ".popsection\n" : : "i" (&__tracepoint_foo.key), "i" (0) : : l_yes);
	return 0;
l_yes:
	return 1;
}
int traced(int x)
{
	if (tp_enabled())
		ext(-1);
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
int other(int x) { return tp_enabled() ? ext(7) : x; }
