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

/* Is it one of the sections this unit knows the entries of? */
bool is_special_section(const char *name);

/* Where the fields compare.c reads are in a special section's entries. */
struct entry_fields {
	size_t size;
	size_t code;	/* s32 to the code the entry is about */
	int line;	/* u16 line number, not compared; -1: none */
};

/*
 * Are sec's entries compared with the function they describe?  Fills f.
 * False for the other sections, and for a garbled table (special_select
 * will say what is wrong with it).
 */
bool special_entry_fields(const struct section *sec, struct entry_fields *f);

/*
 * The layout of a table whose entries point at code: the entry size (from
 * its environment variable, as everywhere), the offset of the code field,
 * and of the u8 length of the code the kernel rewrites (-1: none).
 * Returns 1, 0 for other sections, or -1 after printing why the size is
 * wrong.  mask.c reads the original object's tables with it.
 */
int special_code_field(const struct section *sec, size_t *entsize,
		       int *code, int *code_len);

/*
 * special_select() (cdo.h) decides which entries to keep, now that the
 * code to include is known, and includes what kept entries need
 * (printk index records).  Jump labels whose keys the module loader
 * can't resolve keep them as dynrelas; static call sites drop them.
 */

/* The kept ranges of a special section, for output.  NULL when none. */
const bool *special_kept(const struct cdo *c, const struct section *sec,
			 size_t *entsize, size_t *nentries);
void special_free(struct cdo *c);

/*
 * Is the relocation at off in sec the key of a kept jump label, which
 * may be a dynrela (see check_key in special.c)?
 */
bool special_key_dynrela(const struct cdo *c, const struct section *sec,
			 GElf_Addr off);

/* Is that range in an instruction an alternative or paravirt rewrites? */
bool special_rewritten(const struct cdo *c, const struct section *sec,
		       GElf_Addr off, size_t len);

#endif
