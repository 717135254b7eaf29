/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Error reporting.  Every refusal and every error names the object, the
 * section or symbol, and the reason, in one line on stderr, so that
 * kpatch-build can show it to the patch author as it is.
 */
#ifndef CDO_LOG_H
#define CDO_LOG_H

#include <stdbool.h>

extern bool cdo_debug;
/* Set by the fuzz target: errors are expected there, by the million. */
extern bool cdo_quiet;

/* "create-diff-object: OBJ: message" */
void cdo_err(const char *obj, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Only with -d / KPATCH_DEBUG: what was included and why. */
void cdo_dbg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
