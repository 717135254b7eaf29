// SPDX-License-Identifier: GPL-2.0
/*
 * Refused: p_digest with a digest of cmdline_proc_show that differs from
 * the running kernel's in one bit, as a patch built from other source
 * would carry.
 */
#define KPT_DIGEST (DIGEST_cmdline_proc_show ^ 1)
#include "p_digest.c"
