// SPDX-License-Identifier: GPL-2.0
/*
 * The jump label follows task_rename's tracepoint, whose __tracepoint_*
 * is not exported: the entry's key is the static_key inside it, and the
 * unlikely branch (bit 0 clear) matches the NOP at the site.
 */
#include <linux/tracepoint-defs.h>
#include "jump.h"

KPT_JUMP_FUNC(kpt_dummy_key);
KPT_JUMP_DYNRELA("vmlinux", "__tracepoint_task_rename",
		 offsetof(struct tracepoint, key));
