// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "readfile.h"

/* The first buffer: the whole file when its size is known. */
static size_t first_capacity(int fd)
{
	struct stat st;

	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size > 0)
		return (size_t)st.st_size + 1;
	return 65536;
}

unsigned char *read_whole_file(const char *path, size_t max, size_t *sizep)
{
	unsigned char *buf = NULL;
	size_t size = 0, cap;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		cdo_err(path, "can't open: %s", strerror(errno));
		return NULL;
	}
	cap = first_capacity(fd);
	for (;;) {
		ssize_t n;

		if (size + 1 >= cap || !buf) {
			unsigned char *nb;

			if (buf)
				cap *= 2;
			nb = realloc(buf, cap);
			if (!nb) {
				cdo_err(path, "out of memory");
				goto fail;
			}
			buf = nb;
		}
		n = read(fd, buf + size, cap - 1 - size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			cdo_err(path, "read error: %s", strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		size += (size_t)n;
		if (size > max) {
			cdo_err(path, "larger than %zu bytes: not an input create-diff-object can take",
				max);
			goto fail;
		}
	}
	close(fd);
	buf[size] = '\0';
	*sizep = size;
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
}

size_t count_lines(const char *text)
{
	size_t n = 1;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

char *next_line(char **cursor)
{
	char *line = *cursor, *nl;

	if (!*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*cursor = nl + 1;
	} else {
		*cursor = line + strlen(line);
	}
	return line;
}
