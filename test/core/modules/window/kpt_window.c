// SPDX-License-Identifier: GPL-2.0
/*
 * A kthread that stops inside the ftrace handler's window, for
 * 86-window.sh: after the handler has chosen the replacement of
 * kpt_window_fn() and before the jump into it.  It needs a kpatch.ko
 * built with KPATCH_TEST_HOOKS=y.
 *
 * Each write to "run" makes the thread call kpt_window_fn() and then
 * kpt_window_fn2() once; "calls" counts the calls that returned, and
 * "version" and "version2" tell which versions ran.  With "arm" set, the handler hook stops the
 * thread's next redirected call of kpt_window_fn() in the window until
 * "release" is written; "parked" counts those stops.  It waits on a wait
 * queue, or, with "spin" set, spins with preemption enabled, so that a
 * kernel booted with preempt=full preempts it there as it would any task
 * (only on such a kernel: elsewhere nothing could take the CPU back).
 *
 * The flip hook, inside the stop_machine() of a switch, calls
 * kpt_window_fn() and kpt_window_fn2() and keeps in "mid" the versions
 * that ran, as ten times the first plus the second: a switch of a patch
 * of both must show the versions from before it, as an NMI there would.
 */
#include <linux/ftrace.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/wait.h>
#include "kpatch-test.h"
#include "kpt_window.h"

static DECLARE_WAIT_QUEUE_HEAD(kpt_window_wq);
static bool kpt_window_go;
static bool kpt_window_release;

static bool arm;
module_param(arm, bool, 0644);
static bool spin;
module_param(spin, bool, 0644);
static unsigned int calls;
module_param(calls, uint, 0444);
static unsigned int parked;
module_param(parked, uint, 0444);
static int version;
module_param(version, int, 0444);
static int version2;
module_param(version2, int, 0444);
static int mid;
module_param(mid, int, 0444);
static int pid;
module_param(pid, int, 0444);

static struct task_struct *kpt_window_task;

static int kpt_window_flag_set(const char *val, const struct kernel_param *kp)
{
	WRITE_ONCE(*(bool *)kp->arg, true);
	wake_up(&kpt_window_wq);
	return 0;
}

static const struct kernel_param_ops kpt_window_flag_ops = {
	.set = kpt_window_flag_set,
};
module_param_cb(run, &kpt_window_flag_ops, &kpt_window_go, 0200);
module_param_cb(release, &kpt_window_flag_ops, &kpt_window_release, 0200);

void kpt_window_set(int ver)
{
	WRITE_ONCE(version, ver);
}
EXPORT_SYMBOL_GPL(kpt_window_set);

void kpt_window_set2(int ver)
{
	WRITE_ONCE(version2, ver);
}
EXPORT_SYMBOL_GPL(kpt_window_set2);

/* Global, so that gcc keeps it whole and out of line. */
noinline void kpt_window_fn(void);
noinline void kpt_window_fn(void)
{
	kpt_window_set(1);
}

noinline void kpt_window_fn2(void);
noinline void kpt_window_fn2(void)
{
	kpt_window_set2(1);
}

/* Inside stop_machine(), in the middle of a switch. */
static void kpt_window_flip(void)
{
	int v1 = version, v2 = version2;

	kpt_window_fn();
	kpt_window_fn2();
	WRITE_ONCE(mid, 10 * version + version2);
	WRITE_ONCE(version, v1);
	WRITE_ONCE(version2, v2);
}

static bool kpt_window_released(void)
{
	return READ_ONCE(kpt_window_release) || kthread_should_stop();
}

/*
 * Called by the ftrace handler for every function it redirects, with the
 * ftrace location of the function (kpt_window_fn() has its ftrace call
 * first, the kernel having no IBT).  Only the thread's call stops.
 */
static void notrace kpt_window_hook(unsigned long ip)
{
	if (current != kpt_window_task || !READ_ONCE(arm) ||
	    ip - (unsigned long)kpt_window_fn >= MCOUNT_INSN_SIZE)
		return;
	WRITE_ONCE(arm, false);
	WRITE_ONCE(parked, parked + 1);
	if (READ_ONCE(spin)) {
		while (!kpt_window_released())
			cpu_relax();
	} else {
		wait_event_interruptible(kpt_window_wq, kpt_window_released());
	}
	WRITE_ONCE(kpt_window_release, false);
}

static int kpt_window_thread(void *unused)
{
	while (!kthread_should_stop()) {
		wait_event_interruptible(kpt_window_wq,
					 READ_ONCE(kpt_window_go) ||
					 kthread_should_stop());
		if (kthread_should_stop())
			break;
		WRITE_ONCE(kpt_window_go, false);
		kpt_window_fn();
		kpt_window_fn2();
		WRITE_ONCE(calls, calls + 1);
	}
	return 0;
}

static int __init kpt_window_init(void)
{
	kpt_window_task = kthread_run(kpt_window_thread, NULL, "kpt_window");
	if (IS_ERR(kpt_window_task))
		return PTR_ERR(kpt_window_task);
	pid = kpt_window_task->pid;
	kpatch_test_set_handler_hook(kpt_window_hook);
	kpatch_test_set_flip_hook(kpt_window_flip);
	return 0;
}

static void __exit kpt_window_exit(void)
{
	kpatch_test_set_flip_hook(NULL);
	kpatch_test_set_handler_hook(NULL);
	kthread_stop(kpt_window_task);
}

module_init(kpt_window_init);
module_exit(kpt_window_exit);
MODULE_LICENSE("GPL");
