// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: the switch, and the activeness check that guards it.
 *
 * A patch changes the kernel all at once: inside stop_machine(), once
 * every task is known not to be running code that is about to be
 * replaced (or removed), all the functions of the patch go live (or
 * leave) together.  So no task ever mixes old and new versions of the
 * patched functions, which is the kpatch consistency model.
 *
 * Walking every stack takes long, and inside stop_machine() every CPU
 * waits for it with interrupts off.  So the check has two phases.
 * Phase 1 walks every stack with the system running, and records each
 * clean task with the number of times it had been switched out.  Phase 2,
 * inside stop_machine(), walks only the tasks that were switched out
 * since, or that have no record: a task that has not run since it was
 * walked still has the same stack.  kp_phase1_task() and
 * doc/consistency-check.md say why that holds.  Phase 2 finds those
 * tasks in a log of switch-outs kept since phase 1 began when it can
 * (kp_check_logged()), and otherwise by comparing every task's count.
 * The full_walk parameter turns phase 1 off, for comparison and
 * diagnosis.
 *
 * If some task is busy in such code, in either phase, the attempt
 * changes nothing; it is retried a bounded number of times with sleeps
 * in between, giving the task a chance to leave, and then the switch
 * fails with -EBUSY.
 *
 * This file holds the switch itself: the ranges of text that no task may
 * be running, stop_machine() with its retries, and the record of the
 * last transition in sysfs.  The check has a file for each of its jobs:
 * stack.c walks one task's stack against the ranges, records.c keeps
 * what phase 1 found for phase 2, phase1.c and phase2.c are the phases,
 * and switchlog.c is the log of switch-outs; transition.h is what they
 * share.
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/delay.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/rcupdate_wait.h>
#include <linux/slab.h>
#include <linux/stop_machine.h>
#include <linux/sysfs.h>
#include <linux/timekeeping.h>
#include <linux/tracepoint.h>
#include <asm/msr.h>
#include "core.h"
#include "kpatch-test.h"
#include "transition.h"

/*
 * Bounds of the retry parameters: a switch that waits on a busy task
 * holds up every other patch operation, and the walks of its attempts
 * keep the mutex and so module loads, for at most KP_MAX_ATTEMPTS sleeps
 * of KP_MAX_RETRY_DELAY_MS.
 */
#define KP_MAX_ATTEMPTS		1000
#define KP_MAX_RETRY_DELAY_MS	1000

static int kp_set_bounded(const char *val, const struct kernel_param *kp,
			  unsigned int min, unsigned int max)
{
	unsigned int n;

	if (kstrtouint(val, 0, &n) || n < min || n > max) {
		pr_err("%s must be a whole number from %u to %u\n",
		       kp->name, min, max);
		return -EINVAL;
	}
	WRITE_ONCE(*(unsigned int *)kp->arg, n);
	return 0;
}

static int kp_set_attempts(const char *val, const struct kernel_param *kp)
{
	return kp_set_bounded(val, kp, 1, KP_MAX_ATTEMPTS);
}

static int kp_set_delay(const char *val, const struct kernel_param *kp)
{
	return kp_set_bounded(val, kp, 0, KP_MAX_RETRY_DELAY_MS);
}

static const struct kernel_param_ops kp_attempts_ops = {
	.set = kp_set_attempts,
	.get = param_get_uint,
};

static const struct kernel_param_ops kp_delay_ops = {
	.set = kp_set_delay,
	.get = param_get_uint,
};

static unsigned int max_attempts = 10;
module_param_cb(max_attempts, &kp_attempts_ops, &max_attempts, 0644);
MODULE_PARM_DESC(max_attempts,
		 "attempts before a switch fails with -EBUSY (1 to 1000)");

static unsigned int retry_delay_ms = 20;
module_param_cb(retry_delay_ms, &kp_delay_ops, &retry_delay_ms, 0644);
MODULE_PARM_DESC(retry_delay_ms,
		 "sleep between two attempts, in ms (0 to 1000)");

static bool full_walk;
module_param(full_walk, bool, 0644);
MODULE_PARM_DESC(full_walk,
		 "diagnostic: no first pass, walk every stack inside stop_machine()");

