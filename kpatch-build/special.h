/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Special sections: tables of fixed-size entries about code (bug table,
 * exception table, jump labels, alternatives, ORC, ...).  The output keeps
 * exactly the entries that describe included code, with their
 * relocations; the others would point at code the patch doesn't carry.
 */
#ifndef CDO_SPECIAL_H
#define CDO_SPECIAL_H

#include <stdbool.h>
#include <stddef.h>

#include <gelf.h>

struct cdo;
struct section;

bool is_special_section(const char *name);

/*
 * The entry size of a special section: from its environment variable when
 * set (ALT_STRUCT_SIZE, ...), else the x86_64 6.1 default.  0 for sections
 * that aren't tables of entries.  Returns -1 after printing why when the
 * variable is garbled or the section size isn't a multiple.
 */
long special_entry_size(const struct section *sec);

/*
 * Decides which entries to keep, now that the code to include is known:
 * fills keep[] (one flag per entry) for each special section, and
 * includes what kept entries need (printk index records).  Refuses jump
 * labels and static calls whose keys the module loader can't resolve.
 */
int special_select(struct cdo *c);

/* The kept ranges of a special section, for output.  NULL when none. */
const bool *special_kept(const struct cdo *c, const struct section *sec,
			 size_t *entsize, size_t *nentries);
void special_free(struct cdo *c);

/* Is that range in an instruction an alternative or paravirt rewrites? */
bool special_rewritten(const struct cdo *c, const struct section *sec,
		       GElf_Addr off, size_t len);

#endif
