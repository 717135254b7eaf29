// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: the switch log, a probe on the sched_switch tracepoint.
 *
 * Phase 2 must find the tasks that ran since phase 1 walked them.
 * Comparing the switch count of every task with its record costs time
 * for each task inside stop_machine(); a log of the tasks switched out
 * since phase 1 began names the same tasks at the cost of only those
 * that ran.  The log only appends, in __schedule(); whether it can be
 * trusted is for phase 2 to decide (kp_log_usable()).
 */
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include "core.h"
#include "transition.h"

/* The sched_switch tracepoint, which the switch log hooks, or NULL. */
static struct tracepoint *kp_sched_switch_tp;

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
	unsigned int n = READ_ONCE(log->nr);

	if (n < KP_LOG_SIZE) {
		log->tasks[n] = prev;
		WRITE_ONCE(log->nr, n + 1);
	} else {
		WRITE_ONCE(log->overflow, true);
	}
}

/*
 * Start the switch log, if the kernel allows.  Without it phase 2 scans
 * every task, which is always sound.
 */
void kp_log_start(struct kp_check *c)
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

/*
 * Empty the log before an attempt's phase 1, so that the switch-outs of
 * earlier attempts don't fill it.  The probes go on appending meanwhile,
 * and that is sound: a switch-out whose entry a reset loses is ordered
 * before the reset (its count was incremented before its store to nr,
 * which the reset's store follows), and the full barrier makes that
 * count visible to phase 1, which reads the counts afresh.  A probe that
 * read nr before the reset stores its entry at the old place and leaves
 * entries of before the reset in the log: they are only keys, never
 * dereferenced unless recorded (kp_check_logged()).  An overflow flag
 * set by such a probe only makes phase 2 scan.
 */
void kp_log_reset(struct kp_check *c)
{
	struct kp_log *log;
	unsigned int cpu;

	if (!c->log)
		return;
	for_each_possible_cpu(cpu) {
		log = per_cpu_ptr(c->log, cpu);
		WRITE_ONCE(log->nr, 0);
		WRITE_ONCE(log->overflow, false);
	}
	smp_mb();	/* the reset before phase 1 reads any count */
}

void kp_log_stop(struct kp_check *c)
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

void kp_find_sched_switch(struct tracepoint *tp, void *unused)
{
	if (!strcmp(tp->name, "sched_switch"))
		kp_sched_switch_tp = tp;
}
