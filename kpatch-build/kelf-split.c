// SPDX-License-Identifier: GPL-2.0
/*
 * One function per section, also where GCC keeps several in one: a
 * section attribute (__sched in .sched.text, __ref in .ref.text,
 * noinstr, __kprobes, __cpuidle, __lockfunc) wins over
 * -ffunction-sections, and code built without that flag has all of its
 * functions in .text.  Such a section is cut into pieces at its function
 * symbols when the object is read, so that every later stage sees what
 * it sees for .text.foo: one function, its relocations, its own section.
 *
 * Cutting is only sound when every reference between two pieces goes
 * through a relocation.  The assembler resolves a branch or a RIP-relative
 * operand whose target is a local symbol in the same section without
 * one (schedule() calling the static __schedule() is a bare "call rel32"),
 * so the bytes are decoded (insn.c) and each such reference becomes the
 * relocation the assembler would have written for a target elsewhere.
 * Where that can't be done (a short jump to another function, code that
 * doesn't decode, functions that overlap), the section stays whole and
 * compare.c says why when one of its functions changed.
 *
 * A piece keeps the section's name, so the output places the function in
 * a section of the same name (.kprobes.text and .noinstr.text keep the
 * module's functions on the kprobes blacklist).  References into the cut
 * section ("section + offset", from any section) are rewritten as
 * "function + offset" against the piece they land in.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "insn.h"
#include "kelf.h"
#include "kelf-split.h"
#include "log.h"

/* How one section is to be cut, decided before anything is changed. */
struct cut {
	size_t sec;		/* its index */
	GElf_Addr *starts;	/* piece i is [starts[i], starts[i + 1]) */
	struct symbol **primary;	/* the function each piece is named for */
	size_t n;
	struct rela *extra;	/* the references the assembler resolved */
	size_t nextra;
};

static void cut_free(struct cut *c)
{
	free(c->starts);
	free(c->primary);
	free(c->extra);
}

static GElf_Addr piece_end(const struct section *sec, const struct cut *c,
			   size_t i)
{
	return i + 1 < c->n ? c->starts[i + 1] : sec->size;
}

/* The piece that holds off; off past the end belongs to the last. */
static size_t piece_of(const struct cut *c, GElf_Sxword off)
{
	size_t lo = 1, hi = c->n;

	if (off <= 0)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->starts[mid] <= (GElf_Addr)off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - 1;
}

static void cannot_cut(struct section *sec, const char *why, GElf_Addr at)
{
	sec->unsplit = why;
	sec->unsplit_at = at;
}

/* Is s the prefix of the function that starts at v? */
static bool prefixes(const struct symbol *s, GElf_Addr v)
{
	return is_prefix_symbol(s) && s->sym.st_value + s->sym.st_size == v;
}

/*
 * Piece boundaries: every distinct function start, except that a prefix
 * symbol (__pfx_foo) and the function right behind it stay together.
 * Returns false, with the reason set, when the section holds data or
 * functions that overlap; without a reason when out of memory.
 */
static bool plan_pieces(struct section *sec, struct cut *c)
{
	GElf_Addr end = 0;
	size_t i;

	c->starts = calloc(sec->nsyms, sizeof(*c->starts));
	c->primary = calloc(sec->nsyms, sizeof(*c->primary));
	if (!c->starts || !c->primary)
		return false;
	c->starts[0] = 0;
	c->n = 1;
	for (i = 0; i < sec->nsyms; i++) {
		struct symbol *s = sec->syms[i];
		GElf_Addr v = s->sym.st_value;

		if (s->type != STT_FUNC) {
			cannot_cut(sec, "it holds data objects too", v);
			return false;
		}
		/* Aliases share a start; anything else inside is overlap. */
		if (v < end && v != sec->syms[i - 1]->sym.st_value) {
			cannot_cut(sec, "two of its functions overlap", v);
			return false;
		}
		if (i && v > sec->syms[i - 1]->sym.st_value &&
		    !prefixes(sec->syms[i - 1], v))
			c->starts[c->n++] = v;
		/* The first function that is not a prefix names the piece. */
		if (!c->primary[c->n - 1] ||
		    (is_prefix_symbol(c->primary[c->n - 1]) &&
		     !is_prefix_symbol(s)))
			c->primary[c->n - 1] = s;
		if (v + s->sym.st_size > end)
			end = v + s->sym.st_size;
	}
	return true;
}

/* A reference the assembler resolved inside the section. */
struct bare {
	GElf_Addr field, end;	/* the field, and the end of its instruction */
	GElf_Sxword target;	/* in the section */
	bool branch, short_jump;
};

