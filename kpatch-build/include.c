// SPDX-License-Identifier: GPL-2.0
/*
 * Inclusion: the transitive closure from the changed functions over
 * relocations.  A worklist, not recursion, so that a long chain of new
 * functions can't exhaust the stack.
 */
#include <stdlib.h>
#include <string.h>

#include "cdo.h"
#include "include.h"
#include "log.h"
#include "metadata.h"

struct work {
	struct symbol **items;
	size_t n, cap;
};

/* The closure runs once per include call; each call has its own list. */
static int push(struct work *w, struct symbol *s)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		struct symbol **n = realloc(w->items, cap * sizeof(*n));

		if (!n)
			return -1;
		w->items = n;
		w->cap = cap;
	}
	w->items[w->n++] = s;
	return 0;
}

/* Symbols read-only by nature, that a patch may as well carry a copy of. */
static bool is_copy_symbol(const struct symbol *s)
{
	if (!s->sec)
		return false;
	if (s->sec->kind == K_COPY)
		return true;
	/* Without -fdata-sections these sit in .rodata with other data. */
	return s->type == STT_OBJECT &&
	       (!strncmp(s->name, "__func__.", 9) ||
		!strncmp(s->name, "_entry.", 7) ||
		!strncmp(s->name, "__UNIQUE_ID_ddebug", 18));
}

/* Includes a whole section (strings, anonymous constants, aux code). */
static int include_section(struct cdo *c, struct section *sec)
{
	size_t i;

	if (sec->include)
		return 0;
	sec->include = true;
	cdo_dbg("including section %s", sec->name);
	/* Anonymous sections may still point at things. */
	for (i = 0; i < sec->nsyms; i++)
		if (include_symbol(c, sec->syms[i]))
			return -1;
	for (i = 0; i < sec->nrelas; i++) {
		struct symbol *t = sec->relas[i].sym;

		if (t->sec && t->sec->kind == K_STRINGS &&
		    include_section(c, t->sec))
			return -1;
	}
	return 0;
}

/*
 * Whether the target of a relocation from included code must come along.
 * Sets *whole when the target is an anonymous part of a section that is
 * copied as a whole.
 */
static struct symbol *needed(const struct rela *r, struct section **whole)
{
	struct symbol *s = r->sym;
	enum kind k;

	*whole = NULL;
	if (!s->sec || s->sec->ignore)
		return NULL;
	k = s->sec->kind;
	/* Nothing is copied out of sections the output drops or rebuilds. */
	if (k == K_IGNORE || k == K_SPECIAL || k == K_KPATCH)
		return NULL;
	/*
	 * A string or merged constant (.rodata.cst2) the patch uses is part
	 * of it, whatever names it: the section symbol, or a .LCn label that
	 * the parent doesn't list (or lists for another constant: ld -r
	 * keeps .L names, and they are renumbered between builds).
	 */
	if (k == K_STRINGS) {
		*whole = s->sec;
		return NULL;
	}
	if (s->type == STT_SECTION) {
		struct section *sec = s->sec;

		s = kelf_rela_object(r);
		if (!s) {
			/* Constants and aux code without symbols. */
			if (k == K_RODATA || k == K_COPY ||
			    (k == K_TEXT && !sec->nsyms))
				*whole = sec;
			return NULL;
		}
	}
	if (s->include || !s->sec)
		return NULL;
	if (is_copy_symbol(s))
		return s;
	switch (k) {
	case K_TEXT:
		return s->type == STT_FUNC && s->status == ST_NEW ? s : NULL;
	case K_DATA:
		return s->status == ST_NEW ? s : NULL;
	case K_RODATA:
		return s->status == ST_NEW || s->status == ST_CHANGED ? s :
									NULL;
	default:
		return NULL;
	}
}

static int visit(struct cdo *c, struct work *w, struct symbol *s)
{
	struct rela *r;
	size_t n, i;

	if (s->sec->sym == s) {
		s->sec->include = true;
		r = s->sec->relas;
		n = s->sec->nrelas;
	} else {
		r = kelf_relas_in(s->sec, s->sym.st_value,
				  s->sym.st_value + s->sym.st_size, &n);
	}
	for (i = 0; i < n; i++) {
		struct section *whole;
		struct symbol *t = needed(&r[i], &whole);

		if (whole && include_section(c, whole))
			return -1;
		if (t) {
			t->include = true;
			cdo_dbg("including %s, used by %s", t->name, s->name);
			if (push(w, t))
				return -1;
		}
	}
	return 0;
}

int include_target(struct cdo *c, const struct rela *r)
{
	struct section *whole;
	struct symbol *t = needed(r, &whole);

	if (whole && include_section(c, whole))
		return -1;
	return t ? include_symbol(c, t) : 0;
}

int include_symbol(struct cdo *c, struct symbol *s)
{
	struct work w = { 0 };
	int ret = 0;

	if (!s->sec)
		return 0;
	s->include = true;
	if (push(&w, s)) {
		cdo_err(c->patched->path, "out of memory");
		return -1;
	}
	while (w.n && !ret) {
		struct symbol *t = w.items[--w.n];

		ret = visit(c, &w, t);
	}
	if (ret)
		cdo_err(c->patched->path, "out of memory while including %s",
			s->name);
	free(w.items);
	return ret;
}

/* The .cold parts of included functions, until none is left out. */
static int include_cold_parts(struct cdo *c)
{
	bool more = true;

	while (more) {
		size_t i;

		more = false;
		for (i = 1; i < c->patched->nsyms; i++) {
			struct symbol *s = &c->patched->syms[i];

			if (s->whole && s->whole->include && !s->include) {
				if (include_symbol(c, s))
					return -1;
				more = true;
			}
		}
	}
	return 0;
}

/* Hook and callback functions from kpatch-macros.h are seeds too. */
static int include_hooks(struct cdo *c)
{
	size_t i, j;

	for (i = 1; i < c->patched->nsecs; i++) {
		struct section *sec = &c->patched->secs[i];

		if (!is_hook_section(sec->name))
			continue;
		c->hooks = true;
		for (j = 0; j < sec->nrelas; j++) {
			struct symbol *t = sec->relas[j].sym;

			if (t->type == STT_SECTION && t->sec && t->sec->sym)
				t = t->sec->sym;
			if (t->sec && t->sec->kind == K_TEXT &&
			    include_symbol(c, t))
				return -1;
		}
	}
	return 0;
}

int include_changed_code(struct cdo *c)
{
	size_t i;

	for (i = 1; i < c->patched->nsyms; i++) {
		struct symbol *f = &c->patched->syms[i];

		if (is_replaced_function(f) && include_symbol(c, f))
			return -1;
		if (is_new_global(f)) {
			cdo_dbg("new global %s", f->name);
			c->nglobals++;
			if (include_symbol(c, f))
				return -1;
		}
	}
	if (include_hooks(c) || include_cold_parts(c))
		return -1;
	for (i = 1; i < c->patched->nsyms; i++) {
		struct symbol *s = &c->patched->syms[i];

		if (s->include && s->status == ST_NEW)
			c->nnew++;
	}
	return 0;
}
