// SPDX-License-Identifier: GPL-2.0
/*
 * create-diff-object ORIG.o PATCHED.o PARENT_NAME PARENT_SYMTAB
 *                    MODULE_SYMVERS PATCH_NAME OUTPUT.o
 *
 * Compares an object built before and after a source patch and writes the
 * changed functions, what they need, and the .kpatch.* metadata that the
 * patch module hands to the core module.  Exit status: 0 when OUTPUT.o is
 * written, 3 when nothing changed functionally, 1 on any error (named on
 * stderr), 2 on bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cdo.h"
#include "log.h"
#include "special.h"

static void usage(void)
{
	fprintf(stderr, "usage: create-diff-object [-d] ORIG.o PATCHED.o PARENT_NAME PARENT_SYMTAB MODULE_SYMVERS PATCH_NAME OUTPUT.o\n");
}

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

static int run(struct cdo *c)
{
	if (correlate(c) || compare(c) || include(c))
		return 1;
	if (!c->nchanged && !c->hooks) {
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

int main(int argc, char **argv)
{
	struct cdo c = { 0 };
	int ret = 1;

	if (argc > 1 && (!strcmp(argv[1], "-d") ||
			 !strcmp(argv[1], "--debug"))) {
		cdo_debug = true;
		argv++;
		argc--;
	}
	if (getenv("KPATCH_DEBUG") && *getenv("KPATCH_DEBUG"))
		cdo_debug = true;
	if (argc != 8) {
		usage();
		return 2;
	}
	c.parent_name = argv[3];
	c.patch_name = argv[6];
	c.out_path = argv[7];
	c.orig = kelf_open(argv[1], NULL, 0);
	if (c.orig)
		c.patched = kelf_open(argv[2], NULL, 0);
	if (c.patched)
		c.parent = parent_load(argv[4], argv[5]);
	if (c.parent)
		ret = run(&c);
	special_free(&c);
	free(c.kinds);
	free(c.orig_kinds);
	parent_free(c.parent);
	kelf_free(c.patched);
	kelf_free(c.orig);
	return ret;
}
