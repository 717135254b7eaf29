/*
 * R_X86_64_NONE relocations write nothing (ld -r leaves them behind, and
 * .reloc makes them to tie sections together): they are no reason to
 * refuse an object, and one more of them is no change.
 */
// EXPECT-FUNCS: foo
// EXPORTS: ext
extern int ext(int);
#define NONE_RELOC() asm volatile(".reloc ., R_X86_64_NONE, ext")
int foo(int x)
{
	NONE_RELOC();
#ifdef PATCHED
	return ext(x + 1);
#else
	return ext(x);
#endif
}
int bar(int x)
{
#ifdef PATCHED
	NONE_RELOC();
#endif
	return ext(x) * 2;
}
