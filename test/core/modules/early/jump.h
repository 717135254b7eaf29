/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A patch module of the template whose replacement of cmdline_proc_show
 * has one jump label: /proc/cmdline reads "kpt-jump-on" while its key is
 * enabled, and "kpt-jump-off" otherwise.  The compiler sees a dummy key
 * of the module's own; the module's .kpatch.dynrelas redirects the jump
 * entry to the key _key of _obj, as create-diff-object does for a key
 * that the module loader can't resolve.  The core must write that before
 * jump_label's notifier sorts and links the table, or the branch never
 * follows the real key.
 */
#ifndef _KPT_JUMP_H
#define _KPT_JUMP_H

#include <linux/jump_label.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <asm/elf.h>
#include "kpatch-patch.h"
#include "sizes.h"

/*
 * One __jump_table entry, in the kernel's format (code, target and key,
 * each relative to its own field), with a 5-byte NOP at the site: the
 * entry's key field gets a label, so that the dynrela can name it.
 */
#define KPT_JUMP_FUNC(_dummy)						\
static struct static_key_false _dummy = STATIC_KEY_FALSE_INIT;		\
extern const char kpt_jump_key_field[];					\
static noinline bool kpt_jump_on(void)					\
{									\
	asm goto("1: .byte 0x0f, 0x1f, 0x44, 0x00, 0x00\n\t"		\
		 ".pushsection __jump_table, \"aw\"\n\t"		\
		 ".balign 8\n\t"					\
		 ".long 1b - .\n\t"					\
		 ".long %l[on] - .\n\t"					\
		 "kpt_jump_key_field:\n\t"				\
		 ".quad %c0 - .\n\t"					\
		 ".popsection\n\t"					\
		 : : "i" (&_dummy.key) : : on);				\
	return false;							\
on:									\
	return true;							\
}									\
static int kpt_new_cmdline_proc_show(struct seq_file *m, void *v)	\
{									\
	seq_printf(m, "kpt-jump-%s\n", kpt_jump_on() ? "on" : "off");	\
	return 0;							\
}									\
static struct kpatch_patch_func kpt_func __used __aligned(8)		\
__section(KPATCH_SEC_FUNCS) = {						\
	.new_addr = (unsigned long)kpt_new_cmdline_proc_show,		\
	.old_size = SIZE_cmdline_proc_show,				\
	.name = "cmdline_proc_show",					\
	.objname = "vmlinux",						\
}

/*
 * The dynrela to the real key: value = S + A - P, as for any PC64.  The
 * entries are packed, as create-diff-object writes them: gcc would align
 * a static struct of this size to 32 bytes.
 */
#define KPT_JUMP_DYNRELA(_obj, _key, _addend)				\
static struct kpatch_patch_dynrela kpt_jump_dynrela __used __aligned(8)	\
__section(KPATCH_SEC_DYNRELAS) = {					\
	.dest = (unsigned long)kpt_jump_key_field,			\
	.type = R_X86_64_PC64,						\
	.name = _key,							\
	.objname = _obj,						\
	.addend = _addend,						\
}

#endif
