/* .parainstructions: the changed function's sites only. */
// EXPECT-FUNCS: pv
// EXPECT-SECTION: .parainstructions 16
// EXPORTS: ext
extern int ext(int);
#define PVOP() asm volatile("771: .byte 0xff, 0x15; .long 0\n772:\n" \
	".pushsection .parainstructions,\"a\"\n .balign 8\n .quad 771b\n" \
	" .byte 12\n .byte 772b - 771b\n .balign 8\n.popsection\n" ::: "memory")
int pv(int x)
{
	PVOP();
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
int other(int x) { PVOP(); PVOP(); return ext(x); }
