// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: the kernel's unexported helpers.
 *
 * Since 5.7 the kernel exports no way to look a name up, so
 * kallsyms_lookup_name() is found once through a kprobe on it, and the
 * other helpers that the core needs through it: the symbol lookups, the
 * module list, ftrace locations, text poking, reliable stack traces,
 * the kprobe at an address and the fork count.  Each is reached through a function here, so that
 * the rest of the core calls ordinary functions.
 *
 * No helper is called through a function pointer.  With indirect branch
 * tracking (CONFIG_X86_KERNEL_IBT) an indirect call must land on an
 * ENDBR64, and objtool seals (the kernel poisons at boot) the ENDBR of
 * every function whose address the kernel never takes, which is most of
 * these.  Instead each helper has a static call that this module owns:
 * static_call_update() patches the module's call sites, or failing that
 * its trampoline, into a direct call or jump to the helper, which needs
 * no ENDBR.  Only data (text_mutex, total_forks) is reached through a
 * plain pointer.
 *
 * Each helper also leaves a line "static_call NAME" or "data NAME" in the
 * non-loaded section .kp_reach of kpatch.ko: test/core/ibt-check.sh reads
 * it and fails when a function the vmlinux seals is reached otherwise.
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/ftrace.h>
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/lockdep.h>
#include <linux/memory.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/stacktrace.h>
#include <linux/static_call.h>
#include <asm/text-patching.h>
#include "core.h"

/* A line of .kp_reach: how the core reaches the kernel symbol sym. */
#define KP_REACH(how, sym)						\
	asm(".pushsection .kp_reach, \"\", @progbits\n"		\
	    ".asciz \"" how " " #sym "\"\n"				\
	    ".popsection")

/*
 * A helper function is called as static_call(kp_sc_<sym>)(...); its line
 * in .kp_reach is next to it, and ibt-check.sh checks that each static
 * call of kpatch.ko has one.
 */
DEFINE_STATIC_CALL_NULL(kp_sc_kallsyms_lookup_name, kallsyms_lookup_name);
KP_REACH("static_call", kallsyms_lookup_name);
DEFINE_STATIC_CALL_NULL(kp_sc_kallsyms_on_each_match_symbol, kallsyms_on_each_match_symbol);
KP_REACH("static_call", kallsyms_on_each_match_symbol);
DEFINE_STATIC_CALL_NULL(kp_sc_kallsyms_lookup_size_offset, kallsyms_lookup_size_offset);
KP_REACH("static_call", kallsyms_lookup_size_offset);
DEFINE_STATIC_CALL_NULL(kp_sc_find_module, find_module);
KP_REACH("static_call", find_module);
DEFINE_STATIC_CALL_NULL(kp_sc_text_poke, text_poke);
KP_REACH("static_call", text_poke);
DEFINE_STATIC_CALL_NULL(kp_sc_text_poke_sync, text_poke_sync);
KP_REACH("static_call", text_poke_sync);
DEFINE_STATIC_CALL_NULL(kp_sc_stack_trace_save_tsk_reliable, stack_trace_save_tsk_reliable);
KP_REACH("static_call", stack_trace_save_tsk_reliable);
DEFINE_STATIC_CALL_NULL(kp_sc_idle_task, idle_task);
KP_REACH("static_call", idle_task);
DEFINE_STATIC_CALL_NULL(kp_sc_get_kprobe, get_kprobe);
KP_REACH("static_call", get_kprobe);

KP_REACH("data", text_mutex);
KP_REACH("data", total_forks);
static struct mutex *kp_text_mutex;
static unsigned long *kp_total_forks;
static bool kp_have_reliable;

/*
 * test/core/ibt-check.sh must be able to fail: built with
 * KPATCH_TEST_IBT_POINTER=y, the core calls kp_ftrace_location()'s helper
 * through a pointer, as it did before static calls, and says so.
 */
#ifdef KPATCH_TEST_IBT_POINTER
KP_REACH("pointer", ftrace_location);
static unsigned long (*kp_ftrace_location_ptr)(unsigned long ip);
#else
DEFINE_STATIC_CALL_NULL(kp_sc_ftrace_location, ftrace_location);
KP_REACH("static_call", ftrace_location);
#endif

struct kp_helper {
	const char *name;
	struct static_call_key *key;	/* a function: its static call */
	void *tramp;
	void **data;			/* data: where its address goes */
	bool optional;
};

