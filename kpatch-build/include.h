/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inclusion: what goes into the output.  Changed functions are the seeds;
 * from them, relocations lead to what they need: new functions and data,
 * strings, .cold parts, copies of __func__ and dynamic-debug records.
 * Everything else they reference stays in the parent.
 */
#ifndef CDO_INCLUDE_H
#define CDO_INCLUDE_H

#include <stdbool.h>

struct cdo;
struct symbol;
struct section;

/* Includes s, and then whatever it needs, transitively. */
int include_symbol(struct cdo *c, struct symbol *s);
/* Includes what a relocation of included data points to, if needed. */
int include_target(struct cdo *c, const struct rela *r);
/* Includes a whole section (strings, anonymous constants, aux code). */
int include_section(struct cdo *c, struct section *sec);
/* Symbols read-only by nature, that a patch may as well carry a copy of. */
bool is_copy_symbol(const struct cdo *c, const struct symbol *s);

#endif
