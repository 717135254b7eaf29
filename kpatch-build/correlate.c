// SPDX-License-Identifier: GPL-2.0
/*
 * Correlation: pairing each symbol and section of the patched object with
 * its twin in the original.  GCC renames things between two builds of the
 * same file: clones get new numbers (foo.isra.0 -> foo.isra.1), static
 * locals and __func__ get new numeric suffixes (__key.12 -> __key.14),
 * and __UNIQUE_ID_ names carry a counter.  So correlate() pairs, in
 * this order: names without such numbers, exactly; numbered names
 * through twinned code that references them; names with the numbers
 * stripped, where that is unambiguous; and last, numbered names exactly.
 * Sections follow their bundled symbols, or pair by name.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cdo.h"
#include "log.h"

/*
 * The name without its build-specific numbers: every ".<digits>"
 * component is dropped, and the counter after __UNIQUE_ID_.  Writes into
 * out (size len).  Returns false when the name has no numbers.
 */
static bool normalize(const char *name, char *out, size_t len)
{
	const char *p = name;
	size_t o = 0;
	bool changed = false;

	if (!len)
		return false;
	while (*p && o + 1 < len) {
		if (*p == '.' && isdigit((unsigned char)p[1])) {
			const char *q = p + 1;

			while (isdigit((unsigned char)*q))
				q++;
			if (*q == '\0' || *q == '.') {
				out[o++] = '.';
				p = q;
				changed = true;
				continue;
			}
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
	/* __UNIQUE_ID_ddebug12.3 -> __UNIQUE_ID_ddebug. */
	if (!strncmp(name, "__UNIQUE_ID_", 12)) {
		char *dot = strchr(out + 12, '.');
		size_t end = dot ? (size_t)(dot - out) : o, start = end;

		while (start > 12 && isdigit((unsigned char)out[start - 1]))
			start--;
		if (start < end) {
			memmove(out + start, out + end, o - end + 1);
			changed = true;
		}
	}
	return changed;
}

static bool correlatable(const struct symbol *s)
{
	return s->index && s->type != STT_SECTION && s->type != STT_FILE &&
	       *s->name;
}

static bool compatible(const struct symbol *a, const struct symbol *b)
{
	if (a->type != b->type || !a->sec != !b->sec)
		return false;
	/* A local and a global of one name are different symbols. */
	if ((a->bind == STB_LOCAL) != (b->bind == STB_LOCAL))
		return false;
	/* So are two locals of two files of a composite object. */
	return a->bind != STB_LOCAL || a->file == b->file;
}

static void twin(struct symbol *a, struct symbol *b)
{
	a->twin = b;
	b->twin = a;
}

/* The only untwinned compatible symbol named name in k, or NULL. */
static struct symbol *unique_match(const struct kelf *k, const char *name,
				   const struct symbol *like)
{
	struct symbol *s, *found = NULL;

	for (s = kelf_find_symbol(k, name); s; s = kelf_next_symbol(s)) {
		if (!correlatable(s) || !compatible(s, like))
			continue;
		if (found)
			return NULL;
		found = s;
	}
	return found && !found->twin ? found : NULL;
}

/*
 * Exact names first, but only where GCC's numbering can't mislead: with
 * numbered names (numbered == true), __key.3 in both objects may well be
 * two different variables, so those wait until the references spoke.
 */
static void match_exact(struct cdo *c, bool numbered)
{
	char buf[512];
	size_t i;

	for (i = 1; i < c->patched->nsyms; i++) {
		struct symbol *p = &c->patched->syms[i], *o;

		if (!correlatable(p) || p->twin ||
		    normalize(p->name, buf, sizeof(buf)) != numbered)
			continue;
		/* Both sides must hold exactly one, or it's ambiguous. */
		o = unique_match(c->orig, p->name, p);
		if (o && unique_match(c->patched, p->name, o) == p)
			twin(o, p);
	}
}

struct normsym {
	struct hnode hn;
	struct symbol *sym;
	char name[];
};

struct normtab {
	struct htab h;
	struct normsym **nodes;
	size_t n;
};

static void normtab_free(struct normtab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->nodes[i]);
	free(t->nodes);
	htab_free(&t->h);
}

/* The untwinned symbols of k, by normalized name. */
static int normtab_build(struct normtab *t, const struct kelf *k)
{
	char buf[512];
	size_t i;

	memset(t, 0, sizeof(*t));
	t->nodes = calloc(k->nsyms, sizeof(*t->nodes));
	if (!t->nodes || htab_init(&t->h, k->nsyms))
		goto oom;
	for (i = 1; i < k->nsyms; i++) {
		struct symbol *s = &k->syms[i];
		struct normsym *ns;

		if (!correlatable(s) || s->twin)
			continue;
		normalize(s->name, buf, sizeof(buf));
		ns = malloc(sizeof(*ns) + strlen(buf) + 1);
		if (!ns)
			goto oom;
		strcpy(ns->name, buf);
		ns->sym = s;
		t->nodes[t->n++] = ns;
		htab_add(&t->h, &ns->hn, ns->name);
	}
	return 0;
oom:
	normtab_free(t);
	cdo_err(k->path, "out of memory");
	return -1;
}

/* The one untwinned symbol compatible with like under name, or NULL. */
static struct symbol *normtab_unique(const struct normtab *t,
				     const char *name,
				     const struct symbol *like)
{
	struct symbol *found = NULL;
	struct hnode *hn;

	for (hn = htab_find(&t->h, name); hn; hn = htab_next(hn)) {
		struct normsym *ns = container_of(hn, struct normsym, hn);

		if (ns->sym->twin || !compatible(ns->sym, like))
			continue;
		if (found)
			return NULL;
		found = ns->sym;
	}
	return found;
}

/* Pairs the leftovers whose normalized names are unique on both sides. */
static int match_normalized(struct cdo *c)
{
	struct normtab ot, pt;
	size_t i;

	if (normtab_build(&ot, c->orig))
		return -1;
	if (normtab_build(&pt, c->patched)) {
		normtab_free(&ot);
		return -1;
	}
	for (i = 0; i < pt.n; i++) {
		struct symbol *p = pt.nodes[i]->sym, *o;

		if (p->twin)
			continue;
		o = normtab_unique(&ot, pt.nodes[i]->name, p);
		if (o && normtab_unique(&pt, pt.nodes[i]->name, o) == p)
			twin(o, p);
	}
	normtab_free(&ot);
	normtab_free(&pt);
	return 0;
}

static bool same_normalized(const char *a, const char *b)
{
	char na[512], nb[512];

	normalize(a, na, sizeof(na));
	normalize(b, nb, sizeof(nb));
	return !strcmp(na, nb);
}

/* What a relocation means: an object, or else its section symbol. */
static struct symbol *rela_symbol(const struct rela *r)
{
	struct symbol *s = kelf_rela_object(r);

	return s ? s : r->sym;
}

/*
 * What is still ambiguous (three __key.N in one object) is paired through
 * its users: when twinned code has the same relocations in the same
 * places, their targets are twins too.  Repeats while that finds more,
 * since a newly twinned function can tell about its own statics.
 */
static void match_by_reference(struct cdo *c)
{
	bool progress = true;
	int rounds = 0;

	while (progress && rounds++ < 4) {
		size_t i, j;

		progress = false;
		for (i = 1; i < c->patched->nsyms; i++) {
			struct symbol *p = &c->patched->syms[i], *o = p->twin;
			struct section *ps, *os;

			if (!o || !p->sec || !o->sec || p->sec->sym != p ||
			    o->sec->sym != o)
				continue;
			ps = p->sec;
			os = o->sec;
			if (ps->nrelas != os->nrelas)
				continue;
			for (j = 0; j < ps->nrelas; j++) {
				struct symbol *pt = rela_symbol(&ps->relas[j]);
				struct symbol *ot = rela_symbol(&os->relas[j]);

				if (ps->relas[j].offset != os->relas[j].offset)
					break;
				if (pt->twin || ot->twin || !correlatable(pt) ||
				    !correlatable(ot) || !compatible(pt, ot) ||
				    !same_normalized(pt->name, ot->name))
					continue;
				twin(ot, pt);
				progress = true;
			}
		}
	}
}

static void twin_sections(struct section *o, struct section *p)
{
	o->twin = p;
	p->twin = o;
	if (o->secsym && p->secsym) {
		o->secsym->twin = p->secsym;
		p->secsym->twin = o->secsym;
	}
}

/*
 * Sections follow their bundled symbols (.text.foo.isra.0 follows
 * foo.isra.0); the others pair by name.
 */
static void match_sections(struct cdo *c)
{
	size_t i;

	for (i = 1; i < c->patched->nsecs; i++) {
		struct section *p = &c->patched->secs[i], *o;

		/* The shell of a cut section has nothing left to pair. */
		if (p->sh.sh_type == SHT_RELA || p->pieces)
			continue;
		if (p->sym) {
			struct symbol *os = p->sym->twin;

			if (os && os->sec && os->sec->sym == os &&
			    !os->sec->twin)
				twin_sections(os->sec, p);
			continue;
		}
		/*
		 * A piece of a cut section that still holds several functions
		 * (kelf-split.c) shares its name with the other pieces: it
		 * follows its first function instead.
		 */
		if (p->from) {
			struct symbol *os = p->nsyms ? p->syms[0]->twin : NULL;

			if (os && os->sec && os->sec->from && !os->sec->sym &&
			    !os->sec->twin)
				twin_sections(os->sec, p);
			continue;
		}
		o = kelf_find_section(c->orig, p->name);
		if (o && !o->twin && !o->sym && o->sh.sh_type == p->sh.sh_type)
			twin_sections(o, p);
	}
	for (i = 1; i < c->patched->nsecs; i++) {
		struct section *p = &c->patched->secs[i];

		if (p->base && p->base->twin && p->base->twin->rela)
			twin_sections(p->base->twin->rela, p);
	}
}

/* The STT_FILE symbol after s (or the first, for NULL), or NULL. */
static const struct symbol *next_file(const struct kelf *k,
				      const struct symbol *s)
{
	size_t i;

	for (i = s ? s->index + 1 : 1; i < k->nsyms; i++)
		if (k->syms[i].type == STT_FILE)
			return &k->syms[i];
	return NULL;
}

/*
 * Both objects come from the same sources: the same STT_FILE symbols in
 * the same order (several for a composite object, linked with ld -r).
 */
static int same_files(const struct cdo *c)
{
	const struct symbol *of = next_file(c->orig, NULL);
	const struct symbol *pf = next_file(c->patched, NULL);

	if (!of || !pf) {
		cdo_err(of ? c->patched->path : c->orig->path,
			"no STT_FILE symbol: can't tie local symbols to the parent");
		return -1;
	}
	for (; of && pf; of = next_file(c->orig, of),
	     pf = next_file(c->patched, pf))
		if (strcmp(of->name, pf->name))
			break;
	if (of || pf) {
		cdo_err(c->patched->path,
			"built from %s, but the original object from %s: not the same source",
			pf ? pf->name : "fewer files", of ? of->name : "fewer files");
		return -1;
	}
	return 0;
}

int correlate(struct cdo *c)
{
	if (same_files(c))
		return -1;
	match_exact(c, false);
	match_by_reference(c);
	if (match_normalized(c))
		return -1;
	match_exact(c, true);
	match_sections(c);
	return 0;
}
