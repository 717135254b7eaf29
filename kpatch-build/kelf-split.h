/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cutting text sections of several functions into one section per
 * function, for kelf_open(): see kelf-split.c.
 */
#ifndef CDO_KELF_SPLIT_H
#define CDO_KELF_SPLIT_H

#include "kelf.h"

/*
 * Cuts every text section that holds several functions, or one function
 * it isn't named after, where that is sound; sets sec->unsplit where it
 * isn't.  Runs on a fully read model, before .cold parts are linked.
 * Returns 0, or -1 after printing an error (out of memory).
 */
int kelf_split_text(struct kelf *k);

#endif
