// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "htab.h"

/* FNV-1a: short, and good enough for symbol names. */
static uint32_t htab_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

int htab_init(struct htab *h, size_t n)
{
	size_t nb = 64;

	/* Keep the load factor at or below one so chains stay short. */
	while (nb < n && nb < ((size_t)1 << 30))
		nb <<= 1;
	h->buckets = calloc(nb, sizeof(*h->buckets));
	if (!h->buckets)
		return -1;
	h->nbuckets = nb;
	return 0;
}

void htab_free(struct htab *h)
{
	free(h->buckets);
	h->buckets = NULL;
	h->nbuckets = 0;
}

void htab_add(struct htab *h, struct hnode *n, const char *key)
{
	size_t b;

	n->key = key;
	n->hash = htab_hash(key);
	b = n->hash & (h->nbuckets - 1);
	n->next = h->buckets[b];
	h->buckets[b] = n;
}

static struct hnode *chain_find(struct hnode *n, const char *key,
				uint32_t hash)
{
	for (; n; n = n->next)
		if (n->hash == hash && !strcmp(n->key, key))
			return n;
	return NULL;
}

struct hnode *htab_find(const struct htab *h, const char *key)
{
	uint32_t hash;

	if (!h->nbuckets)
		return NULL;
	hash = htab_hash(key);
	return chain_find(h->buckets[hash & (h->nbuckets - 1)], key, hash);
}

struct hnode *htab_next(const struct hnode *n)
{
	return chain_find(n->next, n->key, n->hash);
}
