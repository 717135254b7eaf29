/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a whole input file into memory: the objects, the parent's
 * listing and Module.symvers; and walking a text file's lines in place.
 */
#ifndef CDO_READFILE_H
#define CDO_READFILE_H

#include <stddef.h>

/*
 * The contents of path, NUL-terminated so that the text parsers may use
 * string functions on them, with the size (without the NUL) in *sizep.
 * Any readable file will do, /dev/null and pipes included.  Returns NULL
 * after printing why, naming the file, when it can't be read or holds
 * more than max bytes.  The caller frees the buffer.
 */
unsigned char *read_whole_file(const char *path, size_t max, size_t *sizep);

/*
 * How many lines a NUL-terminated text has at most: its newlines, plus
 * one for a last line that has none.  For sizing the arrays that the
 * parsers fill, one entry a line, before they walk the lines.
 */
size_t count_lines(const char *text);

/*
 * The line at *cursor, with its newline replaced by a NUL, *cursor moved
 * to the line after it; NULL at the end of the text.  The parsers keep
 * pointers into the buffer, so the lines are cut in place, not copied.
 */
char *next_line(char **cursor);

#endif
