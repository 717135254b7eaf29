// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: finding things in the running kernel.
 *
 * Patches name what they change (object, symbol, position among symbols
 * of that name), never addresses, so that KASLR and module load addresses
 * don't matter.  Since 5.7 the kernel exports no way to look a name up, so
 * kallsyms_lookup_name() is found once through a kprobe on it, and the
 * other unexported helpers through it.  Calling through such pointers is
 * only safe without IBT; core.c refuses to load on an IBT kernel.
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <asm/elf.h>
#include "core.h"

static int (*kp_on_each_match_symbol)(int (*fn)(void *, unsigned long),
				      const char *name, void *data);
static int (*kp_lookup_size_offset)(unsigned long addr, unsigned long *size,
				    unsigned long *offset);
static struct module *(*kp_find_module)(const char *name);
static unsigned long (*kp_ftrace_location)(unsigned long ip);
static void *(*kp_text_poke)(void *addr, const void *opcode, size_t len);
static struct mutex *kp_text_mutex;
static int (*kp_save_reliable)(struct task_struct *tsk, unsigned long *store,
			       unsigned int size);
static unsigned int (*kp_save_tsk)(struct task_struct *tsk,
				   unsigned long *store, unsigned int size,
				   unsigned int skipnr);
static struct task_struct *(*kp_idle_task_fn)(int cpu);
static unsigned long *kp_total_forks;

/*
 * The kallsyms size of a vmlinux function runs up to the next symbol, so
 * it includes the alignment padding after the function, which the symbol
 * table size of a patch's old_size does not.  Module symbols keep their
 * exact ELF size.
 */
#define KP_MAX_PADDING	64

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