#define KP_CALL(sym, opt)						\
	{ #sym, &STATIC_CALL_KEY(kp_sc_##sym),				\
	  STATIC_CALL_TRAMP_ADDR(kp_sc_##sym), NULL, opt }
#define KP_DATA(sym, ptr, opt)	{ #sym, NULL, NULL, (void **)(ptr), opt }

static const struct kp_helper kp_helpers[] = {
	KP_CALL(kallsyms_on_each_match_symbol, false),
	KP_CALL(kallsyms_lookup_size_offset, false),
	KP_CALL(find_module, false),
	KP_CALL(text_poke, false),
	KP_CALL(text_poke_sync, false),
	KP_CALL(idle_task, false),
	KP_CALL(get_kprobe, false),
	/* Only with CONFIG_HAVE_RELIABLE_STACKTRACE. */
	KP_CALL(stack_trace_save_tsk_reliable, true),
#ifdef KPATCH_TEST_IBT_POINTER
	KP_DATA(ftrace_location, &kp_ftrace_location_ptr, false),
#else
	KP_CALL(ftrace_location, false),
#endif
	KP_DATA(text_mutex, &kp_text_mutex, false),
	/* Data: only with CONFIG_KALLSYMS_ALL. */
	KP_DATA(total_forks, &kp_total_forks, true),
};

/*
 * kallsyms_lookup_name(), from a kprobe on it.  On an IBT kernel the
 * kprobe sits after the ENDBR, 4 bytes into the function; a direct call
 * may land there, but the function is then asked for its own start, so
 * that every static call targets a symbol's first byte.
 */
static int kp_find_lookup_name(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long addr;

	if (register_kprobe(&kp))
		return -ENOENT;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	if (!addr)
		return -ENOENT;
	static_call_update(kp_sc_kallsyms_lookup_name, (void *)addr);
	addr = static_call(kp_sc_kallsyms_lookup_name)("kallsyms_lookup_name");
	if (!addr)
		return -ENOENT;
	static_call_update(kp_sc_kallsyms_lookup_name, (void *)addr);
	return 0;
}

int kp_ksyms_init(void)
{
	const struct kp_helper *h;
	unsigned long addr;
	unsigned int i;

	if (kp_find_lookup_name()) {
		pr_err("can't find kallsyms_lookup_name through a kprobe\n");
		return -ENOENT;
	}
	for (i = 0; i < ARRAY_SIZE(kp_helpers); i++) {
		h = &kp_helpers[i];
		addr = static_call(kp_sc_kallsyms_lookup_name)(h->name);
		if (!addr) {
			if (h->optional)
				continue;
			pr_err("can't find %s in kallsyms\n", h->name);
			return -ENOENT;
		}
		if (h->key)
			__static_call_update(h->key, h->tramp, (void *)addr);
		else
			*h->data = (void *)addr;
		if (h->key == &STATIC_CALL_KEY(kp_sc_stack_trace_save_tsk_reliable))
			kp_have_reliable = true;
	}
	if (!kp_have_reliable)
		pr_warn("no reliable stack traces on this kernel: only patches whose functions are all forced can be applied\n");
	return 0;
}

/* Call fn(data, addr) for each vmlinux symbol called name, in address order. */
int kp_kallsyms_each(const char *name, int (*fn)(void *, unsigned long),
		     void *data)
{
	return static_call(kp_sc_kallsyms_on_each_match_symbol)(fn, name, data);
}

/* The kallsyms size of the symbol at addr, or false if there is none. */
bool kp_kallsyms_size(unsigned long addr, unsigned long *size)
{
	return static_call(kp_sc_kallsyms_lookup_size_offset)(addr, size, NULL);
}

/* The ftrace call site of the function at addr, or 0 if it has none. */
unsigned long kp_ftrace_location(unsigned long addr)
{
#ifdef KPATCH_TEST_IBT_POINTER
	return kp_ftrace_location_ptr(addr);
#else
	return static_call(kp_sc_ftrace_location)(addr);
#endif
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
	static_call(kp_sc_text_poke)(addr, src, len);
}

/* Make every CPU serialize, so that none runs code fetched before a poke. */
void kp_text_poke_sync(void)
{
	static_call(kp_sc_text_poke_sync)();
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
	return kp_have_reliable && !kp_test_unreliable();
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
	if (!kp_have_reliable)
		return -EOPNOTSUPP;
	return static_call(kp_sc_stack_trace_save_tsk_reliable)(tsk, store,
								 size);
}

struct task_struct *kp_idle_task(int cpu)
{
	return static_call(kp_sc_idle_task)(cpu);
}

/* The kprobe at addr, or NULL; under rcu_read_lock() and preempt_disable(). */
struct kprobe *kp_get_kprobe(void *addr)
{
	return static_call(kp_sc_get_kprobe)(addr);
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
	mod = static_call(kp_sc_find_module)(name);
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
	mod = static_call(kp_sc_find_module)(name);
	if (mod && (mod->state != MODULE_STATE_LIVE || !try_module_get(mod)))
		mod = NULL;
	preempt_enable();
	return mod;
}
