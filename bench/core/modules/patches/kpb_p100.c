// SPDX-License-Identifier: GPL-2.0
/* Patches 100 function(s) of kpb_target. */
#define KPB_N 100
#include "kpb_patch.h"
