/*
 * An object that looks like a copyable __func__ but sits in a section the
 * output drops (.discard.*) is referenced in the parent, not copied.
 * Found by fuzzing: it used to be copied into a section never written.
 */
// EXPECT-FUNCS: odd
// EXPECT-DYNRELAS: __func__.99,0
asm(".pushsection .discard.names,\"a\",@progbits\n"
    ".type __func__.99,@object\n__func__.99: .asciz \"odd\"\n.size __func__.99, 4\n.popsection");
const char *odd(int x)
{
	const char *p;
	asm("lea __func__.99(%%rip), %0" : "=r" (p));
#ifdef PATCHED
	return x ? p : 0;
#else
	return p;
#endif
}
