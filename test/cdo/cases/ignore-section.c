/* KPATCH_IGNORE_SECTION: a data change the author vouches for. */
// EXPECT-FUNCS: get
// EXPORTS: ext
extern int ext(int);
#ifdef PATCHED
int limits[2] = { 1, 3 };
static char *__kpatch_ignore_section_limits __attribute__((used, section(".kpatch.ignore.sections"))) = ".data.limits";
#else
int limits[2] = { 1, 2 };
#endif
int get(int i)
{
#ifdef PATCHED
	return ext(limits[i & 1] + 1);
#else
	return ext(limits[i & 1]);
#endif
}
