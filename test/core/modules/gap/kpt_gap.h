/* SPDX-License-Identifier: GPL-2.0 */
/* kpt_gap's exports, for the patched kpt_gap_wait() of p_gap. */
#ifndef _KPT_GAP_H
#define _KPT_GAP_H

void kpt_gap_enter(int ver);
void kpt_gap_park(void);
void kpt_gap_leave(void);

#endif
