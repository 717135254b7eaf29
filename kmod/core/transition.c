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
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/delay.h>
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/stop_machine.h>
#include <linux/sysfs.h>
#include <linux/timekeeping.h>
#include <linux/tracepoint.h>
#include <asm/msr.h>
#include "core.h"
#include "kpatch-test.h"

static unsigned int max_attempts = 10;
module_param(max_attempts, uint, 0644);
MODULE_PARM_DESC(max_attempts,
		 "attempts before a switch fails with -EBUSY");

static unsigned int retry_delay_ms = 20;
module_param(retry_delay_ms, uint, 0644);
MODULE_PARM_DESC(retry_delay_ms, "sleep between two attempts, in ms");

static bool full_walk;
module_param(full_walk, bool, 0644);
MODULE_PARM_DESC(full_walk,
		 "diagnostic: no first pass, walk every stack inside stop_machine()");

/* Deeper stacks count as unreliable, as in livepatch. */
#define KP_MAX_STACK	100

static DEFINE_PER_CPU(unsigned long [KP_MAX_STACK], kp_stack_buf);

/* Phase 1 may sleep and migrate; it runs under kpatch_mutex. */
static unsigned long kp_phase1_buf[KP_MAX_STACK];

/* Phase 1 lets the CPU go after walking this many tasks. */
#define KP_PHASE1_BATCH	64

/* Tasks that phase 1 saw but could not record, kept for phase 2. */
#define KP_MAX_UNRECORDED	128

/*
 * Every task switched out on one CPU since the switch log started, in
 * order, duplicates included, as far as there is room.
 */
#define KP_LOG_SIZE	1024

struct kp_log {
	unsigned int nr;
	bool overflow;
	struct task_struct *tasks[KP_LOG_SIZE];
};

/* The sched_switch tracepoint, which the switch log hooks, or NULL. */
static struct tracepoint *kp_sched_switch_tp;

/* Text that no task may be running for the switch to happen. */
struct kp_range {
	unsigned long start;
	unsigned long end;
	const char *func;
};

/*
 * A task that phase 1 found clean with a stable stack, and its switch
 * count then.  The record holds a reference on the task, so that until
 * the attempt ends no other task can get the same task_struct.
 */
struct kp_record {
	struct task_struct *task;	/* NULL: a free slot */
	unsigned long switches;
};

/*
 * One activeness check.  The ranges are built before the machine is
 * stopped, the records of phase 1 before each stop_machine() and freed
 * after it.  kp_check_task() checks one task that is either not running
 * or current against the ranges, and records the first busy task found.
 */
