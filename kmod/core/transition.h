/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kpatch core: the activeness check, shared between the files of the
 * switch and private to them.  transition.c has the overview; stack.c
 * walks one task, records.c and phase1.c are phase 1, phase2.c and
 * switchlog.c are phase 2.
 */
#ifndef _KPATCH_TRANSITION_H_
#define _KPATCH_TRANSITION_H_

#include <linux/atomic.h>
#include <linux/percpu.h>
#include <linux/sched.h>

struct tracepoint;

/* Deeper stacks count as unreliable, as in livepatch. */
#define KP_MAX_STACK	100

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

/*
 * What a range is, for the error message: a function (old or new, or a
 * .cold part of one), the return address of the ftrace call of a
 * function that is switched out, the ftrace handler and trampoline, or
 * the whole text of a patch module.
 */
enum kp_range_kind {
	KP_RANGE_FUNC,
	KP_RANGE_CALL,
	KP_RANGE_HANDLER,
	KP_RANGE_PATCH,
};

/*
 * Text that no task may be running for the switch to happen.  Ranges
 * may overlap (a function inside its patch module's text, the ftrace
 * call inside the old function when a replace patch switches both): the
 * lookup finds the innermost one, by the start, with the help of reach.
 */
struct kp_range {
	unsigned long start;
	unsigned long end;
	unsigned long reach;		/* the largest end up to this one */
	enum kp_range_kind kind;
	const char *func;		/* a function, or the patch's name */
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
 * What one attempt of the check did.  kp_check counts the current
 * attempt's, and transition.c shows the last transition's in
 * /sys/kernel/kpatch/transition/, a file for each member, from one table
 * (kp_stat_attrs): adding one is a member here, a line there, and the
 * code that counts it.  Members are u64, unsigned int or bool.
 */
struct kp_stats {
	unsigned int phase1_checked;
	unsigned int phase1_recorded;
	u64 phase1_ns, phase1_cycles;
	bool phase2_log;
	unsigned int phase2_rechecked;
	unsigned int phase2_skipped;
	unsigned int tasks_checked;	/* inside stop_machine() */
	u64 stop_machine_ns, stop_machine_cycles;
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
	unsigned int max_ranges;
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
	struct kp_stats stats;		/* of the current attempt */
	/* Counted on every CPU at once, then copied into stats. */
	atomic_t tasks_checked;
	atomic_t failed;
	/* The first busy task. */
	pid_t pid;
	char comm[TASK_COMM_LEN];
	unsigned long addr;		/* 0: its stack was unreliable */
	enum kp_range_kind kind;
	const char *func;
};

/*
 * How many times t has been switched out.  Both counts only grow, by one
 * at each switch-out, in __schedule(), and never change otherwise.
 */
static inline unsigned long kp_switches(struct task_struct *t)
{
	return READ_ONCE(t->nvcsw) + READ_ONCE(t->nivcsw);
}

/* ranges.c: the text that no task may be in */

struct kp_patch;
/* Build c->ranges for a switch (as kp_switch() takes it): 0 or -ENOMEM. */
int kp_build_ranges(struct kp_check *c, struct kp_patch *add,
		    struct kp_patch *remove, bool replace);

/* patch.c: the code between an ftrace call and the replacement */

/* The ftrace handler's text. */
void kp_handler_text(unsigned long *start, unsigned long *size);
/* The trampoline ftrace made for the core's ops: false if it has none. */
bool kp_ops_trampoline(unsigned long *start, unsigned long *size);

/* stack.c: one task's stack against the ranges */

/* Sort the ranges and compute their reach, for kp_walk_task(). */
void kp_sort_ranges(struct kp_check *c);

/* Walk t's stack: 0 when clean, -EBUSY when busy or unreliable. */
int kp_walk_task(const struct kp_check *c, struct task_struct *t,
		 unsigned long *buf, unsigned long *addr,
		 const struct kp_range **range);
/* Keep t as the first busy task, for the error message. */
void kp_report_busy(struct kp_check *c, struct task_struct *t,
		    unsigned long addr, const struct kp_range *r);
/* Inside stop_machine(): walk t, count it, report it if busy. */
int kp_check_task(struct kp_check *c, struct task_struct *t,
		  unsigned long *buf);

/* records.c: what phase 1 leaves for phase 2 */

/* The slot of t in the records: its own, or the free one it would take. */
struct kp_record *kp_record_slot(const struct kp_check *c,
				 const struct task_struct *t);
/* Record t, clean, with its switch count; take a reference. */
void kp_add_record(struct kp_check *c, struct task_struct *t,
		   unsigned long switches);
/* t is recorded, and hasn't been switched out since. */
bool kp_unchanged(const struct kp_check *c, struct task_struct *t);
/* Room for the records of every task: 0 or -ENOMEM. */
int kp_alloc_records(struct kp_check *c);
/* Keep t, which phase 1 couldn't vouch for, for phase 2. */
void kp_add_unrecorded(struct kp_check *c, struct task_struct *t);
/* Let go of every record and kept task, at the end of an attempt. */
void kp_free_records(struct kp_check *c);

/* phase1.c: walk every stack with the system running; 0, -EBUSY, -ENOMEM */
int kp_phase1(struct kp_check *c);

/* phase2.c: inside stop_machine(), walk the tasks that ran since phase 1 */
void kp_check_tasks(struct kp_check *c, unsigned long *buf);

/* switchlog.c: the tasks switched out since phase 1 began */

/* For for_each_kernel_tracepoint(): note sched_switch, the log's hook. */
void kp_find_sched_switch(struct tracepoint *tp, void *unused);
/* Start the log, if the kernel allows; c->log stays NULL otherwise. */
void kp_log_start(struct kp_check *c);
/* Empty the log, before an attempt's phase 1. */
void kp_log_reset(struct kp_check *c);
/* Stop the log and free it, once no probe can be running. */
void kp_log_stop(struct kp_check *c);

#endif /* _KPATCH_TRANSITION_H_ */
