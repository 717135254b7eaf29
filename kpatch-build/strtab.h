/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A string table under construction: NUL-terminated strings one after
 * the other, each added once.  It holds .kpatch.strings and the output's
 * ELF string tables (.strtab, .shstrtab), where offset 0 is "".
 */
#ifndef CDO_STRTAB_H
#define CDO_STRTAB_H

#include <stddef.h>

#include "htab.h"

struct strnode;

struct strtab {
	char *data;
	size_t len, cap;
	struct htab dedup;	/* struct strnode by string */
	struct strnode *nodes;
};

/* Returns -1 when out of memory. */
int strtab_init(struct strtab *t);
/* The offset of s in t, adding it once.  (size_t)-1 when out of memory. */
size_t strtab_add(struct strtab *t, const char *s);
void strtab_free(struct strtab *t);

#endif
