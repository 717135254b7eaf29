/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state of one create-diff-object run, and the stages that fill it,
 * in the order cdo_run() calls them.
 */
#ifndef CDO_CDO_H
#define CDO_CDO_H

#include "kelf.h"
#include "linemap.h"
#include "parent.h"

struct out;
struct special_state;

/* Exit statuses fixed by the design. */
#define EXIT_NO_CHANGE 3

struct cdo {
	struct kelf *orig, *patched;
	struct parent *parent;
	const char *parent_name, *patch_name, *out_path;
	/* KPATCH_NEW_GLOBALS: the patch's new globals, or NULL. */
	const char *new_globals_path;
	/* KPATCH_LINE_MAP: how the patch moved the source's lines, or NULL. */
	const char *line_map_path;
	struct linemap lines;
	/* By STT_FILE block of the object (symbol.file): its block in the parent. */
	size_t *parent_files;
	size_t nchanged;	/* changed functions that will be replaced */
	size_t nnew;		/* new functions and data included */
	size_t nglobals;	/* of which new globals, included always */
	bool hooks;		/* the patch has hooks or callbacks */
	struct special_state *special;	/* kept entries: special.c */
};

/*
 * The whole run on loaded objects and parent: returns the exit status
 * (0 written, EXIT_NO_CHANGE, 1 error).  cdo_free() releases everything.
 */
int cdo_run(struct cdo *c);
void cdo_free(struct cdo *c);

/*
 * The stages.  Each returns 0, or -1 after printing an error.  Between
 * compare and the special sections, parent_locate_object() (parent.h)
 * ties the object to its symbols in the parent.
 */
/* correlate.c: pairs each symbol and section with its twin. */
int correlate(struct cdo *c);
/* compare.c: statuses and refusals; counts the replaced functions. */
int compare(struct cdo *c);
/* include.c: marks the changed functions, hooks, and what they need. */
int include_changed_code(struct cdo *c);
/* special.c: keeps the special-section entries about included code. */
int special_select(struct cdo *c);
/* output.c: builds the output object in memory (free with out_free). */
int build_output(struct cdo *c, struct out *o);
/* write.c: writes a built output to path, never half-written. */
int write_elf(const struct out *o, const char *path);

/*
 * Is s a function the patch replaces, one that goes into .kpatch.funcs?
 * A changed function of its own section, not a .cold part (which comes
 * along with its whole) and not ignored by KPATCH_IGNORE_FUNCTION.
 */
bool is_replaced_function(const struct symbol *s);

/*
 * Is s a new global function or object?  It is included even when
 * nothing calls it yet, and stays global in the output, so that the
 * patch's other objects can use it: the one exception to "everything
 * the output defines is local".
 */
bool is_new_global(const struct symbol *s);

/* The parent's STT_FILE block that holds the local s. */
static inline size_t parent_file_of(const struct cdo *c,
				    const struct symbol *s)
{
	return c->parent_files[s->file < c->orig->nfiles ? s->file : 0];
}

/* The name a patched symbol has in the parent: its orig twin's name. */
static inline const char *parent_name_of(const struct symbol *s)
{
	return s->twin ? s->twin->name : s->name;
}

#endif
