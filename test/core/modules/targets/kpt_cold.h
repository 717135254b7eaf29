/* SPDX-License-Identifier: GPL-2.0 */
/* kpt_cold's exports, for the patched kpt_cold_fn() of p_cold. */
#ifndef _KPT_COLD_H
#define _KPT_COLD_H

#include <linux/compiler.h>

/* The argument that sends kpt_cold_fn() down its unlikely path. */
#define KPT_COLD_PARK	(-42)

void kpt_cold_set(int ver);
void __cold kpt_cold_park(int ver);

#endif
