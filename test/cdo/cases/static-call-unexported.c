/* A static call whose key isn't exported is refused. */
// EXPECT-EXIT: 1
// EXPECT-ERR: section .static_call_sites: static call in caller uses key __SCK__hook, which is neither exported nor part of the patch
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
