// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for create-diff-object.  The first input byte picks
 * what the rest is:
 *   0: an object, opened alone (the ELF model and its checks);
 *   1: the patched object, diffed against a fixed original with a fixed
 *      parent listing (the whole pipeline, output included);
 *   2: a parent symbol listing (the readelf -s parser).
 * CDO_FUZZ_DIR names a directory with orig.o, parent.sym and
 * Module.symvers for mode 1 (test/cdo/fuzz/fuzz.sh prepares it); without
 * it, mode 1 falls back to mode 0.  Errors are expected and silenced;
 * crashes, leaks and undefined behaviour are what the run looks for.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cdo.h"
#include "log.h"

static char orig_path[4096], sym_path[4096], symvers_path[4096];
static char out_path[4096], tmp_path[4096];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("CDO_FUZZ_DIR");

	(void)argc;
	(void)argv;
	/* The error messages would drown libFuzzer's own output. */
	cdo_quiet = true;
	if (dir) {
		snprintf(orig_path, sizeof(orig_path), "%s/orig.o", dir);
		snprintf(sym_path, sizeof(sym_path), "%s/parent.sym", dir);
		snprintf(symvers_path, sizeof(symvers_path), "%s/Module.symvers", dir);
	}
	snprintf(out_path, sizeof(out_path), "/tmp/cdo-fuzz-out.%d.o", (int)getpid());
	snprintf(tmp_path, sizeof(tmp_path), "/tmp/cdo-fuzz-listing.%d", (int)getpid());
	return 0;
}

static unsigned char *copy(const uint8_t *data, size_t size)
{
	unsigned char *buf = malloc(size ? size : 1);

	if (buf && size)
		memcpy(buf, data, size);
	return buf;
}

static void fuzz_listing(const uint8_t *data, size_t size)
{
	FILE *f = fopen(tmp_path, "w");
	struct parent *p;

	if (!f)
		return;
	fwrite(data, 1, size, f);
	fclose(f);
	p = parent_load(tmp_path, "/dev/null");
	if (p) {
		parent_exported_outside(p, "foo");
		parent_find_global(p, "foo", NULL);
		parent_find_file(p, "case.c", NULL, 0);
	}
	parent_free(p);
}

static void fuzz_pipeline(const uint8_t *data, size_t size)
{
	struct cdo c = { 0 };
	unsigned char *buf = copy(data, size);

	if (!buf)
		return;
	c.parent_name = "vmlinux";
	c.patch_name = "fuzz";
	c.out_path = out_path;
	c.orig = kelf_open(orig_path, NULL, 0);
	if (c.orig)
		c.patched = kelf_open("fuzz.o", buf, size);
	else
		free(buf);
	if (c.patched)
		c.parent = parent_load(sym_path, symvers_path);
	if (c.parent)
		cdo_run(&c);
	cdo_free(&c);
	unlink(out_path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *buf;

	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 1:
		if (orig_path[0]) {
			fuzz_pipeline(data + 1, size - 1);
			break;
		}
		/* fall through */
	case 0:
		buf = copy(data + 1, size - 1);
		if (buf)
			kelf_free(kelf_open("fuzz.o", buf, size - 1));
		break;
	default:
		fuzz_listing(data + 1, size - 1);
		break;
	}
	return 0;
}
