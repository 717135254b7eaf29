// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: phase 1 of the activeness check.
 *
 * Walking every stack inside stop_machine() is the whole pause.  So
 * phase 1 walks every stack first, with the system running, and leaves
 * phase 2 only the tasks that ran since.  A busy task ends the attempt
 * before the machine is stopped; a clean one is recorded (records.c) if
 * the walk provably saw a stack that didn't change under it, which the
 * comment above kp_phase1_task() argues.
 */
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <asm/barrier.h>
#include "core.h"
#include "transition.h"

/* Phase 1 may sleep and migrate; it runs under kpatch_mutex. */
static unsigned long kp_phase1_buf[KP_MAX_STACK];

/* Phase 1 lets the CPU go after walking this many tasks. */
#define KP_PHASE1_BATCH	64

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
	c->stats.phase1_checked++;
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
int kp_phase1(struct kp_check *c)
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
