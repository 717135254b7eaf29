// SPDX-License-Identifier: GPL-2.0
/* Replaces cmdline_proc_show(): /proc/cmdline reads "kpatch-cmdline-1". */
#include "common.h"

KPT_CMDLINE("kpatch-cmdline-1");

static const struct kpatch_object kpt_objs[] = {
	{
		.name = "vmlinux",
		.funcs = kpt_cmdline_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_cmdline_funcs),
	},
};

KPT_PATCH_MODULE(kpt_objs, false);
