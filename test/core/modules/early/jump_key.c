// SPDX-License-Identifier: GPL-2.0
/* Refused as it comes: the jump label's key is not in vmlinux. */
#include "jump.h"

KPT_JUMP_FUNC(kpt_dummy_key);
KPT_JUMP_DYNRELA("vmlinux", "__tracepoint_kpt_no_such_event", 8);
