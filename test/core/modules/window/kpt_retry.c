// SPDX-License-Identifier: GPL-2.0
/*
 * A switch of two attempts whose first one fills the switch log, for
 * 88-retry.sh.  It needs a kpatch.ko built with KPATCH_TEST_HOOKS=y.
 *
 * With "arm" set, the next switch's first attempt, once past phase 1,
 * makes a few thousand context switches, more than a CPU's switch log
 * holds, and then fails as if a task were busy; the second attempt runs
 * as usual.  The switches are a ping-pong with a kthread of this module,
 * on a wait queue, so that each round switches out both tasks whatever
 * CPUs they are on.  "fired" counts the first attempts failed so.
 */
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/wait.h>
#include "kpatch-test.h"

/* Twice a CPU's log (1,024 entries) for each of the two CPUs, and more. */
#define KPT_RETRY_ROUNDS	2500

static bool arm;
module_param(arm, bool, 0644);
static unsigned int fired;
module_param(fired, uint, 0444);

static DECLARE_WAIT_QUEUE_HEAD(kpt_retry_wq);
static unsigned int kpt_retry_pings, kpt_retry_pongs;
static struct task_struct *kpt_retry_task;

/* Answer each ping. */
static int kpt_retry_thread(void *unused)
{
	for (;;) {
		wait_event_interruptible(kpt_retry_wq,
			READ_ONCE(kpt_retry_pings) != kpt_retry_pongs ||
			kthread_should_stop());
		if (kthread_should_stop())
			return 0;
		WRITE_ONCE(kpt_retry_pongs, kpt_retry_pongs + 1);
		wake_up(&kpt_retry_wq);
	}
}

static bool kpt_retry_fail(unsigned int attempt)
{
	unsigned int i;

	if (attempt != 1 || !READ_ONCE(arm))
		return false;
	WRITE_ONCE(arm, false);
	for (i = 0; i < KPT_RETRY_ROUNDS; i++) {
		WRITE_ONCE(kpt_retry_pings, kpt_retry_pings + 1);
		wake_up(&kpt_retry_wq);
		wait_event(kpt_retry_wq,
			   READ_ONCE(kpt_retry_pongs) == kpt_retry_pings);
	}
	WRITE_ONCE(fired, fired + 1);
	return true;
}

static int __init kpt_retry_init(void)
{
	kpt_retry_task = kthread_run(kpt_retry_thread, NULL, "kpt_retry");
	if (IS_ERR(kpt_retry_task))
		return PTR_ERR(kpt_retry_task);
	kpatch_test_set_fail_hook(kpt_retry_fail);
	return 0;
}

static void __exit kpt_retry_exit(void)
{
	kpatch_test_set_fail_hook(NULL);
	kthread_stop(kpt_retry_task);
}

module_init(kpt_retry_init);
module_exit(kpt_retry_exit);
MODULE_LICENSE("GPL");