int kp_resolve_init(void)
{
	static const struct {
		const char *name;
		void **ptr;
		bool optional;
	} syms[] = {
		{ "kallsyms_on_each_match_symbol",
		  (void **)&kp_on_each_match_symbol },
		{ "kallsyms_lookup_size_offset",
		  (void **)&kp_lookup_size_offset },
		{ "find_module", (void **)&kp_find_module },
		{ "ftrace_location", (void **)&kp_ftrace_location },
		{ "text_poke", (void **)&kp_text_poke },
		{ "text_mutex", (void **)&kp_text_mutex },
		{ "idle_task", (void **)&kp_idle_task_fn },
		{ "stack_trace_save_tsk", (void **)&kp_save_tsk },
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
		pr_warn("no reliable stack traces on this kernel: the activeness check trusts best-effort traces\n");
	return 0;
}

/*
 * The stack of a task that is not running, or of the current task.  A
 * negative value means the unwinder could not vouch for the trace.
 */
int kp_stack_save(struct task_struct *tsk, unsigned long *store,
		  unsigned int size)
{
	if (kp_save_reliable)
		return kp_save_reliable(tsk, store, size);
	return kp_save_tsk(tsk, store, size, 0);
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
 * A module that can be patched now: formed, and neither half-loaded nor
 * going.  The pointer stays valid while kpatch_mutex is held, because the
 * module notifier needs that mutex before the module can be freed.
 */
struct module *kp_find_live_module(const char *name)
{
	struct module *mod;

	preempt_disable();
	mod = kp_find_module(name);
	if (mod && mod->state != MODULE_STATE_COMING &&
	    mod->state != MODULE_STATE_LIVE)
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

struct kp_match {
	unsigned long sympos;
	unsigned long count;
	unsigned long addr;
	unsigned long size;
};

static void kp_match_one(struct kp_match *m, unsigned long addr,
			 unsigned long size)
{
	m->count++;
	if (m->count == (m->sympos ? m->sympos : 1)) {
		m->addr = addr;
		m->size = size;
	}
}

static int kp_match_vmlinux(void *data, unsigned long addr)
{
	kp_match_one(data, addr, 0);
	return 0;
}

/*
 * Symbols of one name come in address order in vmlinux, and in symbol
 * table order in a module; sympos counts in that order, from 1.
 */
static void kp_match_module(struct module *mod, const char *name,
			    struct kp_match *m)
{
	struct mod_kallsyms *ks;
	unsigned int i;

	preempt_disable();
	ks = rcu_dereference_sched(mod->kallsyms);
	for (i = 0; i < ks->num_symtab; i++) {
		const Elf_Sym *sym = &ks->symtab[i];

		if (sym->st_shndx != SHN_UNDEF &&
		    !strcmp(ks->strtab + sym->st_name, name))
			kp_match_one(m, sym->st_value, sym->st_size);
	}
	preempt_enable();
}

/* mod is NULL for vmlinux. */
static int kp_find_symbol(const char *patch, const char *objname,
			  struct module *mod, const char *name,
			  unsigned long sympos, unsigned long *addr,
			  unsigned long *size)
{
	struct kp_match m = { .sympos = sympos };

	if (mod)
		kp_match_module(mod, name, &m);
	else
		kp_on_each_match_symbol(kp_match_vmlinux, name, &m);

	if (!m.count) {
		pr_err("%s: %s: no symbol '%s'\n", patch, objname, name);
		return -ENOENT;
	}
	if (!sympos && m.count > 1) {
		pr_err("%s: %s: %lu symbols are named '%s': a sympos is needed\n",
		       patch, objname, m.count, name);
		return -EINVAL;
	}
	if (!m.addr) {
		pr_err("%s: %s: no symbol '%s' at position %lu (%lu found)\n",
		       patch, objname, name, sympos, m.count);
		return -ENOENT;
	}
	if (!mod && !kp_lookup_size_offset(m.addr, &m.size, NULL))
		m.size = 0;
	*addr = m.addr;
	if (size)
		*size = m.size;
	return 0;
}

/* Find, check and record the old address of each function of obj. */
int kp_resolve_funcs(struct kp_object *obj)
{
	const char *patch = kp_patch_name(obj->patch);
	unsigned long addr, size, want;
	struct kp_func *f;
	unsigned int i;
	bool ok;
	int ret;

	kp_for_each_func(obj, f, i) {
		ret = kp_find_symbol(patch, obj->name, obj->mod,
				     f->desc->name, f->desc->sympos,
				     &addr, &size);
		if (ret)
			return ret;

		want = f->desc->old_size;
		if (obj->mod)
			ok = size == want;
		else
			ok = want <= size && size - want < KP_MAX_PADDING;
		if (!ok) {
			pr_err("%s: %s: size mismatch for %s: the patch expects %lu bytes, the running kernel has %lu\n",
			       patch, obj->name, f->desc->name, want, size);
			return -EINVAL;
		}

		f->ip = kp_ftrace_location(addr);
		if (!f->ip) {
			pr_err("%s: %s: %s can't be patched: it has no ftrace location (notrace?)\n",
			       patch, obj->name, f->desc->name);
			return -EINVAL;
		}
		f->old_addr = addr;
		f->old_size = size;
		f->new_size = f->desc->new_size;
		if (!f->new_size &&
		    !kp_lookup_size_offset(f->desc->new_addr,
					   &f->new_size, NULL))
			f->new_size = 0;
	}
	return 0;
}

static unsigned int kp_dynrela_len(unsigned long type)
{
	switch (type) {
	case R_X86_64_64:
	case R_X86_64_PC64:
		return 8;
	case R_X86_64_PC32:
	case R_X86_64_PLT32:
	case R_X86_64_32:
	case R_X86_64_32S:
		return 4;
	}
	return 0;
}

/*
 * The value of dynrela r of the patch module pmod, or fail with a message.
 * Its target is in objname: the module mod, or vmlinux when mod is NULL.
 */
int kp_dynrela_value(const char *patch, struct module *pmod,
		     const char *objname, struct module *mod,
		     const struct kpatch_dynrela *r, u64 *val)
{
	unsigned int len = kp_dynrela_len(r->type);
	unsigned long sym;
	s64 v;
	int ret;

	if (!len) {
		pr_err("%s: %s: dynrela to %s: unsupported type %lu\n",
		       patch, objname, r->name, r->type);
		return -EINVAL;
	}
	if (!within_module(r->dest, pmod) ||
	    !within_module(r->dest + len - 1, pmod)) {
		pr_err("%s: %s: dynrela to %s: destination outside the patch module\n",
		       patch, objname, r->name);
		return -EINVAL;
	}

	ret = kp_find_symbol(patch, objname, mod, r->name, r->sympos, &sym,
			     NULL);
	if (ret)
		return ret;

	v = (s64)(sym + r->addend);
	if (r->type == R_X86_64_PC32 || r->type == R_X86_64_PLT32 ||
	    r->type == R_X86_64_PC64)
		v -= (s64)r->dest;
	if ((r->type == R_X86_64_32 && v != (u32)v) ||
	    (len == 4 && r->type != R_X86_64_32 && v != (s32)v)) {
		pr_err("%s: %s: dynrela to %s: value out of range for type %lu\n",
		       patch, objname, r->name, r->type);
		return -ERANGE;
	}
	*val = (u64)v;
	return 0;
}

/*
 * The value of one dynrela of obj.  *early is set for a dynrela that
 * early.c wrote when the patch module came, which must not be written
 * again: the kernel has sorted the table it lies in since.
 */
static int kp_object_dynrela_value(struct kp_object *obj,
				   const struct kpatch_dynrela *r, u64 *val,
				   bool *early)
{
	const char *patch = kp_patch_name(obj->patch);
	const char *objname = r->objname ? r->objname : obj->name;
	struct module *pmod = obj->patch->desc->mod;
	struct module *mod;

	*early = kp_early_dest(pmod, r->dest);
	if (*early) {
		if (kp_early_written(pmod))
			return 0;
		pr_err("%s: %s: dynrela to %s lies in the patch module's __jump_table, which the kernel has sorted by now: it must be written as the module comes, which the core does only for the .kpatch.dynrelas of kpatch's patch-module template; build the module with kpatch-build\n",
		       patch, obj->name, r->name);
		return -EINVAL;
	}
	/*
	 * A target in a third module could go away under us: only the
	 * patched object itself and vmlinux are allowed.
	 */
	if (!strcmp(objname, KPATCH_VMLINUX))
		mod = NULL;
	else if (!strcmp(objname, obj->name))
		mod = obj->mod;
	else {
		pr_err("%s: %s: dynrela to %s in %s: only %s or vmlinux may be referenced\n",
		       patch, obj->name, r->name, objname, obj->name);
		return -EINVAL;
	}
	return kp_dynrela_value(patch, pmod, objname, mod, r, val);
}

/*
 * Resolve every dynrela of obj, then write them all.  Nothing is written
 * unless all of them resolve, so a failure leaves no half-relocated code.
 * The patch module's text is read-only by now (STRICT_MODULE_RWX), so the
 * writes go through text_poke() under text_mutex, as the module loader's
 * own late relocations do; no page is ever made writable.
 */
int kp_write_dynrelas(struct kp_object *obj)
{
	const struct kpatch_object *d = obj->desc;
	unsigned int i;
	bool *early;
	u64 *vals;
	int ret = 0;

	if (!d->nr_dynrelas)
		return 0;
	vals = kcalloc(d->nr_dynrelas, sizeof(*vals), GFP_KERNEL);

	early = kcalloc(d->nr_dynrelas, sizeof(*early), GFP_KERNEL);
	if (!vals || !early) {
		ret = -ENOMEM;
		goto out;
	}

	for (i = 0; i < d->nr_dynrelas && !ret; i++)
		ret = kp_object_dynrela_value(obj, &d->dynrelas[i], &vals[i],
					      &early[i]);

	if (!ret) {
		mutex_lock(kp_text_mutex);
		for (i = 0; i < d->nr_dynrelas; i++)
			if (!early[i])
				kp_text_poke((void *)d->dynrelas[i].dest,
					     &vals[i],
					     kp_dynrela_len(d->dynrelas[i].type));
		mutex_unlock(kp_text_mutex);
	}
out:
	kfree(early);
	kfree(vals);
	return ret;
}
