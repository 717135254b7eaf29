// SPDX-License-Identifier: GPL-2.0
/*
 * A kthread that sleeps inside kpt_busy_wait() while the "hold" parameter
 * is set, for the activeness check tests.  "entered" and "left" count its
 * visits and "version" tells which kpt_busy_wait() it last entered, so a
 * test knows where the thread is.  The helpers are exported so that a
 * patched kpt_busy_wait() can use them without dynrelas.
 *
 * The thread sleeps on a wait queue that writing "hold" wakes, not on a
 * timer: the test guest's timers can't always be trusted (no calibrated
 * clocksource), and the tests must not depend on them.
 */
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/wait.h>
#include "kpt_busy.h"

static bool hold;
static DECLARE_WAIT_QUEUE_HEAD(kpt_busy_wq);

static int kpt_hold_set(const char *val, const struct kernel_param *kp)
{
	int ret = param_set_bool(val, kp);

	wake_up_interruptible(&kpt_busy_wq);
	return ret;
}

static const struct kernel_param_ops kpt_hold_ops = {
	.set = kpt_hold_set,
	.get = param_get_bool,
};
module_param_cb(hold, &kpt_hold_ops, &hold, 0644);
static unsigned int entered;
module_param(entered, uint, 0444);
static unsigned int left;
module_param(left, uint, 0444);
static int version;
module_param(version, int, 0444);
static int pid;
module_param(pid, int, 0444);

static struct task_struct *kpt_busy_task;

void kpt_busy_enter(int ver)
{
	WRITE_ONCE(version, ver);
	WRITE_ONCE(entered, entered + 1);
}
EXPORT_SYMBOL_GPL(kpt_busy_enter);

void kpt_busy_leave(void)
{
	WRITE_ONCE(left, left + 1);
}
EXPORT_SYMBOL_GPL(kpt_busy_leave);

/* Sleep until "hold" is cleared. */
void kpt_busy_sleep(void)
{
	wait_event_interruptible(kpt_busy_wq,
				 !READ_ONCE(hold) || kthread_should_stop());
}
EXPORT_SYMBOL_GPL(kpt_busy_sleep);

static noinline void kpt_busy_wait(void)
{
	kpt_busy_enter(1);
	kpt_busy_sleep();
	kpt_busy_leave();
}

static int kpt_busy_fn(void *unused)
{
	while (!kthread_should_stop()) {
		wait_event_interruptible(kpt_busy_wq,
					 READ_ONCE(hold) || kthread_should_stop());
		if (READ_ONCE(hold) && !kthread_should_stop())
			kpt_busy_wait();
	}
	return 0;
}

static int __init kpt_busy_init(void)
{
	kpt_busy_task = kthread_run(kpt_busy_fn, NULL, "kpt_busy");
	if (IS_ERR(kpt_busy_task))
		return PTR_ERR(kpt_busy_task);
	pid = kpt_busy_task->pid;
	return 0;
}

static void __exit kpt_busy_exit(void)
{
	kthread_stop(kpt_busy_task);
}

module_init(kpt_busy_init);
module_exit(kpt_busy_exit);
MODULE_LICENSE("GPL");
