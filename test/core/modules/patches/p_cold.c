// SPDX-License-Identifier: GPL-2.0
/*
 * Replaces kpt_cold_fn() of kpt_cold with a version 2 that, like the
 * original, has a .cold part (new_kpt_cold_fn.cold): its unlikely path
 * calls the cold kpt_cold_park().  run.sh checks the split.
 */
#include "common.h"
#include "kpt_cold.h"

static noinline int new_kpt_cold_fn(int x)
{
	if (unlikely(x == KPT_COLD_PARK)) {
		kpt_cold_park(2);
		return 0;
	}
	kpt_cold_set(2);
	return x + 2;
}

static const struct kpatch_func kpt_funcs[] = {
	{
		.new_addr = (unsigned long)new_kpt_cold_fn,
		.name = "kpt_cold_fn",
		.old_size = SIZE_kpt_cold_fn,
	},
};

static const struct kpatch_object kpt_objs[] = {
	{
		.name = "kpt_cold",
		.funcs = kpt_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_funcs),
	},
};

KPT_PATCH_MODULE(kpt_objs, false);
