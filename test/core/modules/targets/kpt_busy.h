/* SPDX-License-Identifier: GPL-2.0 */
/* kpt_busy's exports, for the patched kpt_busy_wait() of p_busy*. */
#ifndef _KPT_BUSY_H
#define _KPT_BUSY_H

#include <linux/types.h>

void kpt_busy_enter(int ver);
void kpt_busy_leave(void);
void kpt_busy_sleep(void);

#endif
