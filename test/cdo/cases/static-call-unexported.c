/*
 * A static call site whose key isn't exported (EXPORT_STATIC_CALL_TRAMP
 * exports the trampoline only): the site is dropped, so the call keeps
 * going through the trampoline, which is always right.
 */
// EXPECT-FUNCS: caller
// EXPECT-NO-SECTION: .static_call_sites
// EXPECT-DYNRELAS:
// EXPECT-UNDEF: __fentry__ __SCT__hook ext
// EXPORTS: ext __SCT__hook
extern int ext(int);
#define STATIC_CALL() asm volatile("1: call __SCT__hook\n" \
	".pushsection .static_call_sites,\"a\"\n .long 1b - .\n" \
	" .long __SCK__hook - .\n.popsection\n" ::: "memory", "rax", "rdi", "rsi", "rdx", "rcx", "r8", "r9", "r10", "r11")
int caller(int x)
{
	STATIC_CALL();
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
int other(int x) { STATIC_CALL(); STATIC_CALL(); return x; }
