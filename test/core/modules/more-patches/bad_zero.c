// SPDX-License-Identifier: GPL-2.0
/*
 * Says cmdline_proc_show has 0 bytes: the activeness check would look
 * for tasks in an empty range, so the core must refuse it.
 */
#include "common.h"

KPT_BAD_PATCH_MODULE("vmlinux", "cmdline_proc_show", 0, 0);
