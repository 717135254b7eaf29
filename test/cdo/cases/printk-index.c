/* The printk index keeps the records of formats that included code prints. */
// EXPECT-FUNCS: say
// EXPECT-SECTION: .printk_index 8
// EXPECT-LOCALS: t:say d:_entry.3 d:_entry_ptr.5 d:__func__.2
// EXPORTS: _printk
extern int _printk(const char *fmt, ...);
struct pi_entry {
	const char *fmt, *func, *file;
	unsigned int line;
	const char *level, *subsys_fmt_prefix;
} __attribute__((packed));
#define printk(f, ...) ({ \
	static const struct pi_entry _entry __attribute__((used)) = \
		{ .fmt = f, .func = __func__, .file = __FILE__, .line = __LINE__ }; \
	static const struct pi_entry *_entry_ptr \
		__attribute__((used, section(".printk_index"))) = &_entry; \
	_printk(f, ##__VA_ARGS__); })
void say(int x)
{
#ifdef PATCHED
	printk("now %d\n", x);
#else
	printk("was %d\n", x);
#endif
}
void other(int x) { printk("other %d\n", x); }
