// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "strtab.h"

struct strnode {
	struct hnode hn;
	struct strnode *next;
	size_t off;
	char s[];
};

int strtab_init(struct strtab *t)
{
	memset(t, 0, sizeof(*t));
	if (htab_init(&t->dedup, 1024))
		return -1;
	/* Offset 0 is the empty string, as ELF string tables want. */
	return strtab_add(t, "") == (size_t)-1 ? -1 : 0;
}

size_t strtab_add(struct strtab *t, const char *s)
{
	size_t len = strlen(s) + 1, off;
	struct strnode *n;
	struct hnode *h;

	h = htab_find(&t->dedup, s);
	if (h)
		return container_of(h, struct strnode, hn)->off;
	if (t->len + len > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4096;
		char *d;

		while (cap < t->len + len)
			cap *= 2;
		d = realloc(t->data, cap);
		if (!d)
			return (size_t)-1;
		t->data = d;
		t->cap = cap;
	}
	n = malloc(sizeof(*n) + len);
	if (!n)
		return (size_t)-1;
	off = t->len;
	memcpy(t->data + off, s, len);
	t->len += len;
	memcpy(n->s, s, len);
	n->off = off;
	n->next = t->nodes;
	t->nodes = n;
	htab_add(&t->dedup, &n->hn, n->s);
	return off;
}

void strtab_free(struct strtab *t)
{
	while (t->nodes) {
		struct strnode *n = t->nodes;

		t->nodes = n->next;
		free(n);
	}
	htab_free(&t->dedup);
	free(t->data);
	t->data = NULL;
}
