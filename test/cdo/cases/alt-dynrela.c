/*
 * A dynrela inside an instruction that an alternative replaces at load
 * time would later be written over the replacement: refused.
 */
// EXPECT-EXIT: 1
// EXPECT-ERR: section .text.fenced: reference to hidden_fn at 0x
// EXPORTS: ext
extern int ext(int);
#define ALT(old, new, feat) asm volatile("661: " old "\n662:\n" \
	".pushsection .altinstructions,\"a\"\n .long 661b - .\n .long 6641f - .\n" \
	" .word " #feat "\n .byte 662b - 661b\n .byte 6651f - 6641f\n.popsection\n" \
	".pushsection .altinstr_replacement,\"ax\"\n6641: " new "\n6651:\n.popsection\n" ::: "memory")
int fenced(int x)
{
	ALT("call hidden_fn", ".byte 0x0f,0x1f,0x44,0x00,0x00", 3);
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
