// SPDX-License-Identifier: GPL-2.0
/*
 * Replaces kpt_window_fn() of kpt_window.  The new version reports itself
 * as version 2; built as p_window_r (KPT_WINDOW_REPLACE), as version 3,
 * replacing every other patch.
 */
#include "common.h"
#include "kpt_window.h"

#ifdef KPT_WINDOW_REPLACE
#define KPT_WINDOW_VERSION	3
#else
#define KPT_WINDOW_VERSION	2
#define KPT_WINDOW_REPLACE	false
#endif

static noinline void new_kpt_window_fn(void)
{
	kpt_window_set(KPT_WINDOW_VERSION);
}

static const struct kpatch_func kpt_funcs[] = {
	{
		.new_addr = (unsigned long)new_kpt_window_fn,
		.name = "kpt_window_fn",
		.old_size = SIZE_kpt_window_fn,
	},
};

static const struct kpatch_object kpt_objs[] = {
	{
		.name = "kpt_window",
		.funcs = kpt_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_funcs),
	},
};

KPT_PATCH_MODULE(kpt_objs, KPT_WINDOW_REPLACE);