static DEFINE_PER_CPU(unsigned long [KP_MAX_STACK], kp_stack_buf);

struct kp_switch {
	struct kp_patch *add;
	struct kp_patch *remove;
	bool replace;			/* also remove every enabled patch */
	struct kp_check check;
	atomic_t arrived;
};

/*
 * Switch one object's functions and hooks in or out, at once, where no
 * task can run obj's code (notifier.c: a module that comes or goes) and
 * the object's patch is live.  The stop_machine() switch goes through
 * kp_switch_patches() instead.
 */
void kp_object_switch_in(struct kp_object *obj)
{
	const struct kpatch_object *d = obj->desc;
	struct kp_func *f;
	unsigned int i;

	kp_for_each_func(obj, f, i)
		kp_func_go_live(f);
	for (i = 0; i < d->nr_load_hooks; i++)
		d->load_hooks[i]();
	obj->applied = true;
}

void kp_object_switch_out(struct kp_object *obj)
{
	const struct kpatch_object *d = obj->desc;
	struct kp_func *f;
	unsigned int i;

	kp_for_each_func(obj, f, i)
		kp_func_leave(f);
	for (i = 0; i < d->nr_unload_hooks; i++)
		d->unload_hooks[i]();
	obj->applied = false;
}

#ifdef KPATCH_TEST_HOOKS
static void (*kp_flip_hook)(void);

void kpatch_test_set_flip_hook(void (*fn)(void))
{
	mutex_lock(&kpatch_mutex);
	kp_flip_hook = fn;
	mutex_unlock(&kpatch_mutex);
}
EXPORT_SYMBOL_GPL(kpatch_test_set_flip_hook);

static void kp_test_flip(void)
{
	if (kp_flip_hook)
		kp_flip_hook();
}
#else
static inline void kp_test_flip(void)
{
}
#endif

/*
 * Inside stop_machine(): put the functions of p's prepared objects into
 * the hash, where they wait for the flip to generation gen.
 */
static void kp_patch_stage_in(struct kp_patch *p, unsigned long gen)
{
	struct kp_object *obj;
	bool first = true;
	struct kp_func *f;
	unsigned int i, j;

	WRITE_ONCE(p->live_until, ULONG_MAX);
	WRITE_ONCE(p->live_from, gen);
	kp_for_each_object(p, obj, i) {
		if (!obj->prepared)
			continue;
		kp_for_each_func(obj, f, j) {
			kp_func_go_live(f);
			/* What an NMI would see here: nothing of the switch. */
			if (first)
				kp_test_flip();
			first = false;
		}
	}
}

/* Inside stop_machine(), after the flip: load hooks, and applied. */
static void kp_patch_finish_in(struct kp_patch *p)
{
	const struct kpatch_object *d;
	struct kp_object *obj;
	unsigned int i, j;

	kp_for_each_object(p, obj, i) {
		if (!obj->prepared)
			continue;
		d = obj->desc;
		for (j = 0; j < d->nr_load_hooks; j++)
			d->load_hooks[j]();
		obj->applied = true;
	}
}

/*
 * Inside stop_machine(), after the flip: unload hooks, and not applied.
 * The functions stay in the hash, dead, until kp_unhash_dead().
 */
static void kp_patch_finish_out(struct kp_patch *p)
{
	const struct kpatch_object *d;
	struct kp_object *obj;
	unsigned int i, j;

	kp_for_each_object(p, obj, i) {
		if (!obj->applied)
			continue;
		d = obj->desc;
		for (j = 0; j < d->nr_unload_hooks; j++)
			d->unload_hooks[j]();
		obj->applied = false;
	}
}

/* After the switch: take the functions of p that left out of the hash. */
static void kp_patch_unhash(struct kp_patch *p)
{
	struct kp_object *obj;
	struct kp_func *f;
	unsigned int i, j;

	kp_for_each_object(p, obj, i)
		kp_for_each_func(obj, f, j)
			if (f->live)
				kp_func_leave(f);
}

