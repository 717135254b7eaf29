// SPDX-License-Identifier: GPL-2.0
/*
 * Registers its patch twice: the second registration must be refused,
 * and the first one is then undone, so that the load fails cleanly.
 */
#include "common.h"

KPT_CMDLINE("kpatch-double");

static const struct kpatch_object kpt_objs[] = {
	{
		.funcs = kpt_cmdline_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_cmdline_funcs),
	},
};

KPT_PATCH(kpt_objs, false);

static int __init kpt_init(void)
{
	int ret = kpatch_register(&kpt_patch);

	if (ret)
		return ret;
	ret = kpatch_register(&kpt_patch);	/* must fail */
	WARN_ON(kpatch_unregister(&kpt_patch));
	return ret ? ret : -EINVAL;
}

static void __exit kpt_exit(void)
{
	WARN_ON(kpatch_unregister(&kpt_patch));
}

module_init(kpt_init);
module_exit(kpt_exit);
MODULE_LICENSE("GPL");
