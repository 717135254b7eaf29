/*
 * A global of this file shares its name with another file's local:
 * kallsyms has both, so the global needs a sympos too.
 */
// EXPECT-FUNCS: foo
// EXPECT-DYNRELAS: level,2
// PARENT-DUP: level
int level;
int foo(int x)
{
#ifdef PATCHED
	return x > level ? 1 : -1;
#else
	return x > level;
#endif
}
