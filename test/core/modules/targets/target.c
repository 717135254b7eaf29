// SPDX-License-Identifier: GPL-2.0
/*
 * A module for the core's tests to patch.  /proc/kpt_target shows what
 * its functions return, so a test sees which versions are live.  The
 * functions read volatile data, so that the compiler keeps every call.
 */
#include <linux/jump_label.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include "kpt_target.h"

/* Reached by a patch only through a dynrela: it is static. */
static int kpt_counter = 42;
static const char *kpt_greeting = "hello";
static int kpt_dup_val = 1;

/* Another static kpt_dup lives in dup.c: sympos 1 is this one. */
static noinline int kpt_dup(void)
{
	return READ_ONCE(kpt_dup_val);
}

static noinline const char *kpt_greet(void)
{
	return READ_ONCE(kpt_greeting);
}

/* For the test that a notrace function is refused. */
static noinline notrace int kpt_notrace(void)
{
	return READ_ONCE(kpt_dup_val) + 1;
}

/*
 * A static key of the module, neither exported nor used here: a patch's
 * jump label reaches it through an early dynrela.  Writing the "key"
 * parameter turns it on and off.
 */
static DEFINE_STATIC_KEY_FALSE(kpt_target_key);

static int kpt_key_set(const char *val, const struct kernel_param *kp)
{
	bool on;
	int ret = kstrtobool(val, &on);

	if (ret)
		return ret;
	if (on)
		static_branch_enable(&kpt_target_key);
	else
		static_branch_disable(&kpt_target_key);
	return 0;
}

static int kpt_key_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", static_key_enabled(&kpt_target_key));
}

static const struct kernel_param_ops kpt_key_ops = {
	.set = kpt_key_set,
	.get = kpt_key_get,
};
module_param_cb(key, &kpt_key_ops, NULL, 0644);

static int kpt_show(struct seq_file *m, void *v)
{
	seq_printf(m, "dup1=%d dup2=%d greet=%s counter=%d notrace=%d\n",
		   kpt_dup(), kpt_dup2(), kpt_greet(), READ_ONCE(kpt_counter),
		   kpt_notrace());
	return 0;
}

static int __init kpt_target_init(void)
{
	if (!proc_create_single("kpt_target", 0444, NULL, kpt_show))
		return -ENOMEM;
	return 0;
}

static void __exit kpt_target_exit(void)
{
	remove_proc_entry("kpt_target", NULL);
}

module_init(kpt_target_init);
module_exit(kpt_target_exit);
MODULE_LICENSE("GPL");
