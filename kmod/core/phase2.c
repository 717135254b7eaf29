// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: phase 2 of the activeness check, inside stop_machine().
 *
 * With the other CPUs stopped, the last CPU to arrive walks each task
 * that is not running and whose phase 1 record no longer holds.  It
 * finds them in the switch log (switchlog.c) when the log provably
 * covers every task, and otherwise by comparing every task's switch
 * count with its record.  This is all the pause does besides the
 * switch, so it walks as few stacks as it soundly can.
 */
#include <linux/nmi.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include "core.h"
#include "transition.h"

/*
 * This CPU has interrupts off for the whole of phase 2, which can walk
 * thousands of stacks under the full walk or a slow emulator: tell the
 * hard-lockup detector every so many walks that it is making progress.
 * (The other CPUs touch it themselves as they wait in stop_machine().)
 */
#define KP_WATCHDOG_BATCH	64

/* Phase 2: walk t, unless it is running: a stopper, which its CPU checks. */
static int kp_phase2_walk(struct kp_check *c, struct task_struct *t,
			  unsigned long *buf)
{
	if (READ_ONCE(t->on_cpu))
		return 0;
	if (++c->stats.phase2_rechecked % KP_WATCHDOG_BATCH == 0)
		touch_nmi_watchdog();
	return kp_check_task(c, t, buf);
}

/* Phase 2 for one task of the scan: skip it if its record still holds. */
static int kp_phase2_task(struct kp_check *c, struct task_struct *t,
			  unsigned long *buf)
{
	if (!READ_ONCE(t->on_cpu) && kp_unchanged(c, t)) {
		c->stats.phase2_skipped++;
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

	c->stats.phase2_log = true;
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
			if (++c->stats.phase2_rechecked % KP_WATCHDOG_BATCH == 0)
				touch_nmi_watchdog();
			if (kp_check_task(c, r->task, buf))
				goto out;
		}
	}
out:
	c->stats.phase2_skipped = c->nr_records - walked;
}

/*
 * Phase 2, inside stop_machine(): every task that is not running
 * (including the idle tasks) and is not recorded with the switch count
 * it has now, found through the switch log when it can be, otherwise by
 * looking at every task.  The only running tasks are the stopper
 * threads, and each CPU checks its own (kp_switch_fn()).  With full_walk
 * there are no records, and every task is walked.
 */
void kp_check_tasks(struct kp_check *c, unsigned long *buf)
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
