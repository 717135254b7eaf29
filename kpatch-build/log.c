// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

bool cdo_debug;
bool cdo_quiet;

void cdo_err(const char *obj, const char *fmt, ...)
{
	va_list ap;

	if (cdo_quiet)
		return;
	fprintf(stderr, "create-diff-object: %s: ", obj ? obj : "?");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cdo_dbg(const char *fmt, ...)
{
	va_list ap;

	if (!cdo_debug)
		return;
	fputs("create-diff-object: debug: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
