// SPDX-License-Identifier: GPL-2.0
/* Refused: built against a cmdline_proc_show() of another size. */
#include "common.h"

KPT_BAD_PATCH_MODULE("vmlinux", "cmdline_proc_show", 0,
		     SIZE_cmdline_proc_show + 100);
