// SPDX-License-Identifier: GPL-2.0
/* Patches 10 function(s) of kpb_target. */
#define KPB_N 10
#include "kpb_patch.h"
