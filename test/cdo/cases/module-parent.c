/*
 * Patching a module: its own symbols are dynrelas against the module,
 * unexported vmlinux ones against vmlinux, and hooks name the module.
 */
// PARENT: mymod
// PARENT-LACKS: vmlinux_internal
// EXPECT-FUNCS: foo
// EXPECT-DYNRELAS: state,0,mymod mod_helper,0,mymod vmlinux_internal,0
// EXPORTS: ext
// EXPECT-LINE: hook .kpatch.hooks.unload -> .text.my_hook mymod
extern int ext(int), vmlinux_internal(int);
struct kpatch_patch_hook { void *fn; char *objname; };
static int state;
__attribute__((noinline)) int mod_helper(int x) { return x + state++; }
int foo(int x)
{
#ifdef PATCHED
	return mod_helper(x) + vmlinux_internal(x) + ext(state);
#else
	return mod_helper(x);
#endif
}
#ifdef PATCHED
static void my_hook(void) { ext(1); }
static struct kpatch_patch_hook hook __attribute__((used, section(".kpatch.hooks.unload"))) = { .fn = my_hook };
#endif
