/*
 * Since paravirt_patch_site lost its trailing .balign, the last entry of
 * .parainstructions is 10 bytes, not 16: the section is no multiple of
 * the entry size, and the entry is kept as it is.
 */
// EXPECT-FUNCS: pv
// EXPECT-SECTION: .parainstructions 10
// EXPORTS: ext
extern int ext(int);
#define PVOP() asm volatile("771: .byte 0xff, 0x15; .long 0\n772:\n" \
	".pushsection .parainstructions,\"a\"\n .balign 8\n .quad 771b\n" \
	" .byte 12\n .byte 772b - 771b\n.popsection\n" ::: "memory")
int other(int x) { PVOP(); PVOP(); return ext(x); }
int pv(int x)
{
	PVOP();
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
