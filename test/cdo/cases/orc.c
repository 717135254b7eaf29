/* ORC entries go with their .orc_unwind_ip entries, by index. */
// EXPECT-FUNCS: unwound
// EXPECT-SECTION: .orc_unwind_ip 8
// EXPECT-SECTION: .orc_unwind 12
// EXPORTS: ext
extern int ext(int);
#define ORC() asm volatile("1:\n.pushsection .orc_unwind_ip,\"a\"\n .long 1b - .\n" \
	".popsection\n.pushsection .orc_unwind,\"a\"\n .word 8, 0, 5\n.popsection\n")
int unwound(int x)
{
	ORC();
	ORC();
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
int other(int x) { ORC(); ORC(); ORC(); return ext(x); }
