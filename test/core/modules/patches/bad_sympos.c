// SPDX-License-Identifier: GPL-2.0
/* Refused: kpt_target has two static kpt_dup(), and no sympos is given. */
#include "common.h"

KPT_BAD_PATCH_MODULE("kpt_target", "kpt_dup", 0, SIZE_kpt_dup_2);
