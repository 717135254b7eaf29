// SPDX-License-Identifier: GPL-2.0
/* Patches 1 function(s) of kpb_target. */
#define KPB_N 1
#include "kpb_patch.h"
