/* __LINE__ used as a plain value is a real change. */
// LINE-MAP: 200 0 201 102
// EXPECT-FUNCS: value
// EXPORTS: ext
extern int ext(int);
int value(void)
{
#ifdef PATCHED
#line 300
#else
#line 200
#endif
	return ext(__LINE__);
}
