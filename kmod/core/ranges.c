// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: the text that no task may be in for a switch to happen.
 *
 * A task is busy when a return address on its stack, or the address it
 * was interrupted at, lies in one of these ranges:
 *
 * Switching a function in: the original function and its .cold part
 * (gcc moves the unlikely blocks of foo into foo.cold, a symbol of its
 * own that foo jumps to: a task there has no return address in foo), and,
 * if the function is patched already, the replacement live now and the
 * whole text of the patch module that holds it (which has the
 * replacement's .cold part).  The ftrace call of the original needs no
 * range of its own here: its return address lies inside the original.
 *
 * Switching a function out: the replacement; the return address of the
 * function's ftrace call, ip + MCOUNT_INSN_SIZE; the ftrace handler and
 * the ops' trampoline; and the whole text of the patch module, which the
 * module loses once its reference is dropped.  A task between the
 * handler's choice of the replacement and the jump to it (preempted at
 * the end of the handler, or interrupted on the trampoline) has the
 * handler or the trampoline on its stack, above the return address of
 * the ftrace call; only after the trampoline has written the new ip into
 * the return slot is that slot the replacement's address, which its
 * range holds.  The shared trampolines (ftrace_caller, and the list
 * function when several ftrace users share a function) are not
 * identified: the return address of the ftrace call lies below them.
 *
 * Functions with force are left out, and so is the text of a patch that
 * has any: such a patch keeps its module for good.
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/ftrace.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/elf.h>
#include "core.h"
#include "kp-compat.h"
#include "transition.h"

/* The suffix gcc gives the part of a function that it moves out of line. */
#define KP_COLD_SUFFIX	".cold"

/* More .cold parts of one name than this in a module: take its text. */
#define KP_MAX_COLD	8

static int kp_add_range(struct kp_check *c, unsigned long start,
			unsigned long size, enum kp_range_kind kind,
			const char *func)
{
	struct kp_range *r;
	unsigned int n;

	if (!size)
		return 0;
	if (c->nr_ranges == c->max_ranges) {
		n = max(2 * c->max_ranges, 16U);
		r = krealloc_array(c->ranges, n, sizeof(*r), GFP_KERNEL);
		if (!r)
			return -ENOMEM;
		c->ranges = r;
		c->max_ranges = n;
	}
	r = &c->ranges[c->nr_ranges++];
	r->start = start;
	r->end = start + size;
	r->kind = kind;
	r->func = func;
	return 0;
}

/* All of mod's core text, as one range. */
static int kp_add_module_text(struct kp_check *c, const struct module *mod,
			      const char *func)
{
	unsigned long start, size;

	kp_module_text(mod, &start, &size);
	return kp_add_range(c, start, size, KP_RANGE_PATCH, func);
}

struct kp_cold {
	struct kp_check *c;
	const char *func;
	int ret;
};

static int kp_cold_vmlinux(void *data, unsigned long addr)
{
	struct kp_cold *k = data;
	unsigned long size;

	if (kp_kallsyms_size(addr, &size))
		k->ret = kp_add_range(k->c, addr, size, KP_RANGE_FUNC,
				      k->func);
	return k->ret;
}

/*
 * The symbols called name in mod, by its symbol table (module symbols
 * keep their ELF sizes).  The table is read under preempt_disable(), as
 * the loader swaps it at the end of init, so the matches are copied out
 * before any range is added.  A module with more of them than there is
 * room for gets its whole core text checked instead.
 */
static int kp_cold_module(struct kp_cold *k, struct module *mod,
			  const char *name)
{
	unsigned long addr[KP_MAX_COLD], size[KP_MAX_COLD];
	struct mod_kallsyms *ks;
	unsigned int i, n = 0;
	bool many = false;

	preempt_disable();
	ks = rcu_dereference_sched(mod->kallsyms);
	for (i = 0; i < ks->num_symtab; i++) {
		const Elf_Sym *sym = &ks->symtab[i];

		if (sym->st_shndx == SHN_UNDEF ||
		    strcmp(ks->strtab + sym->st_name, name))
			continue;
		if (n == KP_MAX_COLD) {
			many = true;
			break;
		}
		addr[n] = sym->st_value;
		size[n++] = sym->st_size;
	}
	preempt_enable();

	if (many) {
		kp_module_text(mod, &addr[0], &size[0]);
		n = 1;
	}
	for (i = 0; i < n; i++) {
		k->ret = kp_add_range(k->c, addr[i], size[i], KP_RANGE_FUNC,
				      k->func);
		if (k->ret)
			break;
	}
	return k->ret;
}

