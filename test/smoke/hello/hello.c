// SPDX-License-Identifier: GPL-2.0
/* The smallest module: proves that out-of-tree modules build and load. */
#include <linux/module.h>
#include <linux/printk.h>

static int __init hello_init(void)
{
	pr_info("kpatch-smoke: hello loaded\n");
	return 0;
}

static void __exit hello_exit(void)
{
	pr_info("kpatch-smoke: hello unloaded\n");
}

module_init(hello_init);
module_exit(hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kpatch test suite: smoke-test module");
