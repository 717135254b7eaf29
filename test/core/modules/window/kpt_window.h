/* SPDX-License-Identifier: GPL-2.0 */
/* kpt_window's exports, for the patched kpt_window_fn() of p_window*. */
#ifndef _KPT_WINDOW_H
#define _KPT_WINDOW_H

void kpt_window_set(int ver);
void kpt_window_set2(int ver);

#endif
