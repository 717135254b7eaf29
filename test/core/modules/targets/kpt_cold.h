/* SPDX-License-Identifier: GPL-2.0 */
/* kpt_cold's exports, for the patched kpt_cold_fn() of p_cold. */
#ifndef _KPT_COLD_H
#define _KPT_COLD_H

#include <linux/compiler.h>

/* The argument that sends kpt_cold_fn() down its unlikely path. */
#define KPT_COLD_PARK	(-42)

/*
 * The kernel's __cold is empty when the compiler can't align
 * cold functions (gcc before 14, with function padding: 6.12's
 * CALL_PADDING): spell the attribute out, as without it gcc 12 doesn't
 * split kpt_cold_fn().  Its one side effect here, a kpt_cold_park() that
 * may not be 16-byte aligned, matters to nothing the tests do.
 */
#define KPT_COLD __attribute__((__cold__))

void kpt_cold_set(int ver);
void KPT_COLD kpt_cold_park(int ver);

#endif
