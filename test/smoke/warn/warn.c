// SPDX-License-Identifier: GPL-2.0
/*
 * A module whose init WARNs and still succeeds: the VM runner must fail
 * the script that loads it even though the script itself exits 0.
 */
#include <linux/module.h>
#include <linux/bug.h>

static int __init warn_init(void)
{
	WARN(1, "kpatch-smoke: deliberate warning\n");
	return 0;
}

static void __exit warn_exit(void)
{
}

module_init(warn_init);
module_exit(warn_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kpatch test suite: a module that WARNs");
