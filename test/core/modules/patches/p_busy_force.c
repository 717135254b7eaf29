// SPDX-License-Identifier: GPL-2.0
/*
 * Replaces kpt_busy_wait() of kpt_busy, with the force flag: no
 * activeness check, and the patch can never be removed.  The new version
 * reports itself as version 3.
 */
#include "common.h"
#include "kpt_busy.h"

static noinline void new_kpt_busy_wait(void)
{
	kpt_busy_enter(3);
	kpt_busy_sleep();
	kpt_busy_leave();
}

static const struct kpatch_func kpt_funcs[] = {
	{
		.new_addr = (unsigned long)new_kpt_busy_wait,
		.name = "kpt_busy_wait",
		.old_size = SIZE_kpt_busy_wait,
		.force = true,
	},
};

static const struct kpatch_object kpt_objs[] = {
	{
		.name = "kpt_busy",
		.funcs = kpt_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_funcs),
	},
};

KPT_PATCH_MODULE(kpt_objs, false);
