/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kpatch core: the kernel interfaces that differ between the series the
 * core supports (6.1 and 6.12).  Every LINUX_VERSION_CODE test of the core
 * is here, so that the rest reads as if there were one kernel.
 */
#ifndef _KPATCH_COMPAT_H_
#define _KPATCH_COMPAT_H_

#include <linux/ftrace.h>
#include <linux/module.h>
#include <linux/version.h>

/* Whether the kernel is maj.min or later. */
#define KP_SINCE(maj, min) (LINUX_VERSION_CODE >= KERNEL_VERSION(maj, min, 0))

/*
 * Send the traced function's caller to ip instead.  6.2 renamed the
 * accessor when ftrace_regs grew its own set of them.
 */
static inline void kp_fregs_set_ip(struct ftrace_regs *fregs,
				   unsigned long ip)
{
#if KP_SINCE(6, 2)
	ftrace_regs_set_instruction_pointer(fregs, ip);
#else
	ftrace_instruction_pointer_set(fregs, ip);
#endif
}

/*
 * The core text of a module, where its functions live for as long as it
 * is loaded.  6.1 puts it at the start of core_layout; from 6.4 on each
 * kind of memory has its own region, and the text is mod->mem[MOD_TEXT].
 */
static inline void kp_module_text(const struct module *mod,
				  unsigned long *start, unsigned long *size)
{
#if KP_SINCE(6, 4)
	*start = (unsigned long)mod->mem[MOD_TEXT].base;
	*size = mod->mem[MOD_TEXT].size;
#else
	*start = (unsigned long)mod->core_layout.base;
	*size = mod->core_layout.text_size;
#endif
}

#endif /* _KPATCH_COMPAT_H_ */
