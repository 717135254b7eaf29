/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The output object under construction: sections made of pieces of the
 * patched object's sections (a whole function section, one object out of
 * .data..read_mostly, the kept entries of __bug_table), their symbols
 * and relocations, and the synthetic .kpatch.* sections.  build_output()
 * (cdo.h) builds it, write_elf() turns it into an ELF file, and out_free()
 * releases it.
 */
#ifndef CDO_OUTPUT_H
#define CDO_OUTPUT_H

#include <gelf.h>
#include <stdbool.h>
#include <stddef.h>

#include "htab.h"
#include "strtab.h"

struct gnode;
struct section;

struct piece {
	GElf_Addr src, dst;
	size_t len;
};

struct orela {
	GElf_Addr offset;
	GElf_Sxword addend;
	unsigned int type;
	size_t sym;		/* an index into out.syms */
};

struct osec {
	const char *name;
	struct section *src;	/* NULL for synthetic sections */
	GElf_Shdr sh;		/* type, flags, align, entsize */
	struct piece *pieces;	/* sorted by src */
	size_t npieces;
	unsigned char *data;	/* built from the pieces, or synthetic */
	size_t size;
	bool own_data;		/* data is this section's to free */
	struct orela *relas;
	size_t nrelas, rcap;
	size_t secsym;		/* its STT_SECTION symbol */
};

struct osym {
	const char *name;
	unsigned char info;
	size_t sec;		/* an index into out.secs + 1, or 0 */
	GElf_Addr value;
	GElf_Xword size;
	size_t final;		/* the index in the written symtab */
};

struct out {
	struct osec *secs;
	size_t nsecs;
	struct osym *syms;	/* syms[0] is the null symbol */
	size_t nsyms, symcap;
	size_t *symmap;		/* patched symbol index -> syms index */
	size_t *secmap;		/* patched section index -> secs index + 1 */
	struct htab globals;	/* undefined globals by name */
	struct gnode *gnodes;	/* their nodes, for freeing */
	struct strtab kstrings;	/* .kpatch.strings */
};

void out_free(struct out *o);

#endif
