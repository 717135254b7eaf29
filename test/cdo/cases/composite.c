/*
 * An object linked from two files with ld -r (as KVM's are) has two
 * STT_FILE symbols, and each file's locals follow its own: two statics
 * named counter, two functions named helper.  A local belongs to the
 * file block it follows, in the object and in the parent's listing, so
 * the changed part_fn() refers to part.c's counter and helper, not to
 * case.c's, which come first.
 */
// LINK-WITH: parts/composite-part.c
// EXPECT-FUNCS: part_fn
// EXPECT-DYNRELAS: counter,2 helper,2
// EXPORTS: ext
extern int ext(int);
static int counter;
static int __attribute__((noinline)) helper(int x) { return ext(x) - counter; }
int case_fn(int x) { return helper(x) + 1; }
void case_set(int v) { counter = v; }
