/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boilerplate of the hand-written patch modules: they spell out by hand
 * the patch description of kmod/core/kpatch.h that the patch-module
 * template (kmod/patch/kpatch-patch-init.c) builds at init from the
 * .kpatch.* sections.  sizes.h is written by run.sh (sizes_h in
 * test/lib.sh) from the test kernel's vmlinux and the target modules,
 * the way create-diff-object takes old_size from the parent's symbol
 * table.
 *
 * They record no digest of the code they were built against (digest_len
 * is 0, as designated initializers leave it), which the core takes as "not
 * recorded" and doesn't check: see doc/metadata-format.md.  p_digest.c
 * and bad_digest.c carry one, from digest.h (test/core/digest-h.py).
 */
#ifndef _KPT_COMMON_H
#define _KPT_COMMON_H

#include <linux/module.h>
#include <linux/seq_file.h>
#include "kpatch.h"
#include "sizes.h"

/* A replacement of /proc/cmdline's show function that prints text. */
#define KPT_CMDLINE(text)						\
static int new_cmdline_proc_show(struct seq_file *m, void *v)		\
{									\
	seq_puts(m, text "\n");						\
	return 0;							\
}									\
static const struct kpatch_func kpt_cmdline_funcs[] = {		\
	{								\
		.new_addr = (unsigned long)new_cmdline_proc_show,	\
		.name = "cmdline_proc_show",				\
		.old_size = SIZE_cmdline_proc_show,			\
	},								\
}

#define KPT_PATCH(_objs, _replace)					\
static struct kpatch_patch kpt_patch = {				\
	.mod = THIS_MODULE,						\
	.checksum = "sum-" KBUILD_MODNAME,				\
	.objs = _objs,							\
	.nr_objs = ARRAY_SIZE(_objs),					\
	.replace = _replace,						\
}

#define KPT_PATCH_MODULE(_objs, _replace)				\
KPT_PATCH(_objs, _replace);						\
static int __init kpt_init(void)					\
{									\
	return kpatch_register(&kpt_patch);				\
}									\
static void __exit kpt_exit(void)					\
{									\
	WARN_ON(kpatch_unregister(&kpt_patch));				\
}									\
module_init(kpt_init);							\
module_exit(kpt_exit);							\
MODULE_LICENSE("GPL")

/* A patch of one function that the core must refuse. */
#define KPT_BAD_PATCH_MODULE(_obj, _name, _sympos, _size)		\
static int kpt_new_func(void)						\
{									\
	return 0;							\
}									\
static const struct kpatch_func kpt_funcs[] = {			\
	{								\
		.new_addr = (unsigned long)kpt_new_func,		\
		.name = _name,						\
		.sympos = _sympos,					\
		.old_size = _size,					\
	},								\
};									\
static const struct kpatch_object kpt_objs[] = {			\
	{								\
		.name = _obj,						\
		.funcs = kpt_funcs,					\
		.nr_funcs = ARRAY_SIZE(kpt_funcs),			\
	},								\
};									\
KPT_PATCH_MODULE(kpt_objs, false)

#endif
