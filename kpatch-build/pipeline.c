// SPDX-License-Identifier: GPL-2.0
/*
 * The stages in order, for main() and for the fuzz target alike.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cdo.h"
#include "log.h"
#include "output.h"
#include "special.h"

/* Builds the output in memory, then writes it. */
static int output(struct cdo *c)
{
	struct out o;
	int ret;

	ret = build_output(c, &o);
	if (!ret)
		ret = write_elf(&o, c->out_path);
	out_free(&o);
	return ret;
}

int cdo_run(struct cdo *c)
{
	if ((c->line_map_path && linemap_load(&c->lines, c->line_map_path)) ||
	    correlate(c) || compare(c) || include_changed_code(c))
		return 1;
	if (!c->nchanged && !c->hooks && !c->nglobals) {
		if (!cdo_quiet)
			fprintf(stderr, "create-diff-object: %s: no functional changes\n",
				c->patched->path);
		return EXIT_NO_CHANGE;
	}
	c->parent_files = calloc(c->orig->nfiles ? c->orig->nfiles : 1,
				 sizeof(*c->parent_files));
	if (!c->parent_files) {
		cdo_err(c->orig->path, "out of memory");
		return 1;
	}
	if (parent_locate_object(c->parent, c->parent_name, c->orig,
				 c->parent_files) ||
	    (c->new_globals_path &&
	     parent_load_patch_globals(c->parent, c->new_globals_path)) ||
	    special_select(c) || output(c))
		return 1;
	cdo_dbg("%zu changed functions, %zu new functions and objects",
		c->nchanged, c->nnew);
	return 0;
}

void cdo_free(struct cdo *c)
{
	special_free(c);
	linemap_free(&c->lines);
	free(c->parent_files);
	c->parent_files = NULL;
	parent_free(c->parent);
	kelf_free(c->patched);
	kelf_free(c->orig);
	c->parent = NULL;
	c->patched = c->orig = NULL;
}
