// SPDX-License-Identifier: GPL-2.0
/*
 * The jump label follows task_rename's tracepoint, whose __tracepoint_*
 * is not exported: the entry's key is the static_key inside it, and the
 * unlikely branch (bit 0 clear) matches the NOP at the site.  A callback
 * written for kpatch's API shows what it is given for vmlinux.
 */
#include <linux/tracepoint-defs.h>
#include "jump.h"
#include "kpatch-macros.h"

KPT_JUMP_FUNC(kpt_dummy_key);
KPT_JUMP_DYNRELA("vmlinux", "__tracepoint_task_rename",
		 offsetof(struct tracepoint, key));

static int kpt_pre_patch(patch_object *obj)
{
	KPATCH_PRINTK(KERN_INFO "p_jump: pre_patch %s, mod %s\n", obj->name,
		      obj->mod ? obj->mod->name : "NULL");
	return 0;
}
KPATCH_PRE_PATCH_CALLBACK(kpt_pre_patch);