/*
 * The .cold parts of f's original, found by name in f's object: every
 * symbol called "<name>.cold" there.  When several functions of the
 * object share f's name (a sympos), their .cold parts can't be told
 * apart, and all of them are taken, which only errs on the busy side.
 */
static int kp_add_cold(struct kp_check *c, const struct kp_func *f)
{
	struct kp_cold k = { .c = c, .func = f->desc->name };
	char *name;

	name = kasprintf(GFP_KERNEL, "%s" KP_COLD_SUFFIX, f->desc->name);
	if (!name)
		return -ENOMEM;
	if (f->obj->mod)
		kp_cold_module(&k, f->obj->mod, name);
	else
		kp_kallsyms_each(name, kp_cold_vmlinux, &k);
	kfree(name);
	return k.ret;
}

static int kp_ranges_switch_in(struct kp_check *c, struct kp_patch *p)
{
	struct kp_object *obj;
	struct kp_func *f, *top;
	unsigned int i, j;
	int ret;

	kp_for_each_object(p, obj, i) {
		if (!obj->prepared)
			continue;
		kp_for_each_func(obj, f, j) {
			if (f->desc->force)
				continue;
			ret = kp_add_range(c, f->old_addr, f->old_size,
					   KP_RANGE_FUNC, f->desc->name);
			if (!ret)
				ret = kp_add_cold(c, f);
			top = kp_top_func(f->ip);
			if (!ret && top)
				ret = kp_add_range(c, top->desc->new_addr,
						   top->new_size, KP_RANGE_FUNC,
						   f->desc->name);
			if (!ret && top)
				ret = kp_add_module_text(c,
						top->obj->patch->desc->mod,
						kp_patch_name(top->obj->patch));
			if (ret)
				return ret;
		}
	}
	return 0;
}

static int kp_ranges_switch_out(struct kp_check *c, struct kp_patch *p)
{
	struct kp_object *obj;
	struct kp_func *f;
	unsigned int i, j;
	bool any = false;
	int ret;

	kp_for_each_object(p, obj, i) {
		if (!obj->applied)
			continue;
		kp_for_each_func(obj, f, j) {
			if (f->desc->force)
				continue;
			any = true;
			ret = kp_add_range(c, f->desc->new_addr, f->new_size,
					   KP_RANGE_FUNC, f->desc->name);
			if (!ret)
				ret = kp_add_range(c, f->ip + MCOUNT_INSN_SIZE, 1,
						   KP_RANGE_CALL, f->desc->name);
			if (ret)
				return ret;
		}
	}
	if (!any || p->forced)
		return 0;
	return kp_add_module_text(c, p->desc->mod, kp_patch_name(p));
}

/* The handler and the ops' trampoline, once for a switch that takes out. */
static int kp_ranges_handler(struct kp_check *c)
{
	unsigned long start, size;
	int ret;

	kp_handler_text(&start, &size);
	ret = kp_add_range(c, start, size, KP_RANGE_HANDLER, NULL);
	if (!ret && kp_ops_trampoline(&start, &size))
		ret = kp_add_range(c, start, size, KP_RANGE_HANDLER, NULL);
	return ret;
}

int kp_build_ranges(struct kp_check *c, struct kp_patch *add,
		    struct kp_patch *remove, bool replace)
{
	unsigned int before;
	struct kp_patch *q;
	int ret = 0;

	if (add)
		ret = kp_ranges_switch_in(c, add);
	before = c->nr_ranges;
	if (!ret && remove)
		ret = kp_ranges_switch_out(c, remove);
	if (replace)
		list_for_each_entry(q, &kp_patches, list)
			if (!ret && q->enabled)
				ret = kp_ranges_switch_out(c, q);
	if (!ret && c->nr_ranges != before)
		ret = kp_ranges_handler(c);
	if (!ret)
		kp_sort_ranges(c);
	return ret;
}
