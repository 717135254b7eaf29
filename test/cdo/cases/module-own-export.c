/*
 * A module's references to its own exports, defined in another of its
 * files or in this one, are dynrelas against the module: a normal
 * relocation would need the module loaded before the patch, and pin it.
 * vmlinux exports stay normal relocations.
 */
// PARENT: my_mod
// PARENT-EXPORTS: group_init local_export
// EXPORTS: ext
// EXPECT-FUNCS: fill
// EXPECT-DYNRELAS: group_init,0,my_mod local_export,0,my_mod
// EXPECT-UNDEF: __fentry__ __x86_return_thunk ext
extern int ext(int), group_init(int);
__attribute__((noinline)) int local_export(int x) { return ext(x) + 1; }
int fill(int x)
{
#ifdef PATCHED
	return group_init(x) + local_export(x) + ext(2);
#else
	return group_init(x) + local_export(x);
#endif
}