struct bares {
	struct bare *v;
	size_t n, cap;
};

static int add_bare(struct bares *b, const struct bare *x)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 16;
		struct bare *v = realloc(b->v, cap * sizeof(*v));

		if (!v)
			return -1;
		b->v = v;
		b->cap = cap;
	}
	b->v[b->n++] = *x;
	return 0;
}

/*
 * Decodes each piece's code and lists every PC-relative operand without
 * a relocation whose target lies in another piece.  Returns 1 when the
 * section can't be cut at all (reason set), 0 when it can, -1 when out
 * of memory.
 */
static int find_bare_references(struct section *sec, const struct cut *c,
				struct bares *out)
{
	size_t i, j = 0;

	for (i = 0; i < c->n; i++) {
		GElf_Addr ps = c->starts[i], pe = piece_end(sec, c, i);
		GElf_Addr code_end = ps, pos;

		/* Decode the functions, not the padding after the last one. */
		for (; j < sec->nsyms && sec->syms[j]->sym.st_value < pe; j++) {
			const struct symbol *s = sec->syms[j];
			GElf_Addr e = s->sym.st_size ? s->sym.st_value +
				s->sym.st_size : pe;

			if (e > code_end)
				code_end = e;
		}
		for (pos = ps; pos < code_end;) {
			struct insn in;
			struct bare b;
			GElf_Sxword disp;
			size_t nr;
			int32_t d32;

			if (insn_decode(sec->data + pos, code_end - pos, &in)) {
				cannot_cut(sec, "it holds bytes that don't decode as instructions", pos);
				return 1;
			}
			b.end = pos + in.len;
			b.field = pos + in.rel_at;
			pos = b.end;
			if (!in.rel_width)
				continue;
			kelf_relas_in(sec, b.field, b.field + in.rel_width, &nr);
			if (nr)
				continue;
			if (in.rel_width == 1) {
				disp = (int8_t)sec->data[b.field];
			} else {
				memcpy(&d32, sec->data + b.field, 4);
				disp = d32;
			}
			b.target = (GElf_Sxword)b.end + disp;
			if (b.target >= (GElf_Sxword)ps && b.target < (GElf_Sxword)pe)
				continue;
			if (b.target < 0 || b.target >= (GElf_Sxword)sec->size) {
				cannot_cut(sec, "an operand without a relocation points outside it", b.field);
				return 1;
			}
			b.branch = in.branch;
			b.short_jump = in.rel_width == 1;
			if (add_bare(out, &b))
				return -1;
		}
	}
	return 0;
}

/*
 * A short jump from one function to another (a tail call GCC made with
 * "jmp rel8") can't become a relocation: the pieces it spans stay one
 * piece, which holds several functions and can't be patched.
 */
static int join_short_jumps(struct section *sec, struct cut *c,
			    const struct bares *b)
{
	bool *joined;
	size_t i, n = 0;

	for (i = 0; i < b->n; i++)
		if (b->v[i].short_jump)
			n++;
	if (!n)
		return 0;
	/* joined[q]: piece q is glued to the one before it. */
	joined = calloc(c->n, sizeof(*joined));
	if (!joined)
		return -1;
	for (i = 0; i < b->n; i++) {
		size_t from, to, q;

		if (!b->v[i].short_jump)
			continue;
		from = piece_of(c, (GElf_Sxword)b->v[i].field);
		to = piece_of(c, b->v[i].target);
		if (from > to) {
			q = from;
			from = to;
			to = q;
		}
		for (q = from + 1; q <= to; q++)
			joined[q] = true;
	}
	for (i = 0, n = 0; i < c->n; i++) {
		if (i && joined[i]) {
			c->primary[n - 1] = NULL;
			continue;
		}
		c->starts[n] = c->starts[i];
		c->primary[n] = c->primary[i];
		n++;
	}
	c->n = n;
	free(joined);
	cannot_cut(sec, "a short jump goes from one of its functions to another", 0);
	for (i = 0; i < b->n; i++)
		if (b->v[i].short_jump) {
			sec->unsplit_at = b->v[i].field;
			break;
		}
	return 0;
}

/*
 * The symbol that "section + off" becomes "symbol + offset" of: the
 * function of the piece, or in a piece of several, the function at off.
 */
