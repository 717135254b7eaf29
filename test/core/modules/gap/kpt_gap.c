// SPDX-License-Identifier: GPL-2.0
/*
 * A kthread that enters kpt_gap_wait() in the gap between the two phases
 * of the core's activeness check, for 85-gap.sh.  It needs a kpatch.ko
 * built with KPATCH_TEST_HOOKS=y.
 *
 * While "arm" is set, the next switch's gap hook wakes the thread, which
 * was asleep outside kpt_gap_wait() when phase 1 walked it; the hook
 * returns only once the thread is inside.  So only phase 2 can see that
 * the thread is busy.  The thread stays inside until "release" is
 * written.  Writing "run" sends it in without the hook, so that a test
 * learns from "version" which kpt_gap_wait() is live.  "entered" and
 * "left" count its visits, "fired" the hook's.  With "fork" set, the
 * hook also creates a short-lived kthread, so that a task was created
 * since phase 1, and phase 2 must look at every task rather than go by
 * the switch log.
 *
 * Everything waits on one wait queue that the writes wake, never on a
 * timer: the test guest's timers can't always be trusted.
 */
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/wait.h>
#include "kpatch-test.h"
#include "kpt_gap.h"

static DECLARE_WAIT_QUEUE_HEAD(kpt_gap_wq);
static bool kpt_gap_go;
static bool kpt_gap_release;

static bool arm;
module_param(arm, bool, 0644);
static bool fork;
module_param(fork, bool, 0644);
static unsigned int fired;
module_param(fired, uint, 0444);
static unsigned int entered;
module_param(entered, uint, 0444);
static unsigned int left;
module_param(left, uint, 0444);
static int version;
module_param(version, int, 0444);
static int pid;
module_param(pid, int, 0444);

static struct task_struct *kpt_gap_task;

/* Writing anything to "run" or "release" sets its flag. */
static int kpt_gap_flag_set(const char *val, const struct kernel_param *kp)
{
	WRITE_ONCE(*(bool *)kp->arg, true);
	wake_up(&kpt_gap_wq);
	return 0;
}

static const struct kernel_param_ops kpt_gap_flag_ops = {
	.set = kpt_gap_flag_set,
};
module_param_cb(run, &kpt_gap_flag_ops, &kpt_gap_go, 0200);
module_param_cb(release, &kpt_gap_flag_ops, &kpt_gap_release, 0200);

void kpt_gap_enter(int ver)
{
	WRITE_ONCE(version, ver);
	WRITE_ONCE(entered, entered + 1);
	wake_up(&kpt_gap_wq);
}
EXPORT_SYMBOL_GPL(kpt_gap_enter);

/* Stay until "release" is written, or the module goes. */
void kpt_gap_park(void)
{
	wait_event_interruptible(kpt_gap_wq, READ_ONCE(kpt_gap_release) ||
				 kthread_should_stop());
	WRITE_ONCE(kpt_gap_release, false);
}
EXPORT_SYMBOL_GPL(kpt_gap_park);

void kpt_gap_leave(void)
{
	WRITE_ONCE(left, left + 1);
}
EXPORT_SYMBOL_GPL(kpt_gap_leave);

static noinline void kpt_gap_wait(void)
{
	kpt_gap_enter(1);
	kpt_gap_park();
	kpt_gap_leave();
}

static int kpt_gap_fn(void *unused)
{
	while (!kthread_should_stop()) {
		wait_event_interruptible(kpt_gap_wq, READ_ONCE(kpt_gap_go) ||
					 kthread_should_stop());
		if (kthread_should_stop())
			break;
		WRITE_ONCE(kpt_gap_go, false);
		kpt_gap_wait();
	}
	return 0;
}

static int kpt_gap_nothing(void *unused)
{
	return 0;
}

/* Between phase 1 and stop_machine(), with kpatch_mutex held. */
static void kpt_gap_hook(void)
{
	unsigned int n = READ_ONCE(entered);
	struct task_struct *t;

	if (!READ_ONCE(arm))
		return;
	WRITE_ONCE(arm, false);
	if (READ_ONCE(fork)) {
		t = kthread_run(kpt_gap_nothing, NULL, "kpt_gap_fork");
		if (IS_ERR(t))
			pr_err("kpt_gap: can't create a kthread: %ld\n",
			       PTR_ERR(t));
	}
	WRITE_ONCE(kpt_gap_go, true);
	wake_up(&kpt_gap_wq);
	wait_event(kpt_gap_wq, READ_ONCE(entered) != n);
	WRITE_ONCE(fired, fired + 1);
}

static int __init kpt_gap_init(void)
{
	kpt_gap_task = kthread_run(kpt_gap_fn, NULL, "kpt_gap");
	if (IS_ERR(kpt_gap_task))
		return PTR_ERR(kpt_gap_task);
	pid = kpt_gap_task->pid;
	kpatch_test_set_gap_hook(kpt_gap_hook);
	return 0;
}

static void __exit kpt_gap_exit(void)
{
	kpatch_test_set_gap_hook(NULL);
	kthread_stop(kpt_gap_task);
}

module_init(kpt_gap_init);
module_exit(kpt_gap_exit);
MODULE_LICENSE("GPL");
