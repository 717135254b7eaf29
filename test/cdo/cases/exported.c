/* Exported symbols stay normal relocations; others become dynrelas. */
// EXPECT-FUNCS: foo
// EXPECT-DYNRELAS: not_exported,0 not_exported_var,0
// EXPECT-UNDEF: __fentry__ __x86_return_thunk exported_fn exported_var
// EXPORTS: exported_fn exported_var
extern int exported_fn(int), not_exported(int);
extern int exported_var, not_exported_var;
int foo(int x)
{
#ifdef PATCHED
	return exported_fn(x) + not_exported(x) + exported_var + not_exported_var;
#else
	return exported_fn(x) + not_exported(x);
#endif
}
