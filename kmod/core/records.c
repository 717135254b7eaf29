// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: the records that phase 1 leaves for phase 2.
 *
 * Phase 1 records each task it found clean with its switch count, so
 * that phase 2, inside stop_machine(), can skip a task whose count has
 * not moved (phase1.c says why that is sound).  The records are an open
 * addressing hash keyed by task, for a lookup of a few probes inside the
 * pause; the tasks that phase 1 saw but could not vouch for are kept in
 * a short array, for phase 2 to walk.  Both hold a reference on each of
 * their tasks until the attempt ends.
 */
#include <linux/cpumask.h>
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include "core.h"
#include "transition.h"

/* Tasks that phase 1 saw but could not record, kept for phase 2. */
#define KP_MAX_UNRECORDED	128

/* The slot of t in the records: its own, or the free one it would take. */
struct kp_record *kp_record_slot(const struct kp_check *c,
				 const struct task_struct *t)
{
	unsigned int mask = (1U << c->records_bits) - 1;
	unsigned int i = hash_ptr(t, c->records_bits);

	/* Never more than half full, so a free slot ends every probe. */
	while (c->records[i].task && c->records[i].task != t)
		i = (i + 1) & mask;
	return &c->records[i];
}

void kp_add_record(struct kp_check *c, struct task_struct *t,
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
bool kp_unchanged(const struct kp_check *c, struct task_struct *t)
{
	const struct kp_record *r;

	if (!c->nr_records)
		return false;
	r = kp_record_slot(c, t);
	return r->task && r->switches == kp_switches(t);
}

/* Room for every task, and for some forked while phase 1 runs. */
int kp_alloc_records(struct kp_check *c)
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
void kp_add_unrecorded(struct kp_check *c, struct task_struct *t)
{
	if (c->nr_unrecorded >= KP_MAX_UNRECORDED) {
		c->lost = true;
		return;
	}
	get_task_struct(t);
	c->unrecorded[c->nr_unrecorded++] = t;
}

void kp_free_records(struct kp_check *c)
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