struct kp_check {
	struct kp_range *ranges;
	unsigned int nr_ranges;
	bool two_phase;
	/* Phase 1's records: open addressing, at most half full. */
	struct kp_record *records;
	unsigned int records_bits;
	unsigned int nr_records;
	unsigned int max_records;
	/* Tasks seen but not recorded, referenced until the attempt ends. */
	struct task_struct **unrecorded;
	unsigned int nr_unrecorded;
	bool complete;			/* phase 1 saw the whole task list */
	bool lost;			/* a task seen is in neither array */
	unsigned long forks;		/* total_forks before phase 1 */
	struct kp_log __percpu *log;	/* NULL: phase 2 scans every task */
	/* What the current attempt did, for transition/. */
	unsigned int phase1_checked;
	unsigned int phase1_recorded;
	bool phase2_log;
	unsigned int phase2_rechecked;
	unsigned int phase2_skipped;
	atomic_t tasks_checked;		/* inside stop_machine() */
	u64 phase1_ns, phase1_cycles;
	u64 ns, cycles;			/* of stop_machine() */
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

/*
 * Walk the stack of t against the ranges.  Return: 0 when it is clean;
 * -EBUSY when it holds a return address inside a range (*addr, *range) or
 * can't be walked reliably (*addr is 0, *range NULL).
 */
static int kp_walk_task(const struct kp_check *c, struct task_struct *t,
			unsigned long *buf, unsigned long *addr,
			const struct kp_range **range)
{
	int nr, i;

	*addr = 0;
	*range = NULL;
	nr = kp_stack_save(t, buf, KP_MAX_STACK);
	if (nr < 0)
		return -EBUSY;
	for (i = 0; i < nr; i++) {
		*range = kp_find_range(c, buf[i]);
		if (*range) {
			*addr = buf[i];
			return -EBUSY;
		}
	}
	return 0;
}

static void kp_report_busy(struct kp_check *c, struct task_struct *t,
			   unsigned long addr, const struct kp_range *r)
{
	if (atomic_cmpxchg(&c->failed, 0, 1) == 0) {
		c->pid = t->pid;
		strscpy(c->comm, t->comm, sizeof(c->comm));
		c->addr = addr;
		c->func = r ? r->func : NULL;
	}
}

/* Inside stop_machine(): check t, which is not running, or is current. */
static int kp_check_task(struct kp_check *c, struct task_struct *t,
			 unsigned long *buf)
{
	const struct kp_range *r;
	unsigned long addr;
	int ret;

	atomic_inc(&c->tasks_checked);
	ret = kp_walk_task(c, t, buf, &addr, &r);
	if (ret)
		kp_report_busy(c, t, addr, r);
	return ret;
}

/*
 * How many times t has been switched out.  Both counts only grow, by one
 * at each switch-out, in __schedule(), and never change otherwise.
 */
static unsigned long kp_switches(struct task_struct *t)
{
	return READ_ONCE(t->nvcsw) + READ_ONCE(t->nivcsw);
}

/* The slot of t in the records: its own, or the free one it would take. */
static struct kp_record *kp_record_slot(const struct kp_check *c,
					const struct task_struct *t)
{
	unsigned int mask = (1U << c->records_bits) - 1;
	unsigned int i = hash_ptr(t, c->records_bits);

	/* Never more than half full, so a free slot ends every probe. */
	while (c->records[i].task && c->records[i].task != t)
		i = (i + 1) & mask;
	return &c->records[i];
}

static void kp_add_record(struct kp_check *c, struct task_struct *t,
			  unsigned long switches)
{
	struct kp_record *r;

	/* Full (tasks were forked during phase 1): phase 2 walks t. */
	if (c->nr_records >= c->max_records) {
		c->lost = true;
		return;
	}
	r = kp_record_slot(c, t);
	if (!r->task) {
		get_task_struct(t);
		r->task = t;
		c->nr_records++;
	}
	r->switches = switches;
}

/* Phase 2: t was walked in phase 1 and hasn't been switched out since. */
static bool kp_unchanged(const struct kp_check *c, struct task_struct *t)
{
	const struct kp_record *r;

	if (!c->nr_records)
		return false;
	r = kp_record_slot(c, t);
	return r->task && r->switches == kp_switches(t);
}

/* Room for every task, and for some forked while phase 1 runs. */
static int kp_alloc_records(struct kp_check *c)
{
	struct task_struct *g, *t;
	unsigned int n = num_possible_cpus();

	rcu_read_lock();
	for_each_process_thread(g, t)
		n++;
	rcu_read_unlock();

	c->max_records = n + n / 8 + 64;
	c->records_bits = order_base_2(2 * c->max_records);
	c->records = kvcalloc(1U << c->records_bits, sizeof(*c->records),
			      GFP_KERNEL);
	c->unrecorded = kcalloc(KP_MAX_UNRECORDED, sizeof(*c->unrecorded),
				GFP_KERNEL);
	if (!c->records || !c->unrecorded)
		return -ENOMEM;
	return 0;
}

/* Phase 1 saw t, but can't vouch for its walk: phase 2 walks it. */
static void kp_add_unrecorded(struct kp_check *c, struct task_struct *t)
{
	if (c->nr_unrecorded >= KP_MAX_UNRECORDED) {
		c->lost = true;
		return;
	}
	get_task_struct(t);
	c->unrecorded[c->nr_unrecorded++] = t;
}

static void kp_free_records(struct kp_check *c)
{
	unsigned int i;

	for (i = 0; c->records && i < 1U << c->records_bits; i++)
		if (c->records[i].task)
			put_task_struct(c->records[i].task);
	kvfree(c->records);
	c->records = NULL;
	c->nr_records = 0;
	for (i = 0; i < c->nr_unrecorded; i++)
		put_task_struct(c->unrecorded[i]);
	kfree(c->unrecorded);
	c->unrecorded = NULL;
	c->nr_unrecorded = 0;
}

/*
 * Phase 1: check t with the system running, and record it if it is
 * clean.  Return -EBUSY if t is busy.
 *
 * Why phase 2 may skip t when its switch count is still the recorded one
 * (doc/consistency-check.md has the long form):
 *
 * A task's kernel stack is written only by the task itself, while it
 * runs.  A run begins when __schedule() picks the task (prepare_task()
 * sets ->on_cpu to 1) and ends when the task is switched out: prev !=
 * next, so __schedule() increments its nvcsw or nivcsw, and only after
 * that, once the switch is over, finish_task() clears ->on_cpu with a
 * release store.  Every run that ends increments the count.
 *
 * Here the count is read (s1), then ->on_cpu (o1), the stack, ->on_cpu
 * again (o2), and the count again (s2), in that order (smp_rmb() and
 * acquire loads; x86 is TSO, so the writer's stores, to on_cpu, to the
 * stack and to the count, become visible in the order it made them).
 * A record needs o1 == o2 == 0 and s1 == s2.  Then no run of t overlapped
 * the walk: a run in progress at o1 or at o2 shows on_cpu == 1 there, and
 * a run that began and ended between them incremented the count between
 * s1 and s2.  So the walk saw the stack t left when its last run ended
 * (o1 acquires the release of that end), unchanging.  A task that runs,
 * or is halfway through a switch in or out, during phase 1 has no record.
 *
 * Inside stop_machine(), t is not running: every online CPU runs its
 * stopper (phase 2 leaves those to their own CPU).  So if t ran after the
 * walk, that run has ended, and its count is past s1: phase 2 walks it.
 * If the count is still s1, t has not run, and its stack is the one
 * walked here.  The reference taken in kp_add_record() keeps t's
 * task_struct from being freed and reused by a new task with a matching
 * count; new tasks have no record and are walked.
 *
 * A busy verdict is trusted only under the same conditions, so a walk
 * that raced with t never fails an attempt: phase 2 decides for t.
 */
static int kp_phase1_task(struct kp_check *c, struct task_struct *t)
{
	const struct kp_range *r;
	unsigned long before, addr;
	int ret;

	before = kp_switches(t);
	smp_rmb();	/* the count before on_cpu */
	if (smp_load_acquire(&t->on_cpu))
		goto unrecorded;
	c->phase1_checked++;
	ret = kp_walk_task(c, t, kp_phase1_buf, &addr, &r);
	smp_rmb();	/* the stack before on_cpu */
	if (smp_load_acquire(&t->on_cpu) || kp_switches(t) != before)
		goto unrecorded;
	if (ret) {
		kp_report_busy(c, t, addr, r);
		return ret;
	}
	kp_add_record(c, t, before);
	return 0;

unrecorded:
	kp_add_unrecorded(c, t);
	return 0;
}

/*
 * Let the CPU go for a moment in the middle of the task list.  The walk
 * goes on from g and t only if both are still on it (a group leader that
 * another thread replaced in exec() is not); otherwise it stops, and the
 * tasks it didn't reach have no record.
 */
static bool kp_phase1_break(struct task_struct *g, struct task_struct *t)
{
	bool cont;

	get_task_struct(g);
	get_task_struct(t);
	rcu_read_unlock();
	cond_resched();
	rcu_read_lock();
	cont = pid_alive(g) && thread_group_leader(g) && pid_alive(t);
	put_task_struct(t);
	put_task_struct(g);
	return cont;
}

/*
 * Phase 1 over every task, including the idle tasks, with the system
 * running.  Return: 0, -EBUSY when a task is busy, or -ENOMEM.
 */
static int kp_phase1(struct kp_check *c)
{
	struct task_struct *g, *t;
	unsigned int n = 0;
	int cpu, ret;

	ret = kp_alloc_records(c);
	if (ret)
		return ret;
	c->complete = true;
	c->lost = false;
	/*
	 * Before the walk: a task that copy_process() put on the list
	 * without being counted here is counted in phase 2 (x86 is TSO,
	 * and it counts after it links the task).
	 */
	if (c->log) {
		kp_forks(&c->forks);
		smp_rmb();	/* the count before the task list */
	}

	rcu_read_lock();
	for_each_process_thread(g, t) {
		ret = kp_phase1_task(c, t);
		if (ret)
			goto out;
		if (++n % KP_PHASE1_BATCH == 0 && !kp_phase1_break(g, t)) {
			c->complete = false;
			goto idle;
		}
	}
idle:
	for_each_possible_cpu(cpu) {
		ret = kp_phase1_task(c, kp_idle_task(cpu));
		if (ret)
			break;
	}
out:
	rcu_read_unlock();
	return ret;
}

/* Phase 2: walk t, unless it is running: a stopper, which its CPU checks. */
static int kp_phase2_walk(struct kp_check *c, struct task_struct *t,
			  unsigned long *buf)
{
	if (READ_ONCE(t->on_cpu))
		return 0;
	c->phase2_rechecked++;
	return kp_check_task(c, t, buf);
}

/* Phase 2 for one task of the scan: skip it if its record still holds. */
static int kp_phase2_task(struct kp_check *c, struct task_struct *t,
			  unsigned long *buf)
{
	if (!READ_ONCE(t->on_cpu) && kp_unchanged(c, t)) {
		c->phase2_skipped++;
		return 0;
	}
	return kp_phase2_walk(c, t, buf);
}

/*
 * The switch log can stand in for the scan when no task was created
 * since phase 1 began, phase 1 saw every task and kept each in its
 * records or in its unrecorded tasks, and no CPU's log overflowed.
 */
static bool kp_log_usable(const struct kp_check *c)
{
	unsigned long forks;
	unsigned int cpu;

	if (!c->log || !c->complete || c->lost || !kp_forks(&forks) ||
	    forks != c->forks)
		return false;
	for_each_possible_cpu(cpu)
		if (per_cpu_ptr(c->log, cpu)->overflow)
			return false;
	return true;
}

/*
 * Phase 2 by the switch log (kp_log_usable()).  Every task alive now was
 * on the task list all through phase 1, so phase 1 recorded it or kept
 * it as unrecorded.  The unrecorded ones are walked.  A recorded task
 * that ran since its walk was switched out since, after the log started,
 * so it is in the log: each logged task that is recorded is walked if
 * its count changed.  A logged task that is in neither array is not on
 * the task list, and is never dereferenced: only the tasks of the two
 * arrays are held.
 */
static void kp_check_logged(struct kp_check *c, unsigned long *buf)
{
	unsigned int cpu, i, walked = 0;
	struct kp_record *r;
	struct kp_log *log;

	c->phase2_log = true;
	for (i = 0; i < c->nr_unrecorded; i++)
		if (kp_phase2_walk(c, c->unrecorded[i], buf))
			goto out;
	for_each_possible_cpu(cpu) {
		log = per_cpu_ptr(c->log, cpu);
		for (i = 0; i < log->nr; i++) {
			r = kp_record_slot(c, log->tasks[i]);
			if (!r->task || READ_ONCE(r->task->on_cpu) ||
			    r->switches == kp_switches(r->task))
				continue;
			/* Once: its other entries now find it unchanged. */
			r->switches = kp_switches(r->task);
			walked++;
			c->phase2_rechecked++;
			if (kp_check_task(c, r->task, buf))
				goto out;
		}
	}
out:
	c->phase2_skipped = c->nr_records - walked;
}

/*
 * Phase 2, inside stop_machine(): every task that is not running
 * (including the idle tasks) and is not recorded with the switch count
 * it has now, found through the switch log when it can be, otherwise by
 * looking at every task.  The only running tasks are the stopper
 * threads, and each CPU checks its own (kp_switch_fn()).  With full_walk
 * there are no records, and every task is walked.
 */
static void kp_check_tasks(struct kp_check *c, unsigned long *buf)
{
	struct task_struct *g, *t;
	unsigned int cpu;

	if (kp_log_usable(c)) {
		kp_check_logged(c, buf);
		return;
	}
	rcu_read_lock();
	for_each_process_thread(g, t)
		if (kp_phase2_task(c, t, buf))
			goto out;
	for_each_possible_cpu(cpu)
		if (kp_phase2_task(c, kp_idle_task(cpu), buf))
			break;
out:
	rcu_read_unlock();
}

/*
 * The switch log: from before phase 1 until phase 2, every task that
 * __schedule() switches out (prev != next, right after it counted the
 * switch in prev's nvcsw or nivcsw) is appended to its CPU's log.  This
 * runs in __schedule(), with the runqueue locked and interrupts off: it
 * only appends.
 */
static void kp_log_switch(void *data, bool preempt, struct task_struct *prev,
			  struct task_struct *next, unsigned int prev_state)
{
	struct kp_log *log = this_cpu_ptr((struct kp_log __percpu __force *)data);