static struct symbol *anchor(const struct section *sec, const struct cut *c,
			     GElf_Sxword off)
{
	size_t q = piece_of(c, off), lo = 0, hi = sec->nsyms;

	if (c->primary[q])
		return c->primary[q];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((GElf_Sxword)sec->syms[mid]->sym.st_value <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return sec->syms[lo ? lo - 1 : 0];
}

/* The relocations the assembler would have written, in c->extra. */
static int make_extra(const struct section *sec, struct cut *c,
		      const struct bares *b)
{
	size_t i, n = 0;

	c->extra = calloc(b->n ? b->n : 1, sizeof(*c->extra));
	if (!c->extra)
		return -1;
	for (i = 0; i < b->n; i++) {
		const struct bare *x = &b->v[i];
		struct rela *r = &c->extra[n];

		/* Joined pieces made short jumps, and maybe more, internal. */
		if (piece_of(c, (GElf_Sxword)x->field) == piece_of(c, x->target))
			continue;
		r->offset = x->field;
		r->type = x->branch ? R_X86_64_PLT32 : R_X86_64_PC32;
		r->sym = anchor(sec, c, x->target);
		r->target = x->target - (GElf_Sxword)r->sym->sym.st_value;
		r->addend = r->target - (GElf_Sxword)(x->end - x->field);
		n++;
	}
	c->nextra = n;
	return 0;
}

static int cmp_rela(const void *a, const void *b)
{
	const struct rela *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/*
 * Room for n more sections.  Everything that points at a section is
 * moved along: symbols, relocation sections and their bases.  The name
 * table is rebuilt by the caller.
 */
static int grow_sections(struct kelf *k, size_t n)
{
	struct section *old = k->secs, *secs;
	size_t i;

	secs = calloc(k->nsecs + n, sizeof(*secs));
	if (!secs)
		return -1;
	memcpy(secs, old, k->nsecs * sizeof(*secs));
	for (i = 0; i < k->nsecs; i++) {
		if (old[i].rela)
			secs[i].rela = secs + (old[i].rela - old);
		if (old[i].base)
			secs[i].base = secs + (old[i].base - old);
	}
	for (i = 0; i < k->nsyms; i++)
		if (k->syms[i].sec)
			k->syms[i].sec = secs + (k->syms[i].sec - old);
	k->secs = secs;
	free(old);
	return 0;
}

/*
 * "Cut section + off" as "function + offset" in the piece at off.  Runs
 * before the symbols move, while their values are still offsets in the
 * cut section.
 */
static void retarget(struct cut *const *by_sec, struct rela *r)
{
	const struct cut *c;
	GElf_Sxword base;

	if (r->sym->type != STT_SECTION || !r->sym->sec)
		return;
	c = by_sec[r->sym->sec->index];
	if (!c)
		return;
	r->sym = anchor(r->sym->sec, c, r->target);
	base = (GElf_Sxword)r->sym->sym.st_value;
	r->addend -= base;
	r->target -= base;
}

/*
 * Makes the pieces of one section, at secs[first..].  The section itself
 * is left as an empty shell: ignored, without symbols or relocations.
 */
static int make_pieces(struct kelf *k, struct cut *c, size_t first)
{
	struct section *sec = &k->secs[c->sec];
	struct rela *all;
	size_t nall, i, j = 0, r = 0;

	/* The assembler leaves zeroes where a RELA relocation goes. */
	for (i = 0; i < c->nextra; i++)
		memset(sec->data + c->extra[i].offset, 0, 4);
	nall = sec->nrelas + c->nextra;
	all = malloc((nall ? nall : 1) * sizeof(*all));
	if (!all)
		return -1;
	if (sec->nrelas)
		memcpy(all, sec->relas, sec->nrelas * sizeof(*all));
	if (c->nextra)
		memcpy(all + sec->nrelas, c->extra, c->nextra * sizeof(*all));
	qsort(all, nall, sizeof(*all), cmp_rela);
	for (i = 0; i < c->n; i++) {
		struct section *p = &k->secs[first + i];
		GElf_Addr ps = c->starts[i], pe = piece_end(sec, c, i);
		size_t r0 = r, s0 = j;

		*p = *sec;
		memset(&p->hn, 0, sizeof(p->hn));
		p->index = first + i;
		p->sh.sh_size = pe - ps;
		p->sh.sh_offset += ps;
		p->data = sec->data + ps;
		p->size = pe - ps;
		p->rela = NULL;
		p->secsym = NULL;
		p->from = sec;
		p->from_off = ps;
		p->sym = c->primary[i];
		if (p->sym)
			p->unsplit = NULL;
		while (j < sec->nsyms && sec->syms[j]->sym.st_value < pe)
			j++;
		p->syms = sec->syms + s0;
		p->nsyms = j - s0;
		while (r < nall && all[r].offset < pe)
			r++;
		p->nrelas = r - r0;
		p->relas = NULL;
		if (p->nrelas) {
			p->relas = malloc(p->nrelas * sizeof(*p->relas));
			if (!p->relas) {
				free(all);
				return -1;
			}
			memcpy(p->relas, all + r0, p->nrelas * sizeof(*p->relas));
			for (size_t x = 0; x < p->nrelas; x++)
				p->relas[x].offset -= ps;
		}
	}
	free(all);
	/* Every symbol defined in the section moves to its piece. */
	for (i = 1; i < k->nsyms; i++) {
		struct symbol *s = &k->syms[i];
		size_t q;

		if (s->sec != sec || s->type == STT_SECTION)
			continue;
		q = piece_of(c, (GElf_Sxword)s->sym.st_value);
		s->sec = &k->secs[first + q];
		s->sym.st_value -= c->starts[q];
	}
	free(sec->relas);
	sec->relas = NULL;
	sec->nrelas = 0;
	sec->syms = NULL;
	sec->nsyms = 0;
	sec->pieces = &k->secs[first];
	sec->npieces = c->n;
	sec->ignore = true;
	return 0;
}

/* The name table again, after the sections moved: shells left out. */
static int index_names(struct kelf *k)
{
	size_t i;

	htab_free(&k->sec_names);
	if (htab_init(&k->sec_names, k->nsecs))
		return -1;
	for (i = 1; i < k->nsecs; i++)
		if (!k->secs[i].pieces)
			htab_add(&k->sec_names, &k->secs[i].hn, k->secs[i].name);
	return 0;
}

static bool wants_cut(const struct section *sec)
{
	return sec->sh.sh_type == SHT_PROGBITS &&
	       (sec->sh.sh_flags & SHF_EXECINSTR) && sec->data && !sec->sym &&
	       sec->nsyms &&
	       sec->kind != K_IGNORE;
}

/* Gives up cutting sec, whose reason is in sec->unsplit, and says why. */
static void keep_whole(const struct kelf *k, const struct section *sec,
		       struct cut *c)
{
	cdo_dbg("%s: section %s: kept whole: %s (at offset 0x%llx)", k->path,
		sec->name, sec->unsplit, (unsigned long long)sec->unsplit_at);
	cut_free(c);
	memset(c, 0, sizeof(*c));
}

int kelf_split_text(struct kelf *k)
{
	struct cut *cuts, **by_sec = NULL;
	struct bares bares = { 0 };
	size_t ncuts = 0, npieces = 0, i, j, first;
	int ret = -1;

	cuts = calloc(k->nsecs, sizeof(*cuts));
	if (!cuts)
		goto oom;
	for (i = 1; i < k->nsecs; i++) {
		struct section *sec = &k->secs[i];
		struct cut *c = &cuts[ncuts];
		int r;

		if (!wants_cut(sec))
			continue;
		c->sec = i;
		if (!plan_pieces(sec, c)) {
			if (!sec->unsplit)
				goto oom;
			keep_whole(k, sec, c);
			continue;
		}
		r = find_bare_references(sec, c, &bares);
		if (r == 0) {
			if (join_short_jumps(sec, c, &bares) ||
			    make_extra(sec, c, &bares))
				r = -1;
		}
		bares.n = 0;
		if (r < 0)
			goto oom;
		if (r > 0) {
			keep_whole(k, sec, c);
			continue;
		}
		cdo_dbg("%s: section %s: cut into %zu pieces, %zu bare references made relocations",
			k->path, sec->name, c->n, c->nextra);
		npieces += c->n;
		ncuts++;
	}
	if (!ncuts) {
		ret = 0;
		goto out;
	}
	by_sec = calloc(k->nsecs, sizeof(*by_sec));
	if (!by_sec || grow_sections(k, npieces))
		goto oom;
	for (i = 0; i < ncuts; i++)
		by_sec[cuts[i].sec] = &cuts[i];
	/* References from anywhere into a cut section follow the pieces. */
	for (i = 1; i < k->nsecs; i++)
		for (j = 0; j < k->secs[i].nrelas; j++)
			retarget(by_sec, &k->secs[i].relas[j]);
	first = k->nsecs;
	k->nsecs += npieces;
	for (i = 0; i < ncuts; i++) {
		if (make_pieces(k, &cuts[i], first))
			goto oom;
		first += cuts[i].n;
	}
	if (index_names(k))
		goto oom;
	ret = 0;
	goto out;
oom:
	cdo_err(k->path, "out of memory");
out:
	/* cuts[ncuts] may hold a plan that failed half-way. */
	for (i = 0; cuts && i <= ncuts; i++)
		cut_free(&cuts[i]);
	free(cuts);
	free(by_sec);
	free(bares.v);
	return ret;
}
