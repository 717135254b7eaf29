// SPDX-License-Identifier: GPL-2.0
/*
 * The jump label follows kpt_target_key, a static key of the module
 * kpt_target that is not exported: kpt_target must be loaded first, and
 * stays pinned while this module is loaded.
 */
#include "jump.h"

KPT_JUMP_FUNC(kpt_dummy_key);
KPT_JUMP_DYNRELA("kpt_target", "kpt_target_key", 0);
