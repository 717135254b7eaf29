/*
 * Three functions each with a static __key (lockdep style): the numbers
 * all move when one is added, and they all normalize to __key.  They are
 * told apart by the code that uses them, so unchanged users stay out.
 */
// EXPECT-FUNCS: third
// EXPECT-LOCALS: t:third d:__key.1
// EXPORTS: lockdep_init
struct key { int x; };
extern void lockdep_init(void *lock, struct key *k);
#define INIT(l) ({ static struct key __key; lockdep_init(l, &__key); })
void first(void *l) { INIT(l); }
void second(void *l) { INIT(l); INIT(l + 8); }
void third(void *l)
{
#ifdef PATCHED
	INIT(l + 16);
#endif
	INIT(l);
}
