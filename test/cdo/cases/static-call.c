/* An inline static call site with an exported key: kept. */
// EXPECT-FUNCS: caller
// EXPECT-SECTION: .static_call_sites 8
// EXPECT-UNDEF: __fentry__ __SCT__hook __SCK__hook ext
// EXPORTS: ext __SCT__hook __SCK__hook
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
