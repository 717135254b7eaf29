/*
 * Alternatives: the entries of the changed function, and only the
 * replacement bytes they use (a 5-byte call to an exported function).
 */
// EXPECT-FUNCS: fenced
// EXPECT-SECTION: .altinstructions 12
// EXPECT-SECTION: .altinstr_replacement 5
// EXPECT-UNDEF: __fentry__ alt_target ext
// EXPORTS: ext alt_target
extern int ext(int);
#define ALT(old, new, feat) asm volatile("661: " old "\n662:\n" \
	".pushsection .altinstructions,\"a\"\n .long 661b - .\n .long 6641f - .\n" \
	" .word " #feat "\n .byte 662b - 661b\n .byte 6651f - 6641f\n.popsection\n" \
	".pushsection .altinstr_replacement,\"ax\"\n6641: " new "\n6651:\n.popsection\n" ::: "memory")
int fenced(int x)
{
	ALT(".byte 0x0f,0x1f,0x44,0x00,0x00", "call alt_target", 3);
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
int other(int x) { ALT("nop; nop; nop", "lfence", 5); ALT("nop", "mfence", 6); return ext(x); }
