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

/* Where a reference goes. */
enum target_kind {
	TO_OUTPUT_SYMBOL,	/* an included symbol, + addend */
	TO_OUTPUT_SECTION,	/* an included section or piece, at addend */
	TO_LOADER,		/* an undefined global: the link or loader resolves it */
	TO_DYNRELA,		/* named for the core module to resolve */
};

struct resolved {
	enum target_kind to;
	struct symbol *sym;	/* TO_OUTPUT_SYMBOL */
	struct section *sec;	/* TO_OUTPUT_SECTION */
	const char *name;	/* TO_LOADER, TO_DYNRELA */
	const char *objname;	/* TO_DYNRELA */
	unsigned long sympos;	/* TO_DYNRELA */
	GElf_Sxword addend;
	/* TO_OUTPUT_SECTION: the offset meant in sec (see struct rela). */
	GElf_Sxword target;
};

/*
 * Resolves r, a relocation in section `in` of the patched object.
 * Returns 0, or -1 after printing why.
 */
int resolve(const struct cdo *c, const struct section *in,
	    const struct rela *r, struct resolved *out);

#endif
