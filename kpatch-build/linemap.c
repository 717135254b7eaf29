// SPDX-License-Identifier: GPL-2.0
/*
 * The line map of the object's source: see linemap.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "linemap.h"
#include "log.h"
#include "readfile.h"

/* A map longer than this is no diff of one source file. */
#define MAX_MAP_SIZE (16UL << 20)

static int by_old_start(const void *a, const void *b)
{
	const struct hunk *x = a, *y = b;

	return (x->old_start > y->old_start) - (x->old_start < y->old_start);
}

static bool parse_hunk(char *line, struct hunk *h)
{
	unsigned long v[4];
	char *p = line, *end;
	int i;

	for (i = 0; i < 4; i++) {
		errno = 0;
		v[i] = strtoul(p, &end, 10);
		if (end == p || errno)
			return false;
		p = end;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p)
		return false;
	h->old_start = v[0];
	h->old_count = v[1];
	h->new_start = v[2];
	h->new_count = v[3];
	return true;
}

int linemap_load(struct linemap *m, const char *path)
{
	size_t size, lineno = 0;
	char *buf, *line, *cursor;

	buf = (char *)read_whole_file(path, MAX_MAP_SIZE, &size);
	if (!buf)
		return -1;
	m->hunks = calloc(count_lines(buf), sizeof(*m->hunks));
	if (!m->hunks) {
		cdo_err(path, "out of memory");
		free(buf);
		return -1;
	}
	m->nhunks = 0;
	cursor = buf;
	while ((line = next_line(&cursor))) {
		lineno++;
		if (!*line)
			continue;
		if (!parse_hunk(line, &m->hunks[m->nhunks])) {
			cdo_err(path, "line %zu: want OLD_START OLD_COUNT NEW_START NEW_COUNT, got '%s'",
				lineno, line);
			free(buf);
			linemap_free(m);
			return -1;
		}
		m->nhunks++;
	}
	free(buf);
	qsort(m->hunks, m->nhunks, sizeof(*m->hunks), by_old_start);
	m->loaded = true;
	return 0;
}

void linemap_free(struct linemap *m)
{
	free(m->hunks);
	m->hunks = NULL;
	m->nhunks = 0;
	m->loaded = false;
}

bool linemap_moved(const struct linemap *m, unsigned long old_line,
		   unsigned long new_line)
{
	long delta = 0;
	size_t i;

	if (!m->loaded || !old_line)
		return false;
	for (i = 0; i < m->nhunks; i++) {
		const struct hunk *h = &m->hunks[i];

		/*
		 * A hunk that only adds lines (OLD_COUNT 0) adds them after
		 * OLD_START; one that changes lines covers them, from
		 * OLD_START on.
		 */
		if (h->old_count == 0 ? old_line <= h->old_start :
					old_line < h->old_start)
			break;
		if (h->old_count && old_line < h->old_start + h->old_count)
			return false;	/* changed or removed by the patch */
		delta += (long)h->new_count - (long)h->old_count;
	}
	return (long)old_line + delta > 0 &&
	       (unsigned long)((long)old_line + delta) == new_line;
}
