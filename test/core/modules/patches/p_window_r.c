// SPDX-License-Identifier: GPL-2.0
/* p_window as a replace patch, version 3. */
#define KPT_WINDOW_REPLACE	true
#include "p_window.c"
