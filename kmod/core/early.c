// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: the dynrelas that must be in place before a patch module's
 * init runs.
 *
 * A jump label in patched code whose key the module loader can't resolve
 * (a tracepoint's key is rarely exported) reaches the patch module as a
 * dynrela into its own __jump_table.  The kernel reads that table, and
 * sorts it by key, in jump_label's module notifier at MODULE_STATE_COMING,
 * long before the module's init calls kpatch_register().  So the notifier
 * here, which runs before jump_label's, writes those entries' keys first.
 * The table is ro_after_init: still writable at COMING, so plain stores
 * do.  kpatch_register() then leaves these dynrelas alone (resolve.c).
 *
 * A patch module is recognised by the symbols that kpatch.lds puts around
 * its .kpatch.dynrelas.  At COMING, mod->kallsyms is the loader's
 * init-time copy of the whole symbol table, already relocated, so they
 * can be read there.  The entries are read in place as struct
 * kpatch_dynrela, whose layout the template asserts to be that of
 * .kpatch.dynrelas (struct kpatch_patch_dynrela).
 *
 * A key in a module is only taken while that module is live, and the
 * module is pinned until the patch module is gone: the patch module's
 * jump entry stays linked to the key until jump_label's GOING notifier
 * unlinks it, so the key must outlive that.  The pin is dropped by a
 * second notifier that runs after every other one.
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/jump_label.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <asm/elf.h>
#include "core.h"

/* A patch module whose early dynrelas were written; under kpatch_mutex. */
struct kp_early {
	struct list_head node;
	struct module *mod;
	/* Every COMING notifier ran, so every GOING notifier will run. */
	bool complete;
	unsigned int nr_pins;
	struct module *pins[];	/* modules that hold keys the table uses */
};

static LIST_HEAD(kp_early_list);

static struct kp_early *kp_early_find(struct module *mod)
{
	struct kp_early *e;

	list_for_each_entry(e, &kp_early_list, node)
		if (e->mod == mod)
			return e;
	return NULL;
}

/* The start of mod's __jump_table, and its size in *size. */
static unsigned long kp_jump_table(struct module *mod, unsigned long *size)
{
#ifdef CONFIG_JUMP_LABEL
	*size = mod->num_jump_entries * sizeof(struct jump_entry);
	return (unsigned long)mod->jump_entries;
#else
	*size = 0;
	return 0;
#endif
}

/* Whether dest lies in the jump table of the patch module pmod. */
bool kp_early_dest(struct module *pmod, unsigned long dest)
{
	unsigned long size, start = kp_jump_table(pmod, &size);

	return dest >= start && dest - start < size;
}

/* Whether the notifier wrote pmod's early dynrelas when it came. */
bool kp_early_written(struct module *pmod)
{
	return !!kp_early_find(pmod);
}

/*
 * The .kpatch.dynrelas of mod, from the symbols around it; an empty range
 * for a module that is not a patch module.
 */
static int kp_early_table(struct module *mod,
			  const struct kpatch_dynrela **start,
			  const struct kpatch_dynrela **end)
{
	unsigned long lo = 0, hi = 0;
	struct mod_kallsyms *ks;
	unsigned int i;

	preempt_disable();
	ks = rcu_dereference_sched(mod->kallsyms);
	for (i = 0; i < ks->num_symtab; i++) {
		const Elf_Sym *sym = &ks->symtab[i];
		const char *name = ks->strtab + sym->st_name;

		if (sym->st_shndx == SHN_UNDEF)
			continue;
		if (!strcmp(name, "__kpatch_dynrelas"))
			lo = sym->st_value;
		else if (!strcmp(name, "__kpatch_dynrelas_end"))
			hi = sym->st_value;
	}
	preempt_enable();

	*start = *end = NULL;
	if (!lo && !hi)
		return 0;
	if (!lo || !hi || lo > hi || !within_module(lo, mod) ||
	    (hi - lo) % sizeof(**start)) {
		pr_err("%s: its .kpatch.dynrelas is malformed (%#lx to %#lx): rebuild the patch module\n",
		       mod->name, lo, hi);
		return -EINVAL;
	}
	*start = (const struct kpatch_dynrela *)lo;
	*end = (const struct kpatch_dynrela *)hi;
	return 0;
}

static void kp_early_unpin(struct kp_early *e)
{
	unsigned int i;

	for (i = 0; i < e->nr_pins; i++)
		module_put(e->pins[i]);
}

/*
 * Resolve one early dynrela d of the patch module mod into *val, pinning
 * the module that holds the key, if any, in e.
 */
static int kp_early_resolve(struct module *mod, struct kp_early *e,
			    const struct kpatch_dynrela *d, u64 *val)
{
	unsigned long size, off = d->dest - kp_jump_table(mod, &size);
	struct module *owner = NULL;
	int ret;

	if (!d->name || !d->objname || d->type != R_X86_64_PC64 ||
	    off % sizeof(struct jump_entry) != offsetof(struct jump_entry, key)) {
		pr_err("%s: a dynrela in __jump_table is not an R_X86_64_PC64 to a named key: the patch module is malformed; rebuild it\n",
		       mod->name);
		return -EINVAL;
	}
	if (strcmp(d->objname, KPATCH_VMLINUX)) {
		owner = kp_get_live_module(d->objname);
		if (!owner) {
			pr_err("%s: a jump label uses the key %s of module %s, which is not loaded: load %s first, then the patch\n",
			       mod->name, d->name, d->objname, d->objname);
			return -ENOENT;
		}
		e->pins[e->nr_pins++] = owner;
	}
	ret = kp_dynrela_value(mod->name, mod, d->objname, owner, d, val);
	if (ret)
		pr_err("%s: can't resolve the jump label key %s in %s: the patch must be built against the running kernel and modules\n",
		       mod->name, d->name, d->objname);
	return ret;
}

/* Write the early dynrelas of a coming patch module, or refuse it. */
static int kp_early_coming(struct module *mod)
{
	const struct kpatch_dynrela *start, *end, *d;
	unsigned int nr = 0, i = 0;
	struct kp_early *e;
	u64 *vals;
	int ret = 0;

	ret = kp_early_table(mod, &start, &end);
	if (ret)
		return ret;
	for (d = start; d < end; d++)
		nr += kp_early_dest(mod, d->dest);
	if (!nr)
		return 0;

	e = kzalloc(struct_size(e, pins, nr), GFP_KERNEL);
	vals = kcalloc(nr, sizeof(*vals), GFP_KERNEL);
	if (!e || !vals) {
		ret = -ENOMEM;
		goto out;
	}
	for (d = start; d < end && !ret; d++)
		if (kp_early_dest(mod, d->dest))
			ret = kp_early_resolve(mod, e, d, &vals[i++]);
	if (ret) {
		kp_early_unpin(e);
		goto out;
	}

	i = 0;
	for (d = start; d < end; d++)
		if (kp_early_dest(mod, d->dest))
			*(u64 *)d->dest = vals[i++];
	e->mod = mod;
	list_add(&e->node, &kp_early_list);
	e = NULL;
out:
	kfree(vals);
	kfree(e);
	return ret;
}

/*
 * The first notifier: runs before jump_label's (priority 1) as the module
 * comes.  As it goes, it only sees to a load that failed in a later
 * COMING notifier: jump_label may still unlink the table after this, so
 * the pins are kept for good rather than dropped too early.
 */
static int kp_early_notify(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	struct module *mod = data;
	struct kp_early *e;
	unsigned int i;
	int ret = 0;

	mutex_lock(&kpatch_mutex);
	if (action == MODULE_STATE_COMING) {
		ret = kp_early_coming(mod);
	} else if (action == MODULE_STATE_GOING) {
		e = kp_early_find(mod);
		if (e && !e->complete) {
			for (i = 0; i < e->nr_pins; i++)
				pr_warn("%s: failed to load; module %s stays pinned until reboot\n",
					mod->name, e->pins[i]->name);
			list_del(&e->node);
			kfree(e);
		}
	}
	mutex_unlock(&kpatch_mutex);
	return notifier_from_errno(ret);
}

/* The last notifier: drops the pins once jump_label is done. */
static int kp_early_last_notify(struct notifier_block *nb,
				unsigned long action, void *data)
{
	struct module *mod = data;
	struct kp_early *e;

	mutex_lock(&kpatch_mutex);
	e = kp_early_find(mod);
	if (e && action == MODULE_STATE_COMING) {
		e->complete = true;
	} else if (e && action == MODULE_STATE_GOING) {
		kp_early_unpin(e);
		list_del(&e->node);
		kfree(e);
	}
	mutex_unlock(&kpatch_mutex);
	return NOTIFY_OK;
}

static struct notifier_block kp_early_nb = {
	.notifier_call = kp_early_notify,
	.priority = INT_MAX,
};

static struct notifier_block kp_early_last_nb = {
	.notifier_call = kp_early_last_notify,
	.priority = INT_MIN,
};

int kp_early_init(void)
{
	int ret;

	ret = register_module_notifier(&kp_early_last_nb);
	if (ret)
		return ret;
	ret = register_module_notifier(&kp_early_nb);
	if (ret)
		unregister_module_notifier(&kp_early_last_nb);
	return ret;
}

void kp_early_exit(void)
{
	unregister_module_notifier(&kp_early_nb);
	unregister_module_notifier(&kp_early_last_nb);
}
