/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state of one create-diff-object run, and the stages that fill it in
 * order: correlate, compare, include, special sections, output.
 */
#ifndef CDO_CDO_H
#define CDO_CDO_H

#include "kelf.h"
#include "parent.h"

struct special_state;

/* Exit statuses fixed by the design. */
#define EXIT_NO_CHANGE 3

/* What a section is, which decides how it is compared and copied. */
enum kind {
	K_IGNORE,	/* metadata, debug info, notes, .discard.* */
	K_TEXT,
	K_INIT,		/* __init/__exit code and data: never patchable */
	K_DATA,		/* writable data: may be added, never changed */
	K_RODATA,	/* read-only data: a changed copy is included */
	K_COPY,		/* copied when referenced: __func__, __dyndbg, ... */
	K_STRINGS,	/* merged strings: compared by content */
	K_SPECIAL,	/* tables of entries about code: see special.c */
	K_KPATCH,	/* .kpatch.* from the macros */
	K_OTHER,	/* anything else: changes are refused */
};

struct cdo {
	struct kelf *orig, *patched;
	struct parent *parent;
	const char *parent_name, *patch_name, *out_path;
	size_t parent_file;	/* the object's STT_FILE block in the parent */
	enum kind *kinds;	/* by patched section index */
	enum kind *orig_kinds;	/* by orig section index */
	size_t nchanged;	/* changed functions that will be replaced */
	size_t nnew;		/* new functions and data included */
	bool hooks;		/* the patch has hooks or callbacks */
	struct special_state *special;	/* kept entries: special.c */
};

enum kind section_kind(const struct section *sec);
const char *kind_name(enum kind k);

/*
 * The whole run on loaded objects and parent: returns the exit status
 * (0 written, EXIT_NO_CHANGE, 1 error).  cdo_free() releases everything.
 */
int cdo_run(struct cdo *c);
void cdo_free(struct cdo *c);

/* Each returns 0, or -1 after printing an error. */
int correlate(struct cdo *c);
int compare(struct cdo *c);
int include(struct cdo *c);
int write_output(struct cdo *c);

/* The name a patched symbol has in the parent: its orig twin's name. */
static inline const char *parent_name_of(const struct symbol *s)
{
	return s->twin ? s->twin->name : s->name;
}

/* Where a relocation points in its target: see struct rela. */
static inline GElf_Sxword rela_target_offset(const struct rela *r)
{
	return r->target;
}

#endif
