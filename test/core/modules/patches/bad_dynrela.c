// SPDX-License-Identifier: GPL-2.0
/*
 * Refused: the second dynrela names a symbol that doesn't exist.  The
 * first one is valid, and must not have been written either: after the
 * refusal, init checks that the displacement it targets is still 0.
 */
#include <asm/elf.h>
/* 6.12 moved it from asm/ to linux/. */
#if __has_include(<linux/unaligned.h>)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif
#include "common.h"

extern const char bad_dynrela_lea_end[];

static noinline int new_kpt_dup(void)
{
	int *counter;

	asm volatile("leaq 0(%%rip), %0\n"
		     "bad_dynrela_lea_end:\n" : "=r" (counter));
	return READ_ONCE(*counter);
}

static const struct kpatch_func kpt_funcs[] = {
	{
		.new_addr = (unsigned long)new_kpt_dup,
		.name = "kpt_dup",
		.sympos = 2,
		.old_size = SIZE_kpt_dup_2,
	},
};

static const struct kpatch_dynrela kpt_dynrelas[] = {
	{
		.dest = (unsigned long)bad_dynrela_lea_end - 4,
		.type = R_X86_64_PC32,
		.name = "kpt_counter",
		.addend = -4,
	},
	{
		.dest = (unsigned long)bad_dynrela_lea_end - 4,
		.type = R_X86_64_PC32,
		.name = "kpt_no_such_symbol",
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
	},
};

KPT_PATCH(kpt_objs, false);

static int __init kpt_init(void)
{
	int ret = kpatch_register(&kpt_patch);

	if (!ret) {
		WARN_ON(kpatch_unregister(&kpt_patch));
		return -EINVAL;
	}
	if (!get_unaligned((const u32 *)(bad_dynrela_lea_end - 4)))
		pr_info("bad_dynrela: the displacement is untouched\n");
	return ret;
}

static void __exit kpt_exit(void)
{
}

module_init(kpt_init);
module_exit(kpt_exit);
MODULE_LICENSE("GPL");
