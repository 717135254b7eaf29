// SPDX-License-Identifier: GPL-2.0
/* Refused as it comes: the jump label's key is in a module not loaded. */
#include "jump.h"

KPT_JUMP_FUNC(kpt_dummy_key);
KPT_JUMP_DYNRELA("kpt_absent", "kpt_absent_key", 0);
