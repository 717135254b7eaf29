// SPDX-License-Identifier: GPL-2.0
/*
 * A function with a .cold part, for 87-cold.sh.  gcc -O2 moves the
 * unlikely path of kpt_cold_fn(), the one that calls the cold
 * kpt_cold_park() (KPT_COLD), out of line into a symbol of its own,
 * kpt_cold_fn.cold, which kpt_cold_fn() jumps to: a task sleeping in
 * kpt_cold_park() from there has no return address inside kpt_cold_fn()
 * itself.  run.sh checks with readelf that the split is there.
 *
 * A kthread calls kpt_cold_fn() once for each write to "run", with the
 * value of "arg"; with KPT_COLD_PARK it takes the unlikely path and
 * sleeps in kpt_cold_park() until "release" is written.  "calls" counts
 * the finished calls, "parked" the sleeps begun, and "version" tells which
 * kpt_cold_fn() ran last.  Everything waits on one wait queue that the
 * writes wake, never on a timer.
 */
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/wait.h>
#include "kpt_cold.h"

static DECLARE_WAIT_QUEUE_HEAD(kpt_cold_wq);
static bool kpt_cold_go;
static bool kpt_cold_release;

static int arg;
module_param(arg, int, 0644);
static unsigned int calls;
module_param(calls, uint, 0444);
static unsigned int parked;
module_param(parked, uint, 0444);
static int version;
module_param(version, int, 0444);
static int pid;
module_param(pid, int, 0444);
static int result;
module_param(result, int, 0444);

static struct task_struct *kpt_cold_task;

static int kpt_cold_flag_set(const char *val, const struct kernel_param *kp)
{
	WRITE_ONCE(*(bool *)kp->arg, true);
	wake_up(&kpt_cold_wq);
	return 0;
}

static const struct kernel_param_ops kpt_cold_flag_ops = {
	.set = kpt_cold_flag_set,
};
module_param_cb(run, &kpt_cold_flag_ops, &kpt_cold_go, 0200);
module_param_cb(release, &kpt_cold_flag_ops, &kpt_cold_release, 0200);

void kpt_cold_set(int ver)
{
	WRITE_ONCE(version, ver);
}
EXPORT_SYMBOL_GPL(kpt_cold_set);

/* Sleep until "release" is written, or the module goes. */
noinline void KPT_COLD kpt_cold_park(int ver)
{
	WRITE_ONCE(version, ver);
	WRITE_ONCE(parked, parked + 1);
	wait_event_interruptible(kpt_cold_wq, READ_ONCE(kpt_cold_release) ||
				 kthread_should_stop());
	WRITE_ONCE(kpt_cold_release, false);
}
EXPORT_SYMBOL_GPL(kpt_cold_park);

/* Global, so that gcc keeps its name and signature (no .isra clone). */
noinline int kpt_cold_fn(int x);
noinline int kpt_cold_fn(int x)
{
	if (unlikely(x == KPT_COLD_PARK)) {
		kpt_cold_park(1);
		return 0;
	}
	kpt_cold_set(1);
	return x + 1;
}

static int kpt_cold_thread(void *unused)
{
	while (!kthread_should_stop()) {
		wait_event_interruptible(kpt_cold_wq, READ_ONCE(kpt_cold_go) ||
					 kthread_should_stop());
		if (kthread_should_stop())
			break;
		WRITE_ONCE(kpt_cold_go, false);
		WRITE_ONCE(result, kpt_cold_fn(READ_ONCE(arg)));
		WRITE_ONCE(calls, calls + 1);
	}
	return 0;
}

static int __init kpt_cold_init(void)
{
	kpt_cold_task = kthread_run(kpt_cold_thread, NULL, "kpt_cold");
	if (IS_ERR(kpt_cold_task))
		return PTR_ERR(kpt_cold_task);
	pid = kpt_cold_task->pid;
	return 0;
}

static void __exit kpt_cold_exit(void)
{
	kthread_stop(kpt_cold_task);
}

module_init(kpt_cold_init);
module_exit(kpt_cold_exit);
MODULE_LICENSE("GPL");
