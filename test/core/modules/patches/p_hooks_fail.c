// SPDX-License-Identifier: GPL-2.0
/*
 * A pre-patch callback that fails: the load must be aborted before the
 * switch, so neither the load hook nor post_unpatch may run.
 */
#include "common.h"

KPT_CMDLINE("kpatch-hooks-fail");

static void kpt_load(void)
{
	pr_info("p_hooks_fail: load hook\n");
}

static int kpt_pre_patch(struct kpatch_callback_object *obj)
{
	pr_info("p_hooks_fail: pre_patch %s fails\n", obj->name);
	return -ENODEV;
}

static void kpt_post_unpatch(struct kpatch_callback_object *obj)
{
	pr_info("p_hooks_fail: post_unpatch %s\n", obj->name);
}

static const kpatch_hook_fn kpt_load_hooks[] = { kpt_load };

static const struct kpatch_object kpt_objs[] = {
	{
		.name = "vmlinux",
		.funcs = kpt_cmdline_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_cmdline_funcs),
		.load_hooks = kpt_load_hooks,
		.nr_load_hooks = ARRAY_SIZE(kpt_load_hooks),
		.callbacks = {
			.pre_patch = kpt_pre_patch,
			.post_unpatch = kpt_post_unpatch,
		},
	},
};

KPT_PATCH_MODULE(kpt_objs, false);
