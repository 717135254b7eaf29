// SPDX-License-Identifier: GPL-2.0
/*
 * A module notifier that stands for any other one, for 67-coming.sh.
 * For the module named by "target", it can hold the COMING notification
 * ("hold", once: until "release" is written) and then refuse the module
 * ("fail", an errno).  "priority" puts it before kpatch's own notifier
 * (above 0) or after it (below 0).  "held" is 1 while it holds, and
 * "seen" counts the COMING notifications of the target.
 *
 * It waits on a wait queue that the writes wake, never on a timer.
 */
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/wait.h>

static char *target = "kpt_coming";
module_param(target, charp, 0444);
static int priority;
module_param(priority, int, 0444);
static bool hold;
module_param(hold, bool, 0644);
static int fail;
module_param(fail, int, 0644);
static bool held;
module_param(held, bool, 0444);
static unsigned int seen;
module_param(seen, uint, 0444);

static DECLARE_WAIT_QUEUE_HEAD(kpt_hold_wq);
static bool kpt_hold_go;

static int kpt_hold_release(const char *val, const struct kernel_param *kp)
{
	WRITE_ONCE(kpt_hold_go, true);
	wake_up(&kpt_hold_wq);
	return 0;
}

static const struct kernel_param_ops kpt_hold_release_ops = {
	.set = kpt_hold_release,
};
module_param_cb(release, &kpt_hold_release_ops, NULL, 0200);

static int kpt_hold_notify(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	struct module *mod = data;

	if (action != MODULE_STATE_COMING || strcmp(mod->name, target))
		return NOTIFY_OK;
	WRITE_ONCE(seen, seen + 1);
	if (READ_ONCE(hold)) {
		WRITE_ONCE(hold, false);
		WRITE_ONCE(held, true);
		wait_event_killable(kpt_hold_wq, READ_ONCE(kpt_hold_go));
		WRITE_ONCE(kpt_hold_go, false);
		WRITE_ONCE(held, false);
	}
	if (READ_ONCE(fail)) {
		pr_info("kpt_hold: refusing module %s: %d\n", mod->name,
			-READ_ONCE(fail));
		return notifier_from_errno(-READ_ONCE(fail));
	}
	return NOTIFY_OK;
}

static struct notifier_block kpt_hold_nb = {
	.notifier_call = kpt_hold_notify,
};

static int __init kpt_hold_init(void)
{
	kpt_hold_nb.priority = priority;
	return register_module_notifier(&kpt_hold_nb);
}

static void __exit kpt_hold_exit(void)
{
	unregister_module_notifier(&kpt_hold_nb);
}

module_init(kpt_hold_init);
module_exit(kpt_hold_exit);
MODULE_LICENSE("GPL");
