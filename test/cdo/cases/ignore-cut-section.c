/*
 * KPATCH_IGNORE_SECTION(".sched.text") ignores every function cut out of
 * it, not only the first piece that carries the name.
 */
// EXPECT-FUNCS: get
// EXPORTS: ext
extern int ext(int);
#define __sched __attribute__((section(".sched.text")))
#ifdef PATCHED
static char *__kpatch_ignore_section_sched __attribute__((used, section(".kpatch.ignore.sections"))) = ".sched.text";
#define DELTA 1
#else
#define DELTA 0
#endif
int __sched first(int x) { return ext(x + DELTA); }
int __sched second(int x) { return ext(x * 2 + DELTA); }
int get(int i) { return ext(i + DELTA); }