static void kp_unhash_dead(struct kp_switch *sw)
{
	struct kp_patch *q;

	if (sw->remove)
		kp_patch_unhash(sw->remove);
	if (sw->replace)
		list_for_each_entry(q, &kp_patches, list)
			if (q->enabled)
				kp_patch_unhash(q);
}

/*
 * The switch proper, once no task is busy: everything that changes for
 * the handler changes with the one store of kp_flip_generation().
 */
static void kp_switch_patches(struct kp_switch *sw)
{
	unsigned long gen = kp_next_generation();
	struct kp_patch *q;

	if (sw->remove)
		WRITE_ONCE(sw->remove->live_until, gen);
	if (sw->replace)
		list_for_each_entry(q, &kp_patches, list)
			if (q->enabled)
				WRITE_ONCE(q->live_until, gen);
	if (sw->add)
		kp_patch_stage_in(sw->add, gen);
	kp_flip_generation(gen);

	if (sw->remove)
		kp_patch_finish_out(sw->remove);
	if (sw->replace)
		list_for_each_entry(q, &kp_patches, list)
			if (q->enabled)
				kp_patch_finish_out(q);
	if (sw->add)
		kp_patch_finish_in(sw->add);
}

/* Runs on every online CPU, with interrupts off. */
static int kp_switch_fn(void *data)
{
	unsigned long *buf = *this_cpu_ptr(&kp_stack_buf);
	struct kp_switch *sw = data;

	/*
	 * This CPU's running context: the stopper thread, and whatever it
	 * runs on behalf of.  No other CPU can walk a running stack.
	 */
	if (sw->check.nr_ranges)
		kp_check_task(&sw->check, current, buf);

	/*
	 * The last CPU to get here does the rest, while the others spin in
	 * stop_machine() with interrupts off.
	 */
	if (atomic_inc_return(&sw->arrived) < num_online_cpus())
		return 0;

	if (sw->check.nr_ranges && !atomic_read(&sw->check.failed))
		kp_check_tasks(&sw->check, buf);
	if (atomic_read(&sw->check.failed))
		return -EBUSY;

	kp_switch_patches(sw);
	return 0;
}

/* The last transition, for /sys/kernel/kpatch/transition/. */
static struct {
	char patch[MODULE_NAME_LEN];
	const char *action;
	int result;
	unsigned int attempts;
	/* Of the last attempt: */
	const char *check;
	struct kp_stats stats;
} kp_last = { .action = "none", .check = "none" };

#ifdef KPATCH_TEST_HOOKS
static void (*kp_gap_hook)(void);
static bool (*kp_fail_hook)(unsigned int attempt);

void kpatch_test_set_gap_hook(void (*fn)(void))
{
	mutex_lock(&kpatch_mutex);
	kp_gap_hook = fn;
	mutex_unlock(&kpatch_mutex);
}
EXPORT_SYMBOL_GPL(kpatch_test_set_gap_hook);

void kpatch_test_set_fail_hook(bool (*fn)(unsigned int attempt))
{
	mutex_lock(&kpatch_mutex);
	kp_fail_hook = fn;
	mutex_unlock(&kpatch_mutex);
}
EXPORT_SYMBOL_GPL(kpatch_test_set_fail_hook);

static int kp_test_gap(unsigned int attempt)
{
	if (kp_gap_hook)
		kp_gap_hook();
	if (kp_fail_hook && kp_fail_hook(attempt))
		return -EBUSY;
	return 0;
}
#else
static inline int kp_test_gap(unsigned int attempt)
{
	return 0;
}
#endif

/*
 * One attempt: phase 1 with the system running, then stop_machine(),
 * where phase 2 runs and, if no task is busy, the switch.
 */
