/* A load hook alone makes a patch; the hook function comes along. */
// EXPECT-LOCALS: t:my_load_hook d:hook
// EXPECT-FUNCS:
// EXPECT-LINE: hook .kpatch.hooks.load -> .text.my_load_hook (null)
// EXPORTS: ext
extern int ext(int);
struct kpatch_patch_hook { void *fn; char *objname; };
int foo(int x) { return ext(x); }
#ifdef PATCHED
static void my_load_hook(void) { ext(42); }
static struct kpatch_patch_hook hook __attribute__((used, section(".kpatch.hooks.load"))) = { .fn = my_load_hook };
#endif
