// SPDX-License-Identifier: GPL-2.0
/* Refused: kpt_notrace() has no ftrace location to redirect. */
#include "common.h"

KPT_BAD_PATCH_MODULE("kpt_target", "kpt_notrace", 0, SIZE_kpt_notrace);