static int kp_attempt(struct kp_switch *sw, unsigned int attempt)
{
	struct kp_check *c = &sw->check;
	u64 t0, ns0;
	int ret = 0;

	atomic_set(&sw->arrived, 0);
	atomic_set(&c->failed, 0);
	atomic_set(&c->tasks_checked, 0);
	memset(&c->stats, 0, sizeof(c->stats));

	if (c->two_phase) {
		/* What the log holds of earlier attempts is of no use. */
		kp_log_reset(c);
		ns0 = ktime_get_ns();
		t0 = rdtsc_ordered();
		ret = kp_phase1(c);
		c->stats.phase1_cycles = rdtsc_ordered() - t0;
		c->stats.phase1_ns = ktime_get_ns() - ns0;
	}
	if (!ret)
		ret = kp_test_gap(attempt);
	if (!ret) {
		ns0 = ktime_get_ns();
		t0 = rdtsc_ordered();
		ret = stop_machine(kp_switch_fn, sw, cpu_online_mask);
		c->stats.stop_machine_cycles = rdtsc_ordered() - t0;
		c->stats.stop_machine_ns = ktime_get_ns() - ns0;
	}

	c->stats.phase1_recorded = c->nr_records;
	c->stats.tasks_checked = atomic_read(&c->tasks_checked);
	kp_free_records(c);
	return ret;
}

/* Why the switch of patch failed, after attempts. */
static void kp_report_failure(const char *patch, const struct kp_check *c,
			      int ret, unsigned int attempts)
{
	const void *addr = (const void *)c->addr;

	if (ret != -EBUSY)
		pr_err("%s: the switch failed: %d\n", patch, ret);
	else if (!c->addr)
		pr_err("%s: pid %d (%s) has a stack that can't be walked reliably; gave up after %u attempts\n",
		       patch, c->pid, c->comm, attempts);
	else if (c->kind == KP_RANGE_CALL)
		pr_err("%s: pid %d (%s) is between the ftrace call of %s and its replacement (%pS); gave up after %u attempts\n",
		       patch, c->pid, c->comm, c->func, addr, attempts);
	else if (c->kind == KP_RANGE_HANDLER)
		pr_err("%s: pid %d (%s) is in kpatch's ftrace handler (%pS); gave up after %u attempts\n",
		       patch, c->pid, c->comm, addr, attempts);
	else if (c->kind == KP_RANGE_PATCH)
		pr_err("%s: pid %d (%s) is running code of the patch module %s (%pS); gave up after %u attempts\n",
		       patch, c->pid, c->comm, c->func, addr, attempts);
	else
		pr_err("%s: pid %d (%s) is running %s (%pS); gave up after %u attempts\n",
		       patch, c->pid, c->comm, c->func, addr, attempts);
}

/* The patch whose switch sleeps between attempts, without kpatch_mutex. */
static const char *kp_retrying;

/**
 * kp_switch_retrying() - refuse a switch while another one sleeps
 * @patch:	the patch that would switch
 *
 * Called with kpatch_mutex held, before anything is done for a switch.
 * Return: true (having said why) if another switch is waiting to retry.
 */
bool kp_switch_retrying(const char *patch)
{
	lockdep_assert_held(&kpatch_mutex);
	if (!kp_retrying)
		return false;
	pr_err("%s: the switch of %s is waiting to retry: try again once it is over\n",
	       patch, kp_retrying);
	return true;
}

/*
 * Pin the modules of p's prepared objects (pin), or let them go.  Only
 * live modules can be pinned: a module still coming is freed whatever
 * its references if its init fails.  Return: whether all are pinned.
 */
static bool kp_pin_modules(struct kp_patch *p, bool pin)
{
	struct kp_object *obj;
	unsigned int i, j;

	if (!p)
		return true;
	kp_for_each_object(p, obj, i) {
		if (!obj->prepared || !obj->mod)
			continue;
		if (!pin) {
			module_put(obj->mod);
			continue;
		}
		if (READ_ONCE(obj->mod->state) == MODULE_STATE_LIVE &&
		    try_module_get(obj->mod))
			continue;
		for (j = 0; j < i; j++)
			if (p->objs[j]->prepared && p->objs[j]->mod)
				module_put(p->objs[j]->mod);
		return false;
	}
	return true;
}

/* A module came for an object of add that had none: -EBUSY. */
static int kp_check_newcomers(struct kp_patch *add)
{
	struct kp_object *obj;
	unsigned int i;

	if (!add)
		return 0;
	kp_for_each_object(add, obj, i) {
		if (obj->prepared || !strcmp(obj->name, KPATCH_VMLINUX) ||
		    !kp_find_patchable_module(obj->name))
			continue;
		pr_err("%s: module %s was loaded while the switch waited to retry: try again\n",
		       kp_patch_name(add), obj->name);
		return -EBUSY;
	}
	return 0;
}

