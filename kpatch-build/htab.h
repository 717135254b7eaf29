/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A chained hash table keyed by string, with the node embedded in the
 * element (sections, symbols, parent entries).  Kernel objects have tens
 * of thousands of symbols and vmlinux listings hundreds of thousands, so
 * every lookup by name must be O(1): no linear scans.
 *
 * Several elements may share a key (local symbols of the same name); a
 * lookup walks them all with htab_next().
 */
#ifndef CDO_HTAB_H
#define CDO_HTAB_H

#include <stddef.h>
#include <stdint.h>

struct hnode {
	struct hnode *next;
	const char *key;
	uint32_t hash;
};

struct htab {
	struct hnode **buckets;
	size_t nbuckets;	/* a power of two */
};

/* Sizes the table for about n elements.  Returns -1 when out of memory. */
int htab_init(struct htab *h, size_t n);
void htab_free(struct htab *h);
/* Adds without checking for duplicates: the table never grows. */
void htab_add(struct htab *h, struct hnode *n, const char *key);
struct hnode *htab_find(const struct htab *h, const char *key);
/* The next element after n with the same key, or NULL. */
struct hnode *htab_next(const struct hnode *n);

#define container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

#endif
