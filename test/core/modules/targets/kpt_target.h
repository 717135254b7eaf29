/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the two files of kpt_target. */
#ifndef _KPT_TARGET_H
#define _KPT_TARGET_H

int kpt_dup2(void);

#endif
