// SPDX-License-Identifier: GPL-2.0
/* The second static kpt_dup of kpt_target: sympos 2. */
#include <linux/compiler.h>
#include "kpt_target.h"

static int kpt_dup_val = 2;

static noinline int kpt_dup(void)
{
	return READ_ONCE(kpt_dup_val);
}

int kpt_dup2(void)
{
	return kpt_dup();
}
