/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A patch of the first KPB_N functions of kpb_target; the kpb_pN.c files
 * set KPB_N and include this.
 */
#include <linux/module.h>
#include "kpatch.h"
#include "kpb.h"
#include "sizes.h"

#define KPB_CAT(a, b)	a##b
#define KPB_LIST(n)	KPB_CAT(KPB_, n)

#define KPB_NEW(n)							\
static noinline int new_kpb_fn_##n(int x)				\
{									\
	return x + 1;							\
}
KPB_LIST(KPB_N)(KPB_NEW)

#define KPB_FUNC(n)							\
	{								\
		.new_addr = (unsigned long)new_kpb_fn_##n,		\
		.name = "kpb_fn_" #n,					\
		.old_size = SIZE_kpb_fn_##n,				\
	},
static const struct kpatch_func kpb_funcs[] = { KPB_LIST(KPB_N)(KPB_FUNC) };

static const struct kpatch_object kpb_objs[] = {
	{
		.name = "kpb_target",
		.funcs = kpb_funcs,
		.nr_funcs = ARRAY_SIZE(kpb_funcs),
	},
};

static struct kpatch_patch kpb_patch = {
	.mod = THIS_MODULE,
	.objs = kpb_objs,
	.nr_objs = ARRAY_SIZE(kpb_objs),
};

static int __init kpb_init(void)
{
	return kpatch_register(&kpb_patch);
}

static void __exit kpb_exit(void)
{
	WARN_ON(kpatch_unregister(&kpb_patch));
}

module_init(kpb_init);
module_exit(kpb_exit);
MODULE_LICENSE("GPL");
