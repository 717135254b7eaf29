// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: redirection of patched functions through ftrace.
 *
 * One ftrace_ops serves every patched function.  Its filter holds the
 * ftrace location of each function that a registered patch has "armed".
 * Arming only makes the handler run: it redirects an ip only once a
 * kp_func for that ip is "live", that is, in an RCU hash table keyed by
 * ip.  Live functions are added at the head of their bucket, so the
 * newest patch of a function wins, and taking it out uncovers the one
 * below.  The switch (transition.c) only moves kp_funcs in and out of the
 * hash, which is what lets it be atomic inside stop_machine().
 *
 * A function in the hash redirects only while its patch is live in the
 * current generation, kp_gen: from live_from, until live_until.  So a
 * switch puts the functions that come into the hash and marks the
 * patches that go, and then one store moves kp_gen on: an NMI, which
 * stop_machine() does not hold off, sees the whole switch or none of it,
 * never some functions of a patch live and others not.  The functions
 * that left stay in the hash until no handler can still be reading the
 * generation before.
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/ftrace.h>
#include <linux/hashtable.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include "core.h"
#include "kp-compat.h"
#include "kpatch-test.h"
#include "transition.h"

static DEFINE_HASHTABLE(kp_func_hash, 10);

/* The generation of live patches; only a switch moves it, by one. */
static unsigned long kp_gen = 1;

/* kp_funcs whose ip is in kp_ops' filter; several may share an ip. */
static LIST_HEAD(kp_armed);
static bool kp_ops_registered;

#ifdef KPATCH_TEST_HOOKS
/*
 * The window test's hook, called where the handler has chosen the new ip
 * and preemption is back on.  It may sleep: SRCU lets the setter wait
 * for every call to return before the hook's module can go.
 */
static void (*kp_handler_hook)(unsigned long ip);
DEFINE_STATIC_SRCU(kp_handler_hook_srcu);

void kpatch_test_set_handler_hook(void (*fn)(unsigned long ip))
{
	WRITE_ONCE(kp_handler_hook, fn);
	synchronize_srcu(&kp_handler_hook_srcu);
}
EXPORT_SYMBOL_GPL(kpatch_test_set_handler_hook);

static void notrace kp_test_handler(unsigned long ip)
{
	void (*fn)(unsigned long ip);
	int idx;

	idx = srcu_read_lock(&kp_handler_hook_srcu);
	fn = READ_ONCE(kp_handler_hook);
	if (fn)
		fn(ip);
	srcu_read_unlock(&kp_handler_hook_srcu, idx);
}
#else
static inline void kp_test_handler(unsigned long ip)
{
}
#endif

/*
 * Between the moment this handler sets the new ip and the moment the
 * trampoline returns into the new function, the task can be preempted
 * (once the unlock below enables preemption again) or interrupted.  Its
 * stack then holds this handler or the trampoline, and the return
 * address of the ftrace call in the old function, not the new function:
 * the activeness check counts those as busy when a function is switched
 * out (ranges.c).
 */
static void notrace kp_ftrace_handler(unsigned long ip,
				      unsigned long parent_ip,
				      struct ftrace_ops *ops,
				      struct ftrace_regs *fregs)
{
	unsigned long gen;
	struct kp_patch *p;
	struct kp_func *f;
	bool chose = false;
	int bit;

	/*
	 * The lock disables preemption, which is also what makes this an
	 * RCU reader of the hash: writers wait with synchronize_rcu().
	 * It fails when the handler is entered again in the same context
	 * (past the one nesting it allows): that call then runs the
	 * original function.
	 */
	bit = ftrace_test_recursion_trylock(ip, parent_ip);
	if (bit < 0) {
		pr_warn_once("the ftrace handler was entered recursively at %pS: that call ran the original function\n",
			     (void *)ip);
		return;
	}

	/* Its functions are in the hash before a switch moves kp_gen on. */
	gen = smp_load_acquire(&kp_gen);
	hash_for_each_possible_rcu_notrace(kp_func_hash, f, node, ip) {
		p = f->obj->patch;
		if (f->ip == ip && gen >= READ_ONCE(p->live_from) &&
		    gen < READ_ONCE(p->live_until)) {
			kp_fregs_set_ip(fregs, f->desc->new_addr);
			chose = true;
			break;
		}
	}

	ftrace_test_recursion_unlock(bit);
	if (chose)
		kp_test_handler(ip);
}

void kp_handler_text(unsigned long *start, unsigned long *size)
{
	*start = (unsigned long)kp_ftrace_handler;
	if (!kp_kallsyms_size(*start, size))
		*size = 1;
}

/*
 * IPMODIFY: only one ftrace user may change the ip of a function, so a
 * function that livepatch (or another kpatch-like tool) already redirects
 * is refused with -EBUSY instead of being silently fought over.
 * PERMANENT: ftrace refuses to be disabled through sysctl while we rely
 * on it, and we refuse to start when it is disabled.
 */
static struct ftrace_ops kp_ops = {
	.func	= kp_ftrace_handler,
	.flags	= FTRACE_OPS_FL_IPMODIFY | FTRACE_OPS_FL_PERMANENT
#ifndef CONFIG_HAVE_DYNAMIC_FTRACE_WITH_ARGS
		  | FTRACE_OPS_FL_SAVE_REGS
#endif
		  ,
};

/*
 * The trampoline that ftrace allocated for kp_ops when it registered it,
 * which calls the handler directly while kp_ops is a function's only
 * ftrace user.  Called with kpatch_mutex held, so kp_ops stays
 * registered, and its trampoline with it.
 */
