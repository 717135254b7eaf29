/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Resolution: where a relocation of included code will point in the
 * patch module.  Into the output itself; to an exported symbol, which the
 * module loader resolves; or to a symbol that only the core module can
 * find (local, or not exported), named by object, name and position: a
 * dynrela.
 */
#ifndef CDO_RESOLVE_H
#define CDO_RESOLVE_H

#include <gelf.h>

struct cdo;
struct rela;
struct section;
struct symbol;

enum rkind {
	R_OUT_SYM,	/* an included symbol, + addend */
	R_OUT_SEC,	/* an included section or piece, at addend */
	R_EXPORT,	/* an undefined global the loader resolves */
	R_DYNRELA,
};

struct resolved {
	enum rkind kind;
	struct symbol *sym;	/* R_OUT_SYM */
	struct section *sec;	/* R_OUT_SEC */
	const char *name;	/* R_EXPORT, R_DYNRELA */
	const char *objname;	/* R_DYNRELA */
	unsigned long sympos;	/* R_DYNRELA */
	GElf_Sxword addend;
};

/*
 * Resolves r, a relocation in section `in` of the patched object.
 * Returns 0, or -1 after printing why.
 */
int resolve(const struct cdo *c, const struct section *in,
	    const struct rela *r, struct resolved *out);

#endif
