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

static void usage(void)
{
	fprintf(stderr, "usage: create-diff-object [-d] ORIG.o PATCHED.o PARENT_NAME PARENT_SYMTAB MODULE_SYMVERS PATCH_NAME OUTPUT.o\n");
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
	/* Set by kpatch-build: the argument list is fixed by the design. */
	if (getenv("KPATCH_NEW_GLOBALS") && *getenv("KPATCH_NEW_GLOBALS"))
		c.new_globals_path = getenv("KPATCH_NEW_GLOBALS");
	if (getenv("KPATCH_LINE_MAP") && *getenv("KPATCH_LINE_MAP"))
		c.line_map_path = getenv("KPATCH_LINE_MAP");
	c.orig = kelf_open(argv[1], NULL, 0);
	if (c.orig)
		c.patched = kelf_open(argv[2], NULL, 0);
	if (c.patched)
		c.parent = parent_load(argv[4], argv[5]);
	if (c.parent)
		ret = cdo_run(&c);
	cdo_free(&c);
	return ret;
}
