// SPDX-License-Identifier: GPL-2.0
/*
 * A module for the core's tests to patch as it comes and goes.  Reading
 * the "value" parameter calls kpt_coming_value(), so a test sees which
 * version is live: 1 here, 2 in p_coming.
 */
#include <linux/module.h>

static int kpt_coming_val = 1;

static noinline int kpt_coming_value(void)
{
	return READ_ONCE(kpt_coming_val);
}

static int kpt_coming_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", kpt_coming_value());
}

static const struct kernel_param_ops kpt_coming_ops = {
	.get = kpt_coming_get,
};
module_param_cb(value, &kpt_coming_ops, NULL, 0444);

MODULE_LICENSE("GPL");
