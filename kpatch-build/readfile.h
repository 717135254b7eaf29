/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a whole input file into memory: the objects, the parent's
 * listing and Module.symvers.
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

#endif
