// SPDX-License-Identifier: GPL-2.0
/*
 * Replaces kpt_window_fn() and kpt_window_fn2() of kpt_window.  The new
 * versions report themselves as version 2; built as p_window_r
 * (KPT_WINDOW_REPLACE), as version 3, replacing every other patch.
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

static noinline void new_kpt_window_fn2(void)
{
	kpt_window_set2(KPT_WINDOW_VERSION);
}

static const struct kpatch_func kpt_funcs[] = {
	{
		.new_addr = (unsigned long)new_kpt_window_fn,
		.name = "kpt_window_fn",
		.old_size = SIZE_kpt_window_fn,
	},
	{
		.new_addr = (unsigned long)new_kpt_window_fn2,
		.name = "kpt_window_fn2",
		.old_size = SIZE_kpt_window_fn2,
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
