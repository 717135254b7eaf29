// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: a patch's names resolved in the running kernel.
 *
 * Patches name what they change (object, symbol, position among symbols
 * of that name), never addresses, so that KASLR and module load addresses
 * don't matter.  This finds each replaced function and checks its size
 * and ftrace location, and computes and writes the dynrelas: the
 * references that the module loader could not resolve.  Its build-time
 * counterpart is kpatch-build/resolve.c, which decides which references
 * of the patch become dynrelas.  The kernel's unexported helpers it uses
 * come from ksyms.c.
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/module.h>
#include <linux/slab.h>
#include <asm/elf.h>
#include "core.h"

/*
 * The kallsyms size of a vmlinux function runs up to the next symbol, so
 * it includes the alignment padding after the function, which the symbol
 * table size of a patch's old_size does not.  Module symbols keep their
 * exact ELF size.
 */
#define KP_MAX_PADDING	64

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
		kp_kallsyms_each(name, kp_match_vmlinux, &m);

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
	if (!mod && !kp_kallsyms_size(m.addr, &m.size))
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
	}
	return kp_verify_object(obj);
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
		kp_text_lock();
		for (i = 0; i < d->nr_dynrelas; i++)
			if (!early[i])
				kp_text_poke((void *)d->dynrelas[i].dest,
					     &vals[i],
					     kp_dynrela_len(d->dynrelas[i].type));
		kp_text_unlock();
		/*
		 * text_poke() leaves other CPUs free to run instructions
		 * they fetched before the write; make every CPU serialize
		 * before any of this code can run.
		 */
		kp_text_poke_sync();
	}
out:
	kfree(early);
	kfree(vals);
	return ret;
}
