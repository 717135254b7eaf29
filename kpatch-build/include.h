/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inclusion: what goes into the output.  Changed functions are the seeds;
 * from them, relocations lead to what they need: new functions and data,
 * strings, .cold parts, copies of __func__ and dynamic-debug records.
 * Everything else they reference stays in the parent.
 */
#ifndef CDO_INCLUDE_H
#define CDO_INCLUDE_H

struct cdo;
struct rela;
struct symbol;

/* Includes s, and then whatever it needs, transitively. */
int include_symbol(struct cdo *c, struct symbol *s);
/* Includes what a relocation of included data points to, if needed. */
int include_target(struct cdo *c, const struct rela *r);

#endif
