/* The same code twice: exit 3, no output. */
// EXPECT-EXIT: 3
// EXPECT-ERR: no functional changes
extern int ext(int);
int foo(int x) { return ext(x) + 1; }
static int counter;
int bar(void) { return counter++; }
