/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How the patch moved the lines of the object's source file, so that a
 * __LINE__ passed as an immediate can be told from any other constant.
 *
 * kpatch-build writes the file that KPATCH_LINE_MAP names, one line per
 * hunk of "diff -U0" between the original and the patched source of the
 * object: OLD_START OLD_COUNT NEW_START NEW_COUNT, as in the hunk's
 * "@@ -OLD_START,OLD_COUNT +NEW_START,NEW_COUNT @@" header.  Without a
 * map, no changed immediate is taken for a line number: a function whose
 * constants differ is then replaced, which costs a larger patch but never
 * leaves a real change out.
 */
#ifndef CDO_LINEMAP_H
#define CDO_LINEMAP_H

#include <stdbool.h>
#include <stddef.h>

struct hunk {
	unsigned long old_start, old_count, new_start, new_count;
};

struct linemap {
	struct hunk *hunks;	/* by old_start */
	size_t nhunks;
	bool loaded;
};

/* Reads path into m; returns -1 after printing why, naming the file. */
int linemap_load(struct linemap *m, const char *path);
void linemap_free(struct linemap *m);

/*
 * Is new_line where the patch moved old_line, an unchanged line of the
 * original source?  False without a map, and for a line the patch changed
 * or removed.
 */
bool linemap_moved(const struct linemap *m, unsigned long old_line,
		   unsigned long new_line);

#endif