	if (log->nr < KP_LOG_SIZE)
		log->tasks[log->nr++] = prev;
	else
		log->overflow = true;
}

/*
 * Start the switch log, if the kernel allows.  Without it phase 2 scans
 * every task, which is always sound.
 */
static void kp_log_start(struct kp_check *c)
{
	unsigned long forks;

	if (!kp_sched_switch_tp || !kp_forks(&forks))
		return;
	c->log = alloc_percpu(struct kp_log);
	if (!c->log)
		return;
	if (tracepoint_probe_register(kp_sched_switch_tp, kp_log_switch,
				      (void __force *)c->log)) {
		free_percpu(c->log);
		c->log = NULL;
		return;
	}
	/*
	 * __schedule() runs with preemption off: once a grace period has
	 * passed, every switch-out calls kp_log_switch().  Expedited: a
	 * normal one would add tens of ms to every switch.
	 */
	synchronize_rcu_expedited();
}

static void kp_log_stop(struct kp_check *c)
{
	if (!c->log)
		return;
	tracepoint_probe_unregister(kp_sched_switch_tp, kp_log_switch,
				    (void __force *)c->log);
	/*
	 * sched_switch is not an _rcuidle tracepoint: its probes run with
	 * preemption off, not under tracepoint_srcu, so this grace period
	 * is all that tracepoint_synchronize_unregister() would wait for
	 * before the log can go.
	 */
	synchronize_rcu_expedited();
	free_percpu(c->log);
	c->log = NULL;
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
	/* Of the last attempt: */
	const char *check;
	unsigned int phase1_checked;
	unsigned int phase1_recorded;
	bool phase2_log;
	unsigned int phase2_rechecked;
	unsigned int phase2_skipped;
	unsigned int tasks_checked;
	u64 phase1_ns, phase1_cycles;
	u64 ns, cycles;
} kp_last = { .action = "none", .check = "none" };

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

#ifdef KPATCH_TEST_HOOKS
static void (*kp_gap_hook)(void);

void kpatch_test_set_gap_hook(void (*fn)(void))
{
	mutex_lock(&kpatch_mutex);
	kp_gap_hook = fn;
	mutex_unlock(&kpatch_mutex);
}
EXPORT_SYMBOL_GPL(kpatch_test_set_gap_hook);

static void kp_test_gap(void)
{
	if (kp_gap_hook)
		kp_gap_hook();
}
#else
static inline void kp_test_gap(void)
{
}
#endif

/*
 * One attempt: phase 1 with the system running, then stop_machine(),
 * where phase 2 runs and, if no task is busy, the switch.
 */
static int kp_attempt(struct kp_switch *sw)
{
	struct kp_check *c = &sw->check;
	u64 t0, ns0;
	int ret = 0;

	atomic_set(&sw->arrived, 0);
	atomic_set(&c->failed, 0);
	atomic_set(&c->tasks_checked, 0);
	c->phase1_checked = 0;
	c->phase2_log = false;
	c->phase2_rechecked = 0;
	c->phase2_skipped = 0;
	c->phase1_ns = 0;
	c->phase1_cycles = 0;
	c->ns = 0;
	c->cycles = 0;

	if (c->two_phase) {
		ns0 = ktime_get_ns();
		t0 = rdtsc_ordered();
		ret = kp_phase1(c);
		c->phase1_cycles = rdtsc_ordered() - t0;
		c->phase1_ns = ktime_get_ns() - ns0;
	}
	if (!ret) {
		kp_test_gap();
		ns0 = ktime_get_ns();
		t0 = rdtsc_ordered();
		ret = stop_machine(kp_switch_fn, sw, cpu_online_mask);
		c->cycles = rdtsc_ordered() - t0;
		c->ns = ktime_get_ns() - ns0;
	}

	c->phase1_recorded = c->nr_records;
	kp_free_records(c);
	return ret;
}

/**
 * kp_switch() - switch patches in and out atomically
 * @add:	patch whose prepared objects go live, or NULL
 * @remove:	patch whose applied objects leave, or NULL
 * @replace:	also take out every enabled patch on kp_patches
 *
 * Called with kpatch_mutex held.  Return: 0, or -EBUSY with nothing
 * changed when some task stayed inside the affected code, or -ENOMEM.
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
	ret = kp_build_check(&sw);
	if (ret)
		return ret;

	c->two_phase = c->nr_ranges && !READ_ONCE(full_walk);
	if (c->two_phase)
		kp_log_start(c);
	for (attempt = 1; ; attempt++) {
		ret = kp_attempt(&sw);
		if (ret != -EBUSY || attempt >= max_attempts)
			break;
		msleep(retry_delay_ms);
	}
	kp_log_stop(c);

	strscpy(kp_last.patch, kp_patch_name(p), sizeof(kp_last.patch));
	kp_last.action = replace ? "replace" : add ? "patch" : "unpatch";
	kp_last.result = ret;
	kp_last.attempts = attempt;
	kp_last.check = !c->nr_ranges ? "none" :
			c->two_phase ? "two-phase" : "full";
	kp_last.phase1_checked = c->phase1_checked;
	kp_last.phase1_recorded = c->phase1_recorded;
	kp_last.phase2_log = c->phase2_log;
	kp_last.phase2_rechecked = c->phase2_rechecked;
	kp_last.phase2_skipped = c->phase2_skipped;
	kp_last.tasks_checked = atomic_read(&c->tasks_checked);
	kp_last.phase1_ns = c->phase1_ns;
	kp_last.phase1_cycles = c->phase1_cycles;
	kp_last.ns = c->ns;
	kp_last.cycles = c->cycles;

	if (ret == -EBUSY && c->addr)
		pr_err("%s: pid %d (%s) is running %s (%pS); gave up after %u attempts\n",
		       kp_patch_name(p), c->pid, c->comm, c->func,
		       (void *)c->addr, attempt);
	else if (ret == -EBUSY)
		pr_err("%s: pid %d (%s) has a stack that can't be walked reliably; gave up after %u attempts\n",
		       kp_patch_name(p), c->pid, c->comm, attempt);
	else if (ret)
		pr_err("%s: the switch failed: %d\n", kp_patch_name(p), ret);

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
KP_LAST_ATTR(check, "%s", kp_last.check);
KP_LAST_ATTR(phase1_checked, "%u", kp_last.phase1_checked);
KP_LAST_ATTR(phase1_recorded, "%u", kp_last.phase1_recorded);
KP_LAST_ATTR(phase1_ns, "%llu", kp_last.phase1_ns);
KP_LAST_ATTR(phase1_cycles, "%llu", kp_last.phase1_cycles);
KP_LAST_ATTR(phase2_log, "%d", kp_last.phase2_log);
KP_LAST_ATTR(phase2_rechecked, "%u", kp_last.phase2_rechecked);
KP_LAST_ATTR(phase2_skipped, "%u", kp_last.phase2_skipped);
KP_LAST_ATTR(tasks_checked, "%u", kp_last.tasks_checked);
KP_LAST_ATTR(stop_machine_ns, "%llu", kp_last.ns);
KP_LAST_ATTR(stop_machine_cycles, "%llu", kp_last.cycles);

static struct attribute *kp_last_attrs[] = {
	&kp_attr_patch.attr,
	&kp_attr_action.attr,
	&kp_attr_result.attr,
	&kp_attr_attempts.attr,
	&kp_attr_check.attr,
	&kp_attr_phase1_checked.attr,
	&kp_attr_phase1_recorded.attr,
	&kp_attr_phase1_ns.attr,
	&kp_attr_phase1_cycles.attr,
	&kp_attr_phase2_log.attr,
	&kp_attr_phase2_rechecked.attr,
	&kp_attr_phase2_skipped.attr,
	&kp_attr_tasks_checked.attr,
	&kp_attr_stop_machine_ns.attr,
	&kp_attr_stop_machine_cycles.attr,
	NULL,
};

static const struct attribute_group kp_last_group = {
	.attrs = kp_last_attrs,
};

static struct kobject *kp_transition_kobj;

static void kp_find_sched_switch(struct tracepoint *tp, void *unused)
{
	if (!strcmp(tp->name, "sched_switch"))
		kp_sched_switch_tp = tp;
}

int kp_transition_init(void)
{
	int ret;

	for_each_kernel_tracepoint(kp_find_sched_switch, NULL);

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
