/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The .kpatch.* sections as create-diff-object sees them: the names come
 * from kmod/patch/kpatch-patch.h, which the patch-module template shares,
 * so that the two sides can't disagree on a name.
 */
#ifndef CDO_METADATA_H
#define CDO_METADATA_H

#include <stdbool.h>
#include <string.h>

#include "kpatch-patch.h"

/* What every KPATCH_SEC_* name starts with. */
#ifndef KPATCH_SEC_PREFIX
#define KPATCH_SEC_PREFIX ".kpatch."
#endif

/* Hooks and callbacks: arrays of struct kpatch_patch_hook. */
static inline bool is_hook_section(const char *name)
{
	static const char *const hooks[] = {
		KPATCH_SEC_LOAD_HOOKS, KPATCH_SEC_UNLOAD_HOOKS,
		KPATCH_SEC_PRE_PATCH, KPATCH_SEC_POST_PATCH,
		KPATCH_SEC_PRE_UNPATCH, KPATCH_SEC_POST_UNPATCH,
	};
	size_t i;

	for (i = 0; i < sizeof(hooks) / sizeof(hooks[0]); i++)
		if (!strcmp(name, hooks[i]))
			return true;
	return false;
}

#endif
