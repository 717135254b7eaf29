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
 * If some task is busy in such code, the attempt changes nothing; it is
 * retried a bounded number of times with sleeps in between, giving the
 * task a chance to leave, and then the switch fails with -EBUSY.
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/delay.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/stop_machine.h>
#include <linux/sysfs.h>
#include <linux/timekeeping.h>
#include <asm/msr.h>
#include "core.h"

static unsigned int max_attempts = 10;
module_param(max_attempts, uint, 0644);
MODULE_PARM_DESC(max_attempts,
		 "stop_machine() attempts before a switch fails with -EBUSY");

static unsigned int retry_delay_ms = 20;
module_param(retry_delay_ms, uint, 0644);
MODULE_PARM_DESC(retry_delay_ms, "sleep between two attempts, in ms");

/* Deeper stacks count as unreliable, as in livepatch. */
#define KP_MAX_STACK	100

static DEFINE_PER_CPU(unsigned long [KP_MAX_STACK], kp_stack_buf);

/* Text that no task may be running for the switch to happen. */
struct kp_range {
	unsigned long start;
	unsigned long end;
	const char *func;
};

/*
 * One activeness check.  The ranges are built before the machine is
 * stopped.  kp_check_task() checks one task that is either not running
 * or current, against them, and records the first busy task it finds;
 * nothing in it depends on running inside stop_machine(), so that a first
 * pass over all tasks can later run outside it (issue 8).
 */
struct kp_check {
	struct kp_range *ranges;
	unsigned int nr_ranges;
	atomic_t tasks_checked;
	atomic_t failed;
	/* The first busy task. */
	pid_t pid;
	char comm[TASK_COMM_LEN];
	unsigned long addr;		/* 0: its stack was unreliable */
	const char *func;
};

/*
 * The range holding addr, or NULL.  The ranges are sorted by start, and
 * distinct functions don't overlap, so only the last range starting at or
 * before addr can hold it.
 */
static const struct kp_range *kp_find_range(const struct kp_check *c,
					    unsigned long addr)
{
	unsigned int lo = 0, hi = c->nr_ranges, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->ranges[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo && addr < c->ranges[lo - 1].end)
		return &c->ranges[lo - 1];
	return NULL;
}

static int kp_check_task(struct kp_check *c, struct task_struct *t,
			 unsigned long *buf)
{
	const struct kp_range *r = NULL;
	unsigned long addr = 0;
	int nr, i;

	atomic_inc(&c->tasks_checked);
	nr = kp_stack_save(t, buf, KP_MAX_STACK);
	if (nr < 0)
		goto busy;
	for (i = 0; i < nr; i++) {
		r = kp_find_range(c, buf[i]);
		if (r) {
			addr = buf[i];
			goto busy;
		}
	}
	return 0;

busy:
	if (atomic_cmpxchg(&c->failed, 0, 1) == 0) {
		c->pid = t->pid;
		strscpy(c->comm, t->comm, sizeof(c->comm));
		c->addr = addr;
		c->func = r ? r->func : NULL;
	}
	return -EBUSY;
}

/*
 * Every task that is not running, including the idle tasks.  Inside
 * stop_machine() the only running tasks are the stopper threads, and
 * each CPU checks its own (kp_switch_fn()).
 */
static void kp_check_tasks(struct kp_check *c, unsigned long *buf)
{
	struct task_struct *g, *t;
	unsigned int cpu;

	rcu_read_lock();
	for_each_process_thread(g, t) {
		if (!READ_ONCE(t->on_cpu) && kp_check_task(c, t, buf))
			goto out;
	}
	for_each_possible_cpu(cpu) {
		t = kp_idle_task(cpu);
		if (!READ_ONCE(t->on_cpu) && kp_check_task(c, t, buf))
			break;
	}
out:
	rcu_read_unlock();
}

