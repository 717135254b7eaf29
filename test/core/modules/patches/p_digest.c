// SPDX-License-Identifier: GPL-2.0
/*
 * Replaces cmdline_proc_show() ("kpatch-digest-checked"), with a digest of
 * the test kernel's cmdline_proc_show, as create-diff-object records one
 * (digest.h, from test/core/digest-h.py): the core must compute the same
 * over the running function, also with a kprobe inside it.  bad_digest.c
 * builds this with a digest that differs in one bit.
 */
#include "common.h"
#include "kpatch-digest.h"
#include "digest.h"

#ifndef KPT_DIGEST
#define KPT_DIGEST DIGEST_cmdline_proc_show
#endif

/* Where 72-digest.sh may put a kprobe: an instruction the digest covers. */
static int kprobe_at = KPROBE_AT_cmdline_proc_show;
module_param(kprobe_at, int, 0444);

static const struct kpatch_mask kpt_masks[] = MASKS_cmdline_proc_show;

static int new_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, "kpatch-digest-checked\n");
	return 0;
}

static const struct kpatch_func kpt_funcs[] = {
	{
		.new_addr = (unsigned long)new_cmdline_proc_show,
		.name = "cmdline_proc_show",
		.old_size = SIZE_cmdline_proc_show,
		.digest = KPT_DIGEST,
		.digest_len = DIGEST_LEN_cmdline_proc_show,
		.masks = kpt_masks,
		.nr_masks = ARRAY_SIZE(kpt_masks),
	},
};

static const struct kpatch_object kpt_objs[] = {
	{
		.name = "vmlinux",
		.funcs = kpt_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_funcs),
	},
};

KPT_PATCH_MODULE(kpt_objs, false);
