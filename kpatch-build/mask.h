/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The digest of a replaced function as the original object has it, for
 * the load-time check that the running kernel is the one the patch was
 * built against: which of its bytes the running kernel may change (the
 * masks), and kpatch_digest() (kmod/core/kpatch-digest.h) of the rest.
 */
#ifndef CDO_MASK_H
#define CDO_MASK_H

#include <stddef.h>

#include "kpatch-digest.h"

struct cdo;
struct symbol;

struct func_digest {
	struct kpatch_mask *masks;	/* sorted, apart */
	size_t nmasks;
	size_t len;			/* the function's size */
	unsigned long long digest;
};

/*
 * Fills d for f, a function of the original object (c->orig).  Returns 0,
 * or -1 after printing why; free d with func_digest_free() either way.
 */
int func_digest(const struct cdo *c, const struct symbol *f,
		struct func_digest *d);
void func_digest_free(struct func_digest *d);

#endif
