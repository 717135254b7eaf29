// SPDX-License-Identifier: GPL-2.0
/*
 * Hooks and callbacks log when they run.  Hooks must run inside the
 * switch, with interrupts off; callbacks outside it, with them on.
 */
#include <linux/irqflags.h>
#include "common.h"

KPT_CMDLINE("kpatch-hooks");

static void kpt_load(void)
{
	pr_info("p_hooks: load hook, irqs_disabled=%d\n", irqs_disabled());
}

static void kpt_unload(void)
{
	pr_info("p_hooks: unload hook, irqs_disabled=%d\n", irqs_disabled());
}

static int kpt_pre_patch(struct kpatch_callback_object *obj)
{
	pr_info("p_hooks: pre_patch %s, irqs_disabled=%d\n", obj->name,
		irqs_disabled());
	return 0;
}

static void kpt_post_patch(struct kpatch_callback_object *obj)
{
	pr_info("p_hooks: post_patch %s\n", obj->name);
}

static void kpt_pre_unpatch(struct kpatch_callback_object *obj)
{
	pr_info("p_hooks: pre_unpatch %s\n", obj->name);
}

static void kpt_post_unpatch(struct kpatch_callback_object *obj)
{
	pr_info("p_hooks: post_unpatch %s\n", obj->name);
}

static const kpatch_hook_fn kpt_load_hooks[] = { kpt_load };
static const kpatch_hook_fn kpt_unload_hooks[] = { kpt_unload };

static const struct kpatch_object kpt_objs[] = {
	{
		.name = "vmlinux",
		.funcs = kpt_cmdline_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_cmdline_funcs),
		.load_hooks = kpt_load_hooks,
		.nr_load_hooks = ARRAY_SIZE(kpt_load_hooks),
		.unload_hooks = kpt_unload_hooks,
		.nr_unload_hooks = ARRAY_SIZE(kpt_unload_hooks),
		.callbacks = {
			.pre_patch = kpt_pre_patch,
			.post_patch = kpt_post_patch,
			.pre_unpatch = kpt_pre_unpatch,
			.post_unpatch = kpt_post_unpatch,
		},
	},
};

KPT_PATCH_MODULE(kpt_objs, false);