bool kp_ops_trampoline(unsigned long *start, unsigned long *size)
{
	if (!kp_ops_registered || !kp_ops.trampoline)
		return false;
	*start = kp_ops.trampoline;
	*size = kp_ops.trampoline_size;
	return true;
}

struct kp_func *kp_top_func(unsigned long ip)
{
	struct kp_func *f;

	hash_for_each_possible(kp_func_hash, f, node, ip)
		if (f->ip == ip)
			return f;
	return NULL;
}

/* Called with kpatch_mutex held, or inside stop_machine(). */
void kp_func_go_live(struct kp_func *f)
{
	hash_add_rcu(kp_func_hash, &f->node, f->ip);
	f->live = true;
}

/* The generation that the next switch makes current. */
unsigned long kp_next_generation(void)
{
	return kp_gen + 1;
}

/*
 * Inside stop_machine(), once the switch has put its functions in the
 * hash and set its patches' generations: the switch, all at once.
 */
void kp_flip_generation(unsigned long gen)
{
	/* The hash and the generations before it, for the handler's acquire. */
	smp_store_release(&kp_gen, gen);
}

/* The caller must let an RCU grace period pass before reusing f. */
void kp_func_leave(struct kp_func *f)
{
	hash_del_rcu(&f->node);
	f->live = false;
}

static bool kp_ip_armed(unsigned long ip)
{
	struct kp_func *f;

	list_for_each_entry(f, &kp_armed, armed_node)
		if (f->ip == ip)
			return true;
	return false;
}

/* Collect the ips of obj that no other armed function holds. */
static unsigned int kp_collect_ips(struct kp_object *obj)
{
	unsigned int i, j, n = 0;
	struct kp_func *f;

	kp_for_each_func(obj, f, i) {
		if (kp_ip_armed(f->ip))
			continue;
		for (j = 0; j < n && obj->ips[j] != f->ip; j++)
			;
		if (j == n)
			obj->ips[n++] = f->ip;
	}
	return n;
}

static void notrace kp_probe_handler(unsigned long ip,
				     unsigned long parent_ip,
				     struct ftrace_ops *ops,
				     struct ftrace_regs *fregs)
{
}

/*
 * ftrace says -EBUSY for a whole batch of ips.  Name the function that
 * another IPMODIFY user holds, by trying each ip alone with a probe ops
 * that does nothing.  Only runs on this error path.  The probe is freshly
 * allocated each time: ftrace_free_filter() leaves an ops unusable.
 */
static void kp_report_ipmodify_conflict(struct kp_object *obj,
					unsigned int n)
{
	struct ftrace_ops *probe;
	unsigned int i, j;
	struct kp_func *f;

	probe = kzalloc(sizeof(*probe), GFP_KERNEL);
	if (!probe)
		return;
	probe->func = kp_probe_handler;
	probe->flags = FTRACE_OPS_FL_IPMODIFY;

	for (i = 0; i < n; i++) {
		if (ftrace_set_filter_ip(probe, obj->ips[i], 0, 1))
			continue;
		if (register_ftrace_function(probe)) {
			kp_for_each_func(obj, f, j) {
				if (f->ip != obj->ips[i])
					continue;
				pr_err("%s: %s: %s is already redirected by another ftrace user (such as livepatch)\n",
				       kp_patch_name(obj->patch), obj->name,
				       f->desc->name);
				break;
			}
			break;
		}
		unregister_ftrace_function(probe);
	}
	ftrace_free_filter(probe);
	kfree(probe);
}

/*
 * Put every function of obj into the ftrace filter.  Nothing is
 * redirected yet.  On failure the filter is as it was.
 */
int kp_arm_object(struct kp_object *obj)
{
	unsigned int i, n = kp_collect_ips(obj);
	struct kp_func *f;
	int ret;

	if (n) {
		ret = ftrace_set_filter_ips(&kp_ops, obj->ips, n, 0, 0);
		if (!ret && !kp_ops_registered) {
			ret = register_ftrace_function(&kp_ops);
			if (ret)
				WARN_ON(ftrace_set_filter_ips(&kp_ops, obj->ips,
							      n, 1, 0));
			else
				kp_ops_registered = true;
		}
		if (ret == -EBUSY)
			kp_report_ipmodify_conflict(obj, n);
		if (ret) {
			pr_err("%s: %s: can't arm ftrace: %d\n",
			       kp_patch_name(obj->patch), obj->name, ret);
			return ret;
		}
	}

	kp_for_each_func(obj, f, i) {
		list_add(&f->armed_node, &kp_armed);
		f->armed = true;
	}
	return 0;
}

/* Undo kp_arm_object(); obj's functions must not be live. */
void kp_disarm_object(struct kp_object *obj)
{
	struct kp_func *f;
	unsigned int i, n;

	kp_for_each_func(obj, f, i) {
		if (WARN_ON(f->live) || !f->armed)
			continue;
		list_del(&f->armed_node);
		f->armed = false;
	}

	n = kp_collect_ips(obj);
	/*
	 * An ops registered with an empty filter would trace every
	 * function: unregister before removing the last ip.
	 */
	if (list_empty(&kp_armed) && kp_ops_registered) {
		WARN_ON(unregister_ftrace_function(&kp_ops));
		kp_ops_registered = false;
	}
	if (n)
		WARN_ON(ftrace_set_filter_ips(&kp_ops, obj->ips, n, 1, 0));
}
