// SPDX-License-Identifier: GPL-2.0
/*
 * Replaces the getpid() system call with a version that returns the same
 * and counts its calls in "calls", for 72-getpid.sh.  __x64_sys_getpid is
 * the entry of the syscall table; __do_sys_getpid is an alias of it in
 * the test kernel.
 */
#include <linux/pid.h>
#include <linux/sched.h>
#include "common.h"

static atomic_long_t kpt_calls = ATOMIC_LONG_INIT(0);

static int kpt_calls_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%ld\n", atomic_long_read(&kpt_calls));
}

static const struct kernel_param_ops kpt_calls_ops = {
	.get = kpt_calls_get,
};
module_param_cb(calls, &kpt_calls_ops, NULL, 0444);

static long new_x64_sys_getpid(const struct pt_regs *regs)
{
	atomic_long_inc(&kpt_calls);
	return task_tgid_vnr(current);
}

static const struct kpatch_func kpt_funcs[] = {
	{
		.new_addr = (unsigned long)new_x64_sys_getpid,
		.name = "__x64_sys_getpid",
		.old_size = SIZE___x64_sys_getpid,
	},
};

static const struct kpatch_object kpt_objs[] = {
	{
		.name = "vmlinux",
		.funcs = kpt_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_funcs),
	},
};

KPT_PATCH_MODULE(kpt_objs, false);
