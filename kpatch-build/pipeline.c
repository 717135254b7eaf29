// SPDX-License-Identifier: GPL-2.0
/*
 * The stages in order, for main() and for the fuzz target.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cdo.h"
#include "log.h"
#include "special.h"

/* Ties the object to its block of locals in the parent's listing. */
static int find_parent_file(struct cdo *c)
{
	const char *file = NULL, **names;
	size_t i, n = 0;

	for (i = 1; i < c->orig->nsyms && !file; i++)
		if (c->orig->syms[i].type == STT_FILE)
			file = c->orig->syms[i].name;
	names = calloc(c->orig->nsyms, sizeof(*names));
	if (!names) {
		cdo_err(c->orig->path, "out of memory");
		return -1;
	}
	/* A few hundred locals tell same-named files apart well enough. */
	for (i = 1; i < c->orig->nsyms && n < 256; i++) {
		const struct symbol *s = &c->orig->syms[i];

		if (s->bind == STB_LOCAL && s->sec &&
		    (s->type == STT_FUNC || s->type == STT_OBJECT))
			names[n++] = s->name;
	}
	c->parent_file = parent_find_file(c->parent, file ? file : "",
					  names, n);
	free(names);
	return c->parent_file ? 0 : -1;
}

int cdo_run(struct cdo *c)
{
	if (correlate(c) || compare(c) || include(c))
		return 1;
	if (!c->nchanged && !c->hooks) {
		if (!cdo_quiet)
			fprintf(stderr, "create-diff-object: %s: no functional changes\n",
				c->patched->path);
		return EXIT_NO_CHANGE;
	}
	if (find_parent_file(c) || special_select(c) || write_output(c))
		return 1;
	cdo_dbg("%zu changed functions, %zu new functions and objects",
		c->nchanged, c->nnew);
	return 0;
}

void cdo_free(struct cdo *c)
{
	special_free(c);
	free(c->kinds);
	free(c->orig_kinds);
	parent_free(c->parent);
	kelf_free(c->patched);
	kelf_free(c->orig);
	c->kinds = c->orig_kinds = NULL;
	c->parent = NULL;
	c->patched = c->orig = NULL;
}
