// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: the kernel's unexported helpers.
 *
 * Since 5.7 the kernel exports no way to look a name up, so
 * kallsyms_lookup_name() is found once through a kprobe on it, and the
 * other helpers that the core needs through it: the symbol lookups, the
 * module list, ftrace locations, text poking, reliable stack traces
 * and the fork count.  Each is reached through a function here, so that
 * the rest of the core calls ordinary functions.  Calling through such
 * pointers is only safe without IBT; core.c refuses to load on an IBT
 * kernel.
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/kprobes.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include "core.h"

static int (*kp_on_each_match_symbol_fn)(int (*fn)(void *, unsigned long),
					 const char *name, void *data);
static int (*kp_lookup_size_offset_fn)(unsigned long addr,
				       unsigned long *size,
				       unsigned long *offset);
static struct module *(*kp_find_module)(const char *name);
static unsigned long (*kp_ftrace_location_fn)(unsigned long ip);
static void *(*kp_text_poke_fn)(void *addr, const void *opcode, size_t len);
static void (*kp_text_poke_sync_fn)(void);
static struct mutex *kp_text_mutex;
static int (*kp_save_reliable)(struct task_struct *tsk, unsigned long *store,
			       unsigned int size);
static struct task_struct *(*kp_idle_task_fn)(int cpu);
static unsigned long *kp_total_forks;

static unsigned long kp_lookup_kallsyms(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long addr;

	if (register_kprobe(&kp))
		return 0;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	return addr;
}

int kp_ksyms_init(void)
{
	static const struct {
		const char *name;
		void **ptr;
		bool optional;
	} syms[] = {
		{ "kallsyms_on_each_match_symbol",
		  (void **)&kp_on_each_match_symbol_fn },
		{ "kallsyms_lookup_size_offset",
		  (void **)&kp_lookup_size_offset_fn },
		{ "find_module", (void **)&kp_find_module },
		{ "ftrace_location", (void **)&kp_ftrace_location_fn },
		{ "text_poke", (void **)&kp_text_poke_fn },
		{ "text_poke_sync", (void **)&kp_text_poke_sync_fn },
		{ "text_mutex", (void **)&kp_text_mutex },
		{ "idle_task", (void **)&kp_idle_task_fn },
		/* Only with CONFIG_HAVE_RELIABLE_STACKTRACE. */
		{ "stack_trace_save_tsk_reliable",
		  (void **)&kp_save_reliable, true },
		/* Data: only with CONFIG_KALLSYMS_ALL. */
		{ "total_forks", (void **)&kp_total_forks, true },
	};
	unsigned long (*lookup)(const char *name);
	unsigned int i;

	lookup = (void *)kp_lookup_kallsyms();
	if (!lookup) {
		pr_err("can't find kallsyms_lookup_name through a kprobe\n");
		return -ENOENT;
	}
	for (i = 0; i < ARRAY_SIZE(syms); i++) {
		*syms[i].ptr = (void *)lookup(syms[i].name);
		if (!*syms[i].ptr && !syms[i].optional) {
			pr_err("can't find %s in kallsyms\n", syms[i].name);
			return -ENOENT;
		}
	}
	if (!kp_save_reliable)
		pr_warn("no reliable stack traces on this kernel: only patches whose functions are all forced can be applied\n");
	return 0;
}

/* Call fn(data, addr) for each vmlinux symbol called name, in address order. */
int kp_kallsyms_each(const char *name, int (*fn)(void *, unsigned long),
		     void *data)
{
	return kp_on_each_match_symbol_fn(fn, name, data);
}

/* The kallsyms size of the symbol at addr, or false if there is none. */
bool kp_kallsyms_size(unsigned long addr, unsigned long *size)
{
	return kp_lookup_size_offset_fn(addr, size, NULL);
}

/* The ftrace call site of the function at addr, or 0 if it has none. */
unsigned long kp_ftrace_location(unsigned long addr)
{
	return kp_ftrace_location_fn(addr);
}

/*
 * Writes into text that is read-only, as the module loader's own late
 * relocations do: kp_text_poke() under kp_text_lock().
 */
void kp_text_lock(void)
{
	mutex_lock(kp_text_mutex);
}

void kp_text_unlock(void)
{
	mutex_unlock(kp_text_mutex);
}

void kp_text_poke(void *addr, const void *src, size_t len)
{
	lockdep_assert_held(kp_text_mutex);
	kp_text_poke_fn(addr, src, len);
}

/* Make every CPU serialize, so that none runs code fetched before a poke. */
void kp_text_poke_sync(void)
{
	kp_text_poke_sync_fn();
}

#ifdef KPATCH_TEST_HOOKS
/* Test hook for 66-unreliable.sh: pretend the unwinder is not reliable. */
static bool test_unreliable;
module_param(test_unreliable, bool, 0644);

static bool kp_test_unreliable(void)
{
	return READ_ONCE(test_unreliable);
}
#else
static inline bool kp_test_unreliable(void)
{
	return false;
}
#endif

/* Whether the unwinder vouches for the traces that kp_stack_save() gives. */
bool kp_reliable_stacks(void)
{
	return kp_save_reliable && !kp_test_unreliable();
}

/*
 * The stack of a task that is not running, or of the current task.  A
 * negative value means the unwinder could not vouch for the trace.  Only
 * called when kp_reliable_stacks() said yes: core.c refuses any switch
 * that would need a trace otherwise.
 */
int kp_stack_save(struct task_struct *tsk, unsigned long *store,
		  unsigned int size)
{
	if (!kp_save_reliable)
		return -EOPNOTSUPP;
	return kp_save_reliable(tsk, store, size);
}

struct task_struct *kp_idle_task(int cpu)
{
	return kp_idle_task_fn(cpu);
}

/*
 * How many tasks copy_process() has created, in *forks.  It counts them
 * under tasklist_lock as it puts them on the task list.  Return false
 * when the kernel doesn't let us know.
 */
bool kp_forks(unsigned long *forks)
{
	if (!kp_total_forks)
		return false;
	*forks = READ_ONCE(*kp_total_forks);
	return true;
}

/*
 * A module that can be patched now: live, or coming and already taken by
 * kpatch's module notifier (notifier.c).  A module that is coming
 * otherwise may not have its ftrace records enabled yet, and if a
 * notifier before kpatch's fails, it is freed without kpatch hearing of
 * it.  The pointer stays valid while kpatch_mutex is held, because
 * kpatch's notifier needs that mutex before such a module can be freed.
 */
struct module *kp_find_patchable_module(const char *name)
{
	struct module *mod;

	preempt_disable();
	mod = kp_find_module(name);
	if (mod && mod->state != MODULE_STATE_LIVE &&
	    !(mod->state == MODULE_STATE_COMING && kp_module_taken(mod)))
		mod = NULL;
	preempt_enable();
	return mod;
}

/*
 * A module that has finished loading, with a reference taken, or NULL.  A
 * module that is still coming doesn't count: if its init fails, it is
 * freed whatever references it has.
 */
struct module *kp_get_live_module(const char *name)
{
	struct module *mod;

	preempt_disable();
	mod = kp_find_module(name);
	if (mod && (mod->state != MODULE_STATE_LIVE || !try_module_get(mod)))
		mod = NULL;
	preempt_enable();
	return mod;
}
