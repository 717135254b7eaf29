/* .return_sites, .retpoline_sites and .smp_locks keep the changed function's entries. */
// EXPECT-FUNCS: f
// EXPECT-SECTION: .return_sites 4
// EXPECT-SECTION: .retpoline_sites 8
// EXPECT-SECTION: .smp_locks 4
// EXPORTS: ext
extern int ext(int);
#define SITE(sec) asm volatile("1:\n.pushsection " sec ",\"a\"\n .long 1b - .\n.popsection\n")
int f(int x)
{
	SITE(".return_sites"); SITE(".retpoline_sites"); SITE(".retpoline_sites"); SITE(".smp_locks");
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
int g(int x) { SITE(".return_sites"); SITE(".retpoline_sites"); SITE(".smp_locks"); SITE(".smp_locks"); return ext(x); }
