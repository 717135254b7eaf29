// SPDX-License-Identifier: GPL-2.0
/*
 * Patches vmlinux (/proc/cmdline reads "kpatch-coming") and the module
 * kpt_coming (its value reads 2), with callbacks on both objects that
 * log when they run, for 67-coming.sh and 71-callbacks.sh.  With
 * "fail_module" set, the pre-patch callback of kpt_coming fails, which
 * must refuse kpt_coming's load (or this patch, if kpt_coming is loaded).
 */
#include "common.h"

KPT_CMDLINE("kpatch-coming");

static bool fail_module;
module_param(fail_module, bool, 0644);

static noinline int new_kpt_coming_value(void)
{
	return 2;
}

static const struct kpatch_func kpt_coming_funcs[] = {
	{
		.new_addr = (unsigned long)new_kpt_coming_value,
		.name = "kpt_coming_value",
		.old_size = SIZE_kpt_coming_value,
	},
};

static int kpt_pre_patch(struct kpatch_callback_object *obj)
{
	if (obj->mod && READ_ONCE(fail_module)) {
		pr_info("p_coming: pre_patch %s fails\n", obj->name);
		return -ENODEV;
	}
	pr_info("p_coming: pre_patch %s\n", obj->name);
	return 0;
}

static void kpt_post_patch(struct kpatch_callback_object *obj)
{
	pr_info("p_coming: post_patch %s\n", obj->name);
}

static void kpt_pre_unpatch(struct kpatch_callback_object *obj)
{
	pr_info("p_coming: pre_unpatch %s\n", obj->name);
}

static void kpt_post_unpatch(struct kpatch_callback_object *obj)
{
	pr_info("p_coming: post_unpatch %s\n", obj->name);
}

#define KPT_CALLBACKS {				\
	.pre_patch = kpt_pre_patch,		\
	.post_patch = kpt_post_patch,		\
	.pre_unpatch = kpt_pre_unpatch,		\
	.post_unpatch = kpt_post_unpatch,	\
}

static const struct kpatch_object kpt_objs[] = {
	{
		.name = "vmlinux",
		.funcs = kpt_cmdline_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_cmdline_funcs),
		.callbacks = KPT_CALLBACKS,
	},
	{
		.name = "kpt_coming",
		.funcs = kpt_coming_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_coming_funcs),
		.callbacks = KPT_CALLBACKS,
	},
};

KPT_PATCH_MODULE(kpt_objs, false);