/*
 * Sleep between two attempts, without kpatch_mutex, so that modules can
 * load and unload meanwhile: the module notifier takes the mutex.
 * Nothing else that takes it starts a switch meanwhile
 * (kp_switch_retrying()).  What a module that comes or goes changes:
 * - the patches in force (remove, and those a replace patch supersedes)
 *   have their objects for it switched in or out by the notifier, as
 *   always; the ranges are built again afterwards;
 * - the patch coming in (add) is not known to the notifier yet: the
 *   modules of its prepared objects are pinned, so none of them goes,
 *   and a module that comes for one of its other objects fails the
 *   switch (it would stay unpatched).
 * If a module of add can't be pinned, the sleep keeps the mutex.
 * Return: 0, or an error that ends the switch.
 */
static int kp_retry_sleep(struct kp_switch *sw, unsigned int ms)
{
	struct kp_check *c = &sw->check;
	struct kp_patch *p = sw->add ? sw->add : sw->remove;
	int ret;

	if (!kp_pin_modules(sw->add, true)) {
		msleep(ms);
		return 0;
	}
	kp_retrying = kp_patch_name(p);
	mutex_unlock(&kpatch_mutex);
	msleep(ms);
	mutex_lock(&kpatch_mutex);
	kp_retrying = NULL;
	kp_pin_modules(sw->add, false);

	ret = kp_check_newcomers(sw->add);
	if (ret)
		return ret;
	c->nr_ranges = 0;
	return kp_build_ranges(c, sw->add, sw->remove, sw->replace);
}

/**
 * kp_switch() - switch patches in and out atomically
 * @add:	patch whose prepared objects go live, or NULL
 * @remove:	patch whose applied objects leave, or NULL
 * @replace:	also take out every enabled patch on kp_patches
 *
 * Called with kpatch_mutex held, which it lets go while it sleeps between
 * attempts (kp_retry_sleep()).  Return: 0, or -EBUSY with nothing
 * changed when some task stayed inside the affected code or a module
 * came meanwhile for an object of add, or -ENOMEM.
 */
int kp_switch(struct kp_patch *add, struct kp_patch *remove, bool replace)
{
	struct kp_switch sw = { .add = add, .remove = remove,
				.replace = replace };
	struct kp_patch *p = add ? add : remove;
	struct kp_check *c = &sw.check;
	unsigned int attempt;
	int ret;

	lockdep_assert_held(&kpatch_mutex);
	ret = kp_build_ranges(c, add, remove, replace);
	if (ret) {
		kfree(c->ranges);
		return ret;
	}

	c->two_phase = c->nr_ranges && !READ_ONCE(full_walk);
	if (c->two_phase)
		kp_log_start(c);
	for (attempt = 1; ; attempt++) {
		ret = kp_attempt(&sw, attempt);
		if (ret != -EBUSY || attempt >= READ_ONCE(max_attempts))
			break;
		ret = kp_retry_sleep(&sw, READ_ONCE(retry_delay_ms));
		if (ret)
			break;
	}
	kp_log_stop(c);

	strscpy(kp_last.patch, kp_patch_name(p), sizeof(kp_last.patch));
	kp_last.action = replace ? "replace" : add ? "patch" : "unpatch";
	kp_last.result = ret;
	kp_last.attempts = attempt;
	kp_last.check = !c->nr_ranges ? "none" :
			c->two_phase ? "two-phase" : "full";
	kp_last.stats = c->stats;

	if (ret)
		kp_report_failure(kp_patch_name(p), c, ret, attempt);

	/*
	 * Before the caller may reuse the functions that left, or drop the
	 * reference on a patch module.  A handler (an RCU reader) may still
	 * be using the generation before the flip: the functions that left
	 * stay in the hash until it is done, then they go, and once no
	 * handler can be walking them either they may be reused.  A task
	 * that has left the task list on its way out of do_exit(), which
	 * neither phase saw, may still run their code: RCU Tasks waits for
	 * it, since in Linux 6.1 the exit path from before exit_notify() to
	 * the last schedule() is a read section of its grace period
	 * (rcu_tasks_postscan()).
	 */
	if (!ret && (remove || replace)) {
		synchronize_rcu();
		kp_unhash_dead(&sw);
		synchronize_rcu();
		synchronize_rcu_tasks();
	}
	kfree(c->ranges);
	return ret;
}

