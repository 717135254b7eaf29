// SPDX-License-Identifier: GPL-2.0
/*
 * Replaces the second static kpt_dup() of kpt_target (sympos 2).  The new
 * version reads kpt_counter, a static variable of kpt_target, through a
 * RIP-relative lea whose displacement is a PC32 dynrela, written into
 * this module's read-only text by the core, as kpatch-build would emit.
 */
#include <asm/elf.h>
#include "common.h"

extern const char p_static_lea_end[];

static noinline int new_kpt_dup(void)
{
	int *counter;

	asm volatile("leaq 0(%%rip), %0\n"
		     "p_static_lea_end:\n" : "=r" (counter));
	return READ_ONCE(*counter) + 100;
}

/*
 * Callbacks are given the module itself, whether it was loaded before the
 * patch or after it.
 */
static int kpt_pre_patch(struct kpatch_callback_object *obj)
{
	pr_info("p_static: pre_patch %s, module %s\n", obj->name,
		obj->mod ? obj->mod->name : "none");
	return 0;
}

static void kpt_post_unpatch(struct kpatch_callback_object *obj)
{
	pr_info("p_static: post_unpatch %s, module %s\n", obj->name,
		obj->mod ? obj->mod->name : "none");
}

static const struct kpatch_func kpt_funcs[] = {
	{
		.new_addr = (unsigned long)new_kpt_dup,
		.name = "kpt_dup",
		.sympos = 2,
		.old_size = SIZE_kpt_dup_2,
	},
};

/* The displacement is the last 4 bytes of the lea. */
static const struct kpatch_dynrela kpt_dynrelas[] = {
	{
		.dest = (unsigned long)p_static_lea_end - 4,
		.type = R_X86_64_PC32,
		.name = "kpt_counter",
		.objname = "kpt_target",
		.addend = -4,
	},
};

static const struct kpatch_object kpt_objs[] = {
	{
		.name = "kpt_target",
		.funcs = kpt_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_funcs),
		.dynrelas = kpt_dynrelas,
		.nr_dynrelas = ARRAY_SIZE(kpt_dynrelas),
		.callbacks = {
			.pre_patch = kpt_pre_patch,
			.post_unpatch = kpt_post_unpatch,
		},
	},
};

KPT_PATCH_MODULE(kpt_objs, false);
