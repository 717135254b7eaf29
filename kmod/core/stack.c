// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: checking one task's stack against the ranges.
 *
 * Both phases of the activeness check, and each CPU's check of its own
 * running context inside stop_machine(), ask the same question of one
 * task: does its stack hold a return address in text that the switch
 * changes, or can it not be walked reliably?  The answer, and the first
 * busy task for the error message, are found here.
 */
#include <linux/atomic.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/sort.h>
#include <linux/string.h>
#include "core.h"
#include "transition.h"

static int kp_range_cmp(const void *a, const void *b)
{
	const struct kp_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

void kp_sort_ranges(struct kp_check *c)
{
	unsigned long reach = 0;
	unsigned int i;

	sort(c->ranges, c->nr_ranges, sizeof(*c->ranges), kp_range_cmp, NULL);
	for (i = 0; i < c->nr_ranges; i++) {
		reach = max(reach, c->ranges[i].end);
		c->ranges[i].reach = reach;
	}
}

/*
 * The innermost range holding addr, or NULL.  The ranges are sorted by
 * start: the last one starting at or before addr is found by binary
 * search, then the ones before it are tried, latest start first, for as
 * long as some range up to there reaches past addr: the first that holds
 * addr is the innermost.  Ranges nest (a function in its module's text)
 * or lie apart, so the walk back only visits ranges that lie inside one
 * holding addr.
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
	for (; lo && addr < c->ranges[lo - 1].reach; lo--)
		if (addr < c->ranges[lo - 1].end)
			return &c->ranges[lo - 1];
	return NULL;
}

/*
 * Walk the stack of t against the ranges.  Return: 0 when it is clean;
 * -EBUSY when it holds a return address inside a range (*addr, *range) or
 * can't be walked reliably (*addr is 0, *range NULL).
 */
int kp_walk_task(const struct kp_check *c, struct task_struct *t,
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

void kp_report_busy(struct kp_check *c, struct task_struct *t,
		    unsigned long addr, const struct kp_range *r)
{
	if (atomic_cmpxchg(&c->failed, 0, 1) == 0) {
		c->pid = t->pid;
		strscpy(c->comm, t->comm, sizeof(c->comm));
		c->addr = addr;
		c->kind = r ? r->kind : KP_RANGE_FUNC;
		c->func = r ? r->func : NULL;
	}
}

/* Inside stop_machine(): check t, which is not running, or is current. */
int kp_check_task(struct kp_check *c, struct task_struct *t,
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
