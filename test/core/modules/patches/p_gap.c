// SPDX-License-Identifier: GPL-2.0
/*
 * Replaces kpt_gap_wait() of kpt_gap.  The new version reports itself as
 * version 2.
 */
#include "common.h"
#include "kpt_gap.h"

static noinline void new_kpt_gap_wait(void)
{
	kpt_gap_enter(2);
	kpt_gap_park();
	kpt_gap_leave();
}

static const struct kpatch_func kpt_funcs[] = {
	{
		.new_addr = (unsigned long)new_kpt_gap_wait,
		.name = "kpt_gap_wait",
		.old_size = SIZE_kpt_gap_wait,
	},
};

static const struct kpatch_object kpt_objs[] = {
	{
		.name = "kpt_gap",
		.funcs = kpt_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_funcs),
	},
};

KPT_PATCH_MODULE(kpt_objs, false);
