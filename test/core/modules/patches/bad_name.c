// SPDX-License-Identifier: GPL-2.0
/* Refused: the old function does not exist. */
#include "common.h"

KPT_BAD_PATCH_MODULE("vmlinux", "kpt_no_such_function", 0, 16);