static void kp_add_range(struct kp_check *c, unsigned long start,
			 unsigned long size, const char *func)
{
	struct kp_range *r = &c->ranges[c->nr_ranges++];

	r->start = start;
	r->end = start + size;
	r->func = func;
}

/*
 * Switching a function in: no task may be in the original, nor in the
 * replacement that is live now, if the function is patched already.
 */
static void kp_ranges_switch_in(struct kp_check *c, struct kp_patch *p)
{
	struct kp_object *obj;
	struct kp_func *f, *top;
	unsigned int i, j;

	kp_for_each_object(p, obj, i) {
		if (!obj->prepared)
			continue;
		kp_for_each_func(obj, f, j) {
			if (f->desc->force)
				continue;
			kp_add_range(c, f->old_addr, f->old_size,
				     f->desc->old_name);
			top = kp_top_func(f->ip);
			if (top)
				kp_add_range(c, (unsigned long)top->desc->new_func,
					     top->new_size, f->desc->old_name);
		}
	}
}

/* Switching a function out: no task may be in its replacement. */
static void kp_ranges_switch_out(struct kp_check *c, struct kp_patch *p)
{
	struct kp_object *obj;
	struct kp_func *f;
	unsigned int i, j;

	kp_for_each_object(p, obj, i) {
		if (!obj->applied)
			continue;
		kp_for_each_func(obj, f, j)
			if (!f->desc->force)
				kp_add_range(c, (unsigned long)f->desc->new_func,
					     f->new_size, f->desc->old_name);
	}
}

static unsigned int kp_count_funcs(struct kp_patch *p)
{
	struct kp_object *obj;
	unsigned int i, n = 0;

	kp_for_each_object(p, obj, i)
		n += obj->nr_funcs;
	return n;
}

struct kp_switch {
	struct kp_patch *add;
	struct kp_patch *remove;
	bool replace;			/* also remove every enabled patch */
	struct kp_check check;
	atomic_t arrived;
};

static void kp_patch_switch(struct kp_patch *p, bool in)
{
	struct kp_object *obj;
	unsigned int i;

	kp_for_each_object(p, obj, i) {
		if (in && obj->prepared)
			kp_object_switch_in(obj);
		else if (!in && obj->applied)
			kp_object_switch_out(obj);
	}
}

/* Runs on every online CPU, with interrupts off. */
static int kp_switch_fn(void *data)
{
	unsigned long *buf = *this_cpu_ptr(&kp_stack_buf);
	struct kp_switch *sw = data;
	struct kp_patch *q;

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

	if (sw->remove)
		kp_patch_switch(sw->remove, false);
	if (sw->replace)
		list_for_each_entry(q, &kp_patches, list)
			if (q->enabled)
				kp_patch_switch(q, false);
	if (sw->add)
		kp_patch_switch(sw->add, true);
	return 0;
}

/* The last transition, for /sys/kernel/kpatch/transition/. */
static struct {
	char patch[MODULE_NAME_LEN];
	const char *action;
	int result;
	unsigned int attempts;
	unsigned int tasks_checked;
	u64 ns;
	u64 cycles;
} kp_last = { .action = "none" };

