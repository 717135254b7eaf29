/* A dynrela next to, not inside, an alternative is fine. */
// EXPECT-FUNCS: fenced
// EXPECT-DYNRELAS: hidden_fn,0
// EXPECT-SECTION: .altinstructions 12
// EXPORTS: ext
extern int ext(int), hidden_fn(int);
#define ALT(old, new, feat) asm volatile("661: " old "\n662:\n" \
	".pushsection .altinstructions,\"a\"\n .long 661b - .\n .long 6641f - .\n" \
	" .word " #feat "\n .byte 662b - 661b\n .byte 6651f - 6641f\n.popsection\n" \
	".pushsection .altinstr_replacement,\"ax\"\n6641: " new "\n6651:\n.popsection\n" ::: "memory")
int fenced(int x)
{
	ALT("nop; nop; nop", "lfence", 3);
#ifdef PATCHED
	return hidden_fn(x + 1);
#else
	return ext(x);
#endif
}
