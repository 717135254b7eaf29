// SPDX-License-Identifier: GPL-2.0
/* A replace-mode patch of cmdline_proc_show(): supersedes all others. */
#include "common.h"

KPT_CMDLINE("kpatch-cmdline-replace");

static const struct kpatch_object kpt_objs[] = {
	{
		.funcs = kpt_cmdline_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_cmdline_funcs),
	},
};

KPT_PATCH_MODULE(kpt_objs, true);