static int kp_range_cmp(const void *a, const void *b)
{
	const struct kp_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static int kp_build_check(struct kp_switch *sw)
{
	struct kp_check *c = &sw->check;
	unsigned int n = 0;
	struct kp_patch *q;

	if (sw->add)
		n += 2 * kp_count_funcs(sw->add);
	if (sw->remove)
		n += kp_count_funcs(sw->remove);
	if (sw->replace)
		list_for_each_entry(q, &kp_patches, list)
			n += kp_count_funcs(q);
	c->ranges = kcalloc(n, sizeof(*c->ranges), GFP_KERNEL);
	if (n && !c->ranges)
		return -ENOMEM;

	if (sw->add)
		kp_ranges_switch_in(c, sw->add);
	if (sw->remove)
		kp_ranges_switch_out(c, sw->remove);
	if (sw->replace)
		list_for_each_entry(q, &kp_patches, list)
			if (q->enabled)
				kp_ranges_switch_out(c, q);
	sort(c->ranges, c->nr_ranges, sizeof(*c->ranges), kp_range_cmp, NULL);
	return 0;
}

/**
 * kp_switch() - switch patches in and out atomically
 * @add:	patch whose prepared objects go live, or NULL
 * @remove:	patch whose applied objects leave, or NULL
 * @replace:	also take out every enabled patch on kp_patches
 *
 * Called with kpatch_mutex held.  Return: 0, or -EBUSY with nothing
 * changed when some task stayed inside the affected code.
 */
int kp_switch(struct kp_patch *add, struct kp_patch *remove, bool replace)
{
	struct kp_switch sw = { .add = add, .remove = remove,
				.replace = replace };
	struct kp_patch *p = add ? add : remove;
	struct kp_check *c = &sw.check;
	unsigned int attempt;
	u64 t0, ns0;
	int ret;

	ret = kp_build_check(&sw);
	if (ret)
		return ret;

	for (attempt = 1; ; attempt++) {
		atomic_set(&sw.arrived, 0);
		atomic_set(&c->failed, 0);
		atomic_set(&c->tasks_checked, 0);
		ns0 = ktime_get_ns();
		t0 = rdtsc_ordered();
		ret = stop_machine(kp_switch_fn, &sw, cpu_online_mask);
		kp_last.cycles = rdtsc_ordered() - t0;
		kp_last.ns = ktime_get_ns() - ns0;
		if (ret != -EBUSY || attempt >= max_attempts)
			break;
		msleep(retry_delay_ms);
	}

	strscpy(kp_last.patch, kp_patch_name(p), sizeof(kp_last.patch));
	kp_last.action = replace ? "replace" : add ? "patch" : "unpatch";
	kp_last.result = ret;
	kp_last.attempts = attempt;
	kp_last.tasks_checked = atomic_read(&c->tasks_checked);

	if (ret == -EBUSY && c->addr)
		pr_err("%s: pid %d (%s) is running %s (%pS); gave up after %u attempts\n",
		       kp_patch_name(p), c->pid, c->comm, c->func,
		       (void *)c->addr, attempt);
	else if (ret == -EBUSY)
		pr_err("%s: pid %d (%s) has a stack that can't be walked reliably; gave up after %u attempts\n",
		       kp_patch_name(p), c->pid, c->comm, attempt);
	else if (ret)
		pr_err("%s: stop_machine() failed: %d\n", kp_patch_name(p),
		       ret);

	/* Functions that left may still be seen by an ftrace handler. */
	if (!ret && (remove || replace))
		synchronize_rcu();
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
KP_LAST_ATTR(tasks_checked, "%u", kp_last.tasks_checked);
KP_LAST_ATTR(stop_machine_ns, "%llu", kp_last.ns);
KP_LAST_ATTR(stop_machine_cycles, "%llu", kp_last.cycles);

static struct attribute *kp_last_attrs[] = {
	&kp_attr_patch.attr,
	&kp_attr_action.attr,
	&kp_attr_result.attr,
	&kp_attr_attempts.attr,
	&kp_attr_tasks_checked.attr,
	&kp_attr_stop_machine_ns.attr,
	&kp_attr_stop_machine_cycles.attr,
	NULL,
};

static const struct attribute_group kp_last_group = {
	.attrs = kp_last_attrs,
};

static struct kobject *kp_transition_kobj;

int kp_transition_init(void)
{
	int ret;

	kp_transition_kobj = kobject_create_and_add("transition", kp_root_kobj);
	if (!kp_transition_kobj)
		return -ENOMEM;
	ret = sysfs_create_group(kp_transition_kobj, &kp_last_group);
	if (ret)
		kobject_put(kp_transition_kobj);
	return ret;
}

void kp_transition_exit(void)
{
	kobject_put(kp_transition_kobj);
}
