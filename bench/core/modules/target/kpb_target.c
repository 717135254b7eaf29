// SPDX-License-Identifier: GPL-2.0
/* 100 small functions for the benchmark's patches to replace. */
#include <linux/module.h>
#include "kpb.h"

static int kpb_bias;

#define KPB_DEFINE(n)							\
static noinline int kpb_fn_##n(int x)					\
{									\
	return x + READ_ONCE(kpb_bias);					\
}
KPB_100(KPB_DEFINE)

#define KPB_ENTRY(n) kpb_fn_##n,
static int (*const kpb_fns[])(int) = { KPB_100(KPB_ENTRY) };

static int __init kpb_target_init(void)
{
	int i, sum = 0;

	for (i = 0; i < ARRAY_SIZE(kpb_fns); i++)
		sum += kpb_fns[i](i);
	WRITE_ONCE(kpb_bias, sum);
	return 0;
}

static void __exit kpb_target_exit(void)
{
}

module_init(kpb_target_init);
module_exit(kpb_target_exit);
MODULE_LICENSE("GPL");