#define KP_LAST_ATTR(_name, _fmt, _val)					\
static ssize_t _name##_show(struct kobject *kobj,			\
			    struct kobj_attribute *attr, char *buf)	\
{									\
	ssize_t len;							\
									\
	mutex_lock(&kpatch_mutex);					\
	len = sysfs_emit(buf, _fmt "\n", _val);				\
	mutex_unlock(&kpatch_mutex);					\
	return len;							\
}									\
static struct kobj_attribute kp_attr_##_name = __ATTR_RO(_name)

KP_LAST_ATTR(patch, "%s", kp_last.patch);
KP_LAST_ATTR(action, "%s", kp_last.action);
KP_LAST_ATTR(result, "%d", kp_last.result);
KP_LAST_ATTR(attempts, "%u", kp_last.attempts);
KP_LAST_ATTR(check, "%s", kp_last.check);

/* A file of transition/ for a member of struct kp_stats. */
struct kp_stat_attr {
	struct kobj_attribute kattr;
	size_t offset;
	size_t size;
};

static ssize_t kp_stat_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	const struct kp_stat_attr *sa =
		container_of(attr, struct kp_stat_attr, kattr);
	const void *p = (const char *)&kp_last.stats + sa->offset;
	u64 v;

	mutex_lock(&kpatch_mutex);
	if (sa->size == sizeof(u64))
		v = *(const u64 *)p;
	else if (sa->size == sizeof(unsigned int))
		v = *(const unsigned int *)p;
	else
		v = *(const bool *)p;
	mutex_unlock(&kpatch_mutex);
	return sysfs_emit(buf, "%llu\n", v);
}

#define KP_STAT(_name) {						\
	.kattr = __ATTR(_name, 0444, kp_stat_show, NULL),		\
	.offset = offsetof(struct kp_stats, _name),			\
	.size = sizeof_field(struct kp_stats, _name),			\
}

static struct kp_stat_attr kp_stat_attrs[] = {
	KP_STAT(phase1_checked),
	KP_STAT(phase1_recorded),
	KP_STAT(phase1_ns),
	KP_STAT(phase1_cycles),
	KP_STAT(phase2_log),
	KP_STAT(phase2_rechecked),
	KP_STAT(phase2_skipped),
	KP_STAT(tasks_checked),
	KP_STAT(stop_machine_ns),
	KP_STAT(stop_machine_cycles),
};

static struct attribute *kp_last_attrs[] = {
	&kp_attr_patch.attr,
	&kp_attr_action.attr,
	&kp_attr_result.attr,
	&kp_attr_attempts.attr,
	&kp_attr_check.attr,
	NULL,
};

static const struct attribute_group kp_last_group = {
	.attrs = kp_last_attrs,
};

/* Filled in from kp_stat_attrs by kp_transition_init(). */
static struct attribute *kp_stats_attrs[ARRAY_SIZE(kp_stat_attrs) + 1];

static const struct attribute_group kp_stats_group = {
	.attrs = kp_stats_attrs,
};

static const struct attribute_group *kp_transition_groups[] = {
	&kp_last_group,
	&kp_stats_group,
	NULL,
};

static struct kobject *kp_transition_kobj;

int kp_transition_init(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(kp_stat_attrs); i++)
		kp_stats_attrs[i] = &kp_stat_attrs[i].kattr.attr;

	for_each_kernel_tracepoint(kp_find_sched_switch, NULL);

	kp_transition_kobj = kobject_create_and_add("transition", kp_root_kobj);
	if (!kp_transition_kobj)
		return -ENOMEM;
	ret = sysfs_create_groups(kp_transition_kobj, kp_transition_groups);
	if (ret)
		kobject_put(kp_transition_kobj);
	return ret;
}

void kp_transition_exit(void)
{
	kobject_put(kp_transition_kobj);
}
