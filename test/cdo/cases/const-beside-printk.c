/*
 * A changed constant in a function that also calls printk, with no line
 * moved: a real change, though its immediate looks like a line number's.
 * (configfs_fill_super() with a new mode for the root inode was taken
 * for a line-only change before the line map.)
 */
// LINE-MAP: 14 1 14 1
// EXPECT-FUNCS: make_root
// EXPORTS: _printk new_inode
extern int _printk(const char *fmt, ...);
extern void *new_inode(unsigned int mode);
void *make_root(void)
{
#ifdef PATCHED
	void *inode = new_inode(0040700);
#else
	void *inode = new_inode(0040755);
#endif
	if (!inode)
		_printk("no root inode at line %d\n", __LINE__);
	return inode;
}
