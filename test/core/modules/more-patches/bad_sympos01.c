// SPDX-License-Identifier: GPL-2.0
/*
 * Lists cmdline_proc_show twice, at sympos 0 ("unique") and 1, which
 * name the same function: refused as listed twice, before sysfs would
 * see two entries called cmdline_proc_show,1.
 */
#include "common.h"

static int new_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, "kpatch-bad\n");
	return 0;
}

#define KPT_FUNC(_sympos) {					\
	.new_addr = (unsigned long)new_cmdline_proc_show,	\
	.name = "cmdline_proc_show",				\
	.sympos = _sympos,					\
	.old_size = SIZE_cmdline_proc_show,			\
}

static const struct kpatch_func kpt_funcs[] = { KPT_FUNC(0), KPT_FUNC(1) };

static const struct kpatch_object kpt_objs[] = {
	{
		.name = "vmlinux",
		.funcs = kpt_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_funcs),
	},
};

KPT_PATCH_MODULE(kpt_objs, false);
