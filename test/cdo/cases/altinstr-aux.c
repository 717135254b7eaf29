/*
 * static_cpu_has() puts its slow path in .altinstr_aux, one snippet per
 * use, and jumps there by "section + offset".  A use added to one
 * function moves every later snippet: the other users are unchanged all
 * the same.  And a user whose snippet tests another feature bit changed,
 * though its own bytes didn't.
 */
// EXPECT-FUNCS: more feature
// EXPORTS: ext
extern int ext(int);
extern unsigned char caps[];
#define static_cpu_has(byte, bit) _static_cpu_has(byte, bit)
static inline __attribute__((always_inline)) int
_static_cpu_has(const int byte, const int bit)
{
	asm goto("jmp 6f\n.pushsection .altinstr_aux,\"ax\"\n6:\n"
		 " testb %[b], caps+%c[o](%%rip)\n jnz %l[t_yes]\n jmp %l[t_no]\n"
		 ".popsection\n" :: [o] "i" (byte), [b] "i" (bit) :: t_yes, t_no);
	return 0;
t_yes:
	return 1;
t_no:
	return 0;
}
int more(int x)
{
	if (static_cpu_has(1, 4))
		x++;
#ifdef PATCHED
	if (static_cpu_has(2, 8))
		x++;
#endif
	return ext(x);
}
int same(int x) { return static_cpu_has(3, 1) ? ext(x) : x; }
int feature(int x)
{
#ifdef PATCHED
	return static_cpu_has(5, 2) ? ext(x) : x;
#else
	return static_cpu_has(5, 1) ? ext(x) : x;
#endif
}
int later(int x) { return static_cpu_has(4, 1) ? ext(x) : x + 1; }
