// SPDX-License-Identifier: GPL-2.0
/*
 * Building the output: sections from pieces of the patched object,
 * symbols (every included function and object local), relocations
 * resolved through resolve.c, dynrelas, and the .kpatch.* metadata whose
 * layout is kmod/patch/kpatch-patch.h (see doc/metadata-format.md).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cdo.h"
#include "log.h"
#include "mask.h"
#include "metadata.h"
#include "output.h"
#include "resolve.h"
#include "special.h"

/*
 * The layout doc/metadata-format.md gives, and kpatch.ko reads: pointer
 * fields become R_X86_64_64 relocations at these offsets.
 */
#define FIELD(type, member) offsetof(struct type, member)
_Static_assert(sizeof(struct kpatch_patch_func) == 88, "funcs layout");
_Static_assert(FIELD(kpatch_patch_func, new_addr) == 0, "funcs layout");
_Static_assert(FIELD(kpatch_patch_func, name) == 32, "funcs layout");
_Static_assert(FIELD(kpatch_patch_func, objname) == 40, "funcs layout");
_Static_assert(FIELD(kpatch_patch_func, digest) == 48, "funcs layout");
_Static_assert(FIELD(kpatch_patch_func, digest_len) == 56, "funcs layout");
_Static_assert(FIELD(kpatch_patch_func, masks) == 64, "funcs layout");
_Static_assert(FIELD(kpatch_patch_func, nr_masks) == 72, "funcs layout");
_Static_assert(FIELD(kpatch_patch_func, flags) == 80, "funcs layout");
_Static_assert(sizeof(struct kpatch_patch_mask) == 8, "masks layout");
_Static_assert(sizeof(struct kpatch_patch_mask) == sizeof(struct kpatch_mask),
	       "masks layout");
_Static_assert(FIELD(kpatch_patch_mask, offset) == 0, "masks layout");
_Static_assert(FIELD(kpatch_patch_mask, len) == 4, "masks layout");
_Static_assert(sizeof(struct kpatch_patch_dynrela) == 48, "dynrela layout");
_Static_assert(FIELD(kpatch_patch_dynrela, dest) == 0, "dynrela layout");
_Static_assert(FIELD(kpatch_patch_dynrela, name) == 24, "dynrela layout");
_Static_assert(FIELD(kpatch_patch_dynrela, objname) == 32, "dynrela layout");
_Static_assert(sizeof(struct kpatch_patch_hook) == 16, "hook layout");
_Static_assert(FIELD(kpatch_patch_hook, objname) == 8, "hook layout");

/* An undefined global of the output, found by name. */
struct gnode {
	struct hnode hn;
	struct gnode *next;
	size_t sym;
};

struct builder {
	struct cdo *c;
	struct out *o;
	size_t funcs, dynrelas, strings, masks;	/* their osec indices */
};

static int oom(struct builder *b)
{
	cdo_err(b->c->out_path, "out of memory");
	return -1;
}

static struct osec *new_osec(struct builder *b, const char *name,
			     struct section *src)
{
	struct osec *s = &b->o->secs[b->o->nsecs++];

	memset(s, 0, sizeof(*s));
	s->name = name;
	s->src = src;
	if (src) {
		s->sh.sh_type = src->sh.sh_type;
		s->sh.sh_flags = src->sh.sh_flags &
			~(GElf_Xword)(SHF_GROUP | SHF_INFO_LINK | SHF_LINK_ORDER);
		s->sh.sh_addralign = src->sh.sh_addralign;
		s->sh.sh_entsize = src->sh.sh_entsize;
		b->o->secmap[src->index] = b->o->nsecs;
	} else {
		s->sh.sh_type = SHT_PROGBITS;
		s->sh.sh_flags = SHF_ALLOC;
		s->sh.sh_addralign = 8;
	}
	return s;
}

static int add_piece(struct builder *b, struct osec *s, GElf_Addr src,
		     size_t len, size_t align)
{
	struct piece *p;
	size_t dst = s->size;

	/* Pieces arrive in address order; overlaps (aliases) merge. */
	if (s->npieces) {
		struct piece *last = &s->pieces[s->npieces - 1];

		if (src < last->src + last->len) {
			if (src + len > last->src + last->len) {
				size_t grow = src + len - (last->src + last->len);

				last->len += grow;
				s->size += grow;
			}
			return 0;
		}
		if (src == last->src + last->len &&
		    last->dst + last->len == s->size) {
			last->len += len;
			s->size += len;
			return 0;
		}
	}
	if (align > 1)
		dst = (dst + align - 1) & ~(align - 1);
	p = realloc(s->pieces, (s->npieces + 1) * sizeof(*p));
	if (!p)
		return oom(b);
	s->pieces = p;
	p[s->npieces].src = src;
	p[s->npieces].dst = dst;
	p[s->npieces].len = len;
	s->npieces++;
	s->size = dst + len;
	return 0;
}

/* The piece holding off (its end included), or NULL. */
static const struct piece *piece_at(const struct osec *s, GElf_Sxword off)
{
	size_t lo = 0, hi = s->npieces;

	if (off < 0)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->pieces[mid].src + s->pieces[mid].len < (GElf_Addr)off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->npieces && s->pieces[lo].src <= (GElf_Addr)off)
		return &s->pieces[lo];
	return NULL;
}

static int plan_entries(struct builder *b, struct section *sec,
			const bool *keep, size_t entsize, size_t n)
{
	struct osec *s = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		if (!s)
			s = new_osec(b, sec->name, sec);
		/* The last entry may lack its padding (special.c). */
		if (add_piece(b, s, i * entsize,
			      sec->size - i * entsize < entsize ?
			      sec->size - i * entsize : entsize, 1))
			return -1;
	}
	return 0;
}

/* .kpatch.force: the entries that name included functions. */
static int plan_force(struct builder *b, struct section *sec)
{
	bool *keep;
	size_t i, n = sec->size / 8;
	int ret;

	keep = calloc(n ? n : 1, sizeof(*keep));
	if (!keep)
		return oom(b);
	for (i = 0; i < sec->nrelas; i++) {
		struct symbol *t = sec->relas[i].sym;

		if (t->type == STT_SECTION && t->sec && t->sec->sym)
			t = t->sec->sym;
		if (t->include && sec->relas[i].offset / 8 < n)
			keep[sec->relas[i].offset / 8] = true;
	}
	ret = plan_entries(b, sec, keep, 8, n);
	free(keep);
	return ret;
}

static int plan_sections(struct builder *b)
{
	struct cdo *c = b->c;
	size_t i, j;

	for (i = 1; i < c->patched->nsecs; i++) {
		struct section *sec = &c->patched->secs[i];
		enum kind k = sec->kind;
		struct osec *s = NULL;

		if (sec->ignore || k == K_IGNORE)
			continue;
		if (k == K_SPECIAL) {
			size_t entsize, n;
			const bool *keep = special_kept(c, sec, &entsize, &n);

			if (keep && plan_entries(b, sec, keep, entsize, n))
				return -1;
			continue;
		}
		if (k == K_KPATCH) {
			if (!strcmp(sec->name, KPATCH_SEC_FORCE)) {
				if (plan_force(b, sec))
					return -1;
			} else if (is_hook_section(sec->name)) {
				s = new_osec(b, sec->name, sec);
				/*
				 * gcc aligns the 16-byte entries to 16, but
				 * kpatch.lds puts the start symbol at the
				 * next 8: after an odd number of 8-byte
				 * words (88-byte funcs entries), the linker
				 * would pad between symbol and entries.
				 */
				s->sh.sh_addralign = 8;
				if (add_piece(b, s, 0, sec->size, 1))
					return -1;
			}
			continue;
		}
		if (sec->include) {
			s = new_osec(b, sec->name, sec);
			if (add_piece(b, s, 0, sec->size, 1))
				return -1;
			continue;
		}
		for (j = 0; j < sec->nsyms; j++) {
			struct symbol *sym = sec->syms[j];

			if (!sym->include)
				continue;
			if (!s)
				s = new_osec(b, sec->name, sec);
			if (add_piece(b, s, sym->sym.st_value, sym->sym.st_size,
				      sec->sh.sh_addralign))
				return -1;
		}
	}
	return 0;
}

static size_t add_sym(struct builder *b, const char *name, unsigned char info,
		      size_t sec, GElf_Addr value, GElf_Xword size)
{
	struct out *o = b->o;
	struct osym *s;

	if (o->nsyms == o->symcap) {
		size_t cap = o->symcap ? o->symcap * 2 : 256;
		struct osym *n = realloc(o->syms, cap * sizeof(*n));

		if (!n)
			return 0;
		o->syms = n;
		o->symcap = cap;
	}
	s = &o->syms[o->nsyms];
	s->name = name;
	s->info = info;
	s->sec = sec;
	s->value = value;
	s->size = size;
	s->final = 0;
	return o->nsyms++;
}

static size_t global_sym(struct builder *b, const char *name)
{
	struct hnode *h = htab_find(&b->o->globals, name);
	struct gnode *g;

	if (h)
		return container_of(h, struct gnode, hn)->sym;
	g = malloc(sizeof(*g));
	if (!g)
		return 0;
	g->sym = add_sym(b, name, GELF_ST_INFO(STB_GLOBAL, STT_NOTYPE), 0, 0, 0);
	if (!g->sym) {
		free(g);
		return 0;
	}
	g->next = b->o->gnodes;
	b->o->gnodes = g;
	htab_add(&b->o->globals, &g->hn, name);
	return g->sym;
}

static int plan_symbols(struct builder *b)
{
	struct kelf *k = b->c->patched;
	size_t i;

	if (!add_sym(b, "", 0, 0, 0, 0) && b->o->nsyms != 1)
		return oom(b);
	for (i = 0; i < b->o->nsecs; i++) {
		b->o->secs[i].secsym = add_sym(b, "",
			GELF_ST_INFO(STB_LOCAL, STT_SECTION), i + 1, 0, 0);
		if (!b->o->secs[i].secsym)
			return oom(b);
	}
	for (i = 1; i < k->nsyms; i++) {
		struct symbol *s = &k->syms[i];
		const struct piece *p;
		struct osec *os;
		size_t idx;

		/*
		 * Not __pfx_foo: the padding stays in foo's section, but on
		 * 6.12 kbuild runs objtool --prefix over the linked patch
		 * module, which makes a __pfx_ symbol for every function
		 * behind padding, whether it has one or not (a new global's
		 * would then be defined twice).
		 */
		if ((s->type != STT_FUNC && s->type != STT_OBJECT) || !s->sec ||
		    !b->o->secmap[s->sec->index] || is_prefix_symbol(s))
			continue;
		os = &b->o->secs[b->o->secmap[s->sec->index] - 1];
		p = piece_at(os, (GElf_Sxword)s->sym.st_value);
		if (!p || s->sym.st_value + s->sym.st_size > p->src + p->len)
			continue;
		/* What the patch defines is its own: local, but new globals. */
		idx = add_sym(b, s->name,
			      GELF_ST_INFO(is_new_global(s) ? s->bind : STB_LOCAL,
					   s->type),
			      b->o->secmap[s->sec->index],
			      s->sym.st_value - p->src + p->dst, s->sym.st_size);
		if (!idx)
			return oom(b);
		b->o->symmap[i] = idx;
	}
	return 0;
}

static int add_rela(struct builder *b, struct osec *s, GElf_Addr off,
		    unsigned int type, size_t sym, GElf_Sxword addend)
{
	struct orela *r;

	if (s->nrelas == s->rcap) {
		size_t cap = s->rcap ? s->rcap * 2 : 16;

		r = realloc(s->relas, cap * sizeof(*r));
		if (!r)
			return oom(b);
		s->relas = r;
		s->rcap = cap;
	}
	r = &s->relas[s->nrelas++];
	r->offset = off;
	r->type = type;
	r->sym = sym;
	r->addend = addend;
	return 0;
}

/* An R_X86_64_64 to a string of .kpatch.strings, at off in s. */
static int add_string_ref(struct builder *b, struct osec *s, GElf_Addr off,
			  const char *str)
{
	size_t so = strtab_add(&b->o->kstrings, str);

	if (so == (size_t)-1)
		return oom(b);
	return add_rela(b, s, off, R_X86_64_64,
			b->o->secs[b->strings].secsym, (GElf_Sxword)so);
}

static int grow_synthetic(struct builder *b, struct osec *s, size_t more)
{
	unsigned char *d = realloc(s->data, s->size + more);

	if (!d)
		return oom(b);
	memset(d + s->size, 0, more);
	s->data = d;
	s->own_data = true;
	s->size += more;
	return 0;
}

static int add_dynrela(struct builder *b, struct osec *in, GElf_Addr off,
		       const struct rela *r, const struct resolved *res)
{
	struct osec *d = &b->o->secs[b->dynrelas];
	struct kpatch_patch_dynrela e = { 0 };
	GElf_Addr at = d->size;

	switch (r->type) {
	case R_X86_64_PC32: case R_X86_64_PLT32: case R_X86_64_32S:
	case R_X86_64_32: case R_X86_64_64: case R_X86_64_PC64:
		break;
	default:
		cdo_err(b->c->patched->path, "section %s: reference to %s: relocation type %u can't be a dynrela",
			in->name, res->name, r->type);
		return -1;
	}
	if (special_rewritten(b->c, in->src, r->offset, rela_width(r->type))) {
		cdo_err(b->c->patched->path, "section %s: reference to %s at 0x%llx: an alternative or paravirt patch rewrites that instruction while the module loads, and the dynrela would be written over it later",
			in->name, res->name, (unsigned long long)r->offset);
		return -1;
	}
	if (grow_synthetic(b, d, sizeof(e)))
		return -1;
	e.type = r->type;
	e.sympos = res->sympos;
	e.addend = res->addend;
	memcpy(d->data + at, &e, sizeof(e));
	cdo_dbg("dynrela: %s+0x%llx -> %s:%s,%lu%+lld", in->name,
		(unsigned long long)off, res->objname, res->name, res->sympos,
		(long long)res->addend);
	if (add_rela(b, d, at + FIELD(kpatch_patch_dynrela, dest), R_X86_64_64,
		     in->secsym, (GElf_Sxword)off) ||
	    add_string_ref(b, d, at + FIELD(kpatch_patch_dynrela, name),
			   res->name) ||
	    add_string_ref(b, d, at + FIELD(kpatch_patch_dynrela, objname),
			   res->objname))
		return -1;
	return 0;
}

static int translate(struct builder *b, struct osec *s, const struct rela *r,
		     GElf_Addr off)
{
	struct cdo *c = b->c;
	enum kind k = s->src->kind;
	struct resolved res;
	const struct piece *p;
	struct osec *ts;
	size_t sym;

	if (resolve(c, s->src, r, &res))
		return -1;
	switch (res.to) {
	case TO_OUTPUT_SYMBOL:
		sym = b->o->symmap[res.sym->index];
		/* A prefix symbol, left out: its section, at its offset. */
		ts = res.sym->sec && b->o->secmap[res.sym->sec->index] ?
			&b->o->secs[b->o->secmap[res.sym->sec->index] - 1] : NULL;
		p = ts ? piece_at(ts, (GElf_Sxword)res.sym->sym.st_value) : NULL;
		if (!sym && is_prefix_symbol(res.sym) && p)
			return add_rela(b, s, off, r->type, ts->secsym,
					res.addend + (GElf_Sxword)(res.sym->sym.st_value -
					p->src + p->dst));
		if (!sym) {
			cdo_err(c->patched->path, "section %s: %s is included but not in the output",
				s->name, res.sym->name);
			return -1;
		}
		return add_rela(b, s, off, r->type, sym, res.addend);
	case TO_OUTPUT_SECTION:
		/* Included, but maybe not output: ignored or dropped kinds. */
		ts = b->o->secmap[res.sec->index] ?
			&b->o->secs[b->o->secmap[res.sec->index] - 1] : NULL;
		p = ts ? piece_at(ts, res.addend) : NULL;
		if (ts && !p)
			p = piece_at(ts, res.target);
		if (!p) {
			cdo_err(c->patched->path, "section %s: reference to %s+0x%llx, which isn't in the output",
				s->name, res.sec->name,
				(unsigned long long)res.addend);
			return -1;
		}
		return add_rela(b, s, off, r->type, ts->secsym,
				res.addend + (GElf_Sxword)(p->dst - p->src));
	case TO_LOADER:
		sym = global_sym(b, res.name);
		if (!sym)
			return oom(b);
		return add_rela(b, s, off, r->type, sym, res.addend);
	case TO_DYNRELA:
		if ((k == K_SPECIAL &&
		     !special_key_dynrela(c, s->src, r->offset)) ||
		    k == K_KPATCH) {
			cdo_err(c->patched->path, "section %s: reference to %s would need a dynrela, but the kernel reads this section while loading the module, before dynrelas are written",
				s->name, res.name);
			return -1;
		}
		return add_dynrela(b, s, off, r, &res);
	}
	return -1;
}

static int build_section(struct builder *b, struct osec *s)
{
	struct section *src = s->src;
	size_t i, j;

	if (src->sh.sh_type != SHT_NOBITS && src->data) {
		if (s->npieces == 1 && s->pieces[0].src == 0 &&
		    s->pieces[0].len == src->size) {
			s->data = src->data;
		} else {
			s->data = calloc(1, s->size ? s->size : 1);
			if (!s->data)
				return oom(b);
			s->own_data = true;
			for (i = 0; i < s->npieces; i++)
				memcpy(s->data + s->pieces[i].dst,
				       src->data + s->pieces[i].src,
				       s->pieces[i].len);
		}
	}
	for (i = 0; i < s->npieces; i++) {
		const struct piece *p = &s->pieces[i];
		struct rela *r;
		size_t n;

		r = kelf_relas_in(src, p->src, p->src + p->len, &n);
		for (j = 0; j < n; j++) {
			if (r[j].offset + rela_width(r[j].type) > p->src + p->len)
				continue;
			if (translate(b, s, &r[j], r[j].offset - p->src + p->dst))
				return -1;
		}
	}
	/* Hooks of a module parent name it; NULL means vmlinux. */
	if (is_hook_section(s->name)) {
		if (!strcmp(b->c->parent_name, "vmlinux"))
			return 0;
		for (i = 0; i + sizeof(struct kpatch_patch_hook) <= s->size;
		     i += sizeof(struct kpatch_patch_hook))
			if (add_string_ref(b, s,
					   i + FIELD(kpatch_patch_hook, objname),
					   b->c->parent_name))
				return -1;
	}
	return 0;
}

/* Did the author write KPATCH_SKIP_CODE_CHECK(s)?  s: a patched symbol. */
static bool skip_code_check(const struct cdo *c, const struct symbol *s)
{
	const struct section *sec;
	size_t i;

	sec = kelf_find_section(c->patched, KPATCH_SEC_SKIP_CODE_CHECK);
	for (i = 0; sec && i < sec->nrelas; i++)
		if (kelf_rela_object(&sec->relas[i]) == s)
			return true;
	return false;
}

/*
 * The digest of the function that s replaces, from its twin in the
 * original object, and its masks into .kpatch.masks at entry at of f.
 * Writes no digest when the author skips the check, or when the original
 * object's function is not as long as the parent's (see
 * doc/metadata-format.md): then the flags say why.
 */
static int add_digest(struct builder *b, struct osec *f, GElf_Addr at,
		      const struct symbol *s, struct kpatch_patch_func *e)
{
	struct osec *m = &b->o->secs[b->masks];
	const struct symbol *t = s->twin;
	struct func_digest d;
	GElf_Addr mat = m->size;
	int ret = -1;

	if (!t) {
		cdo_err(b->c->patched->path, "function %s: no original to digest",
			s->name);
		return -1;
	}
	if (skip_code_check(b->c, s)) {
		cdo_dbg("function %s: KPATCH_SKIP_CODE_CHECK: no digest",
			s->name);
		e->flags |= KPATCH_FUNC_SKIP_CODE_CHECK;
		return 0;
	}
	if (t->sym.st_size != e->old_size) {
		cdo_err(b->c->orig->path, "warning: function %s: %llu bytes here but %lu in the parent's symbol listing %s (was the original built with -ffunction-sections, which keeps the assembler from shortening some jumps?): its code can't be compared, and the core will not check it",
			t->name, (unsigned long long)t->sym.st_size,
			e->old_size, b->c->parent->path);
		e->flags |= KPATCH_FUNC_SIZE_DIFFERS;
		return 0;
	}
	if (func_digest(b->c, t, &d))
		goto out;
	e->digest = d.digest;
	e->digest_len = d.len;
	e->nr_masks = d.nmasks;
	cdo_dbg("function %s: digest 0x%016llx over %zu bytes, %zu masks",
		t->name, d.digest, d.len, d.nmasks);
	if (!d.nmasks) {
		ret = 0;
		goto out;
	}
	if (grow_synthetic(b, m, d.nmasks * sizeof(*d.masks)))
		goto out;
	memcpy(m->data + mat, d.masks, d.nmasks * sizeof(*d.masks));
	ret = add_rela(b, f, at + FIELD(kpatch_patch_func, masks),
		       R_X86_64_64, m->secsym, (GElf_Sxword)mat);
out:
	func_digest_free(&d);
	return ret;
}

static int add_funcs(struct builder *b)
{
	struct cdo *c = b->c;
	struct osec *f = &b->o->secs[b->funcs];
	size_t i;

	for (i = 1; i < c->patched->nsyms; i++) {
		struct symbol *s = &c->patched->syms[i];
		struct kpatch_patch_func e = { 0 };
		const struct psym *ps;
		const char *name;
		GElf_Addr at = f->size;

		if (!is_replaced_function(s))
			continue;
		name = parent_name_of(s);
		if (s->bind == STB_LOCAL)
			ps = parent_find_local(c->parent, parent_file_of(c, s), name,
					       &e.sympos);
		else
			ps = parent_find_global(c->parent, name, &e.sympos);
		if (!ps) {
			cdo_err(c->patched->path, "function %s: not found in the parent's symbol listing %s",
				name, c->parent->path);
			return -1;
		}
		e.new_size = s->sym.st_size;
		e.old_size = ps->size;
		if (grow_synthetic(b, f, sizeof(e)) ||
		    add_digest(b, f, at, s, &e))
			return -1;
		memcpy(f->data + at, &e, sizeof(e));
		if (add_rela(b, f, at + FIELD(kpatch_patch_func, new_addr),
			     R_X86_64_64, b->o->symmap[i], 0) ||
		    add_string_ref(b, f, at + FIELD(kpatch_patch_func, name),
				   name) ||
		    add_string_ref(b, f, at + FIELD(kpatch_patch_func, objname),
				   c->parent_name))
			return -1;
	}
	return 0;
}

void out_free(struct out *o)
{
	size_t i;

	for (i = 0; i < o->nsecs; i++) {
		struct osec *s = &o->secs[i];

		if (s->own_data)
			free(s->data);
		free(s->pieces);
		free(s->relas);
	}
	while (o->gnodes) {
		struct gnode *g = o->gnodes;

		o->gnodes = g->next;
		free(g);
	}
	free(o->secs);
	free(o->syms);
	free(o->symmap);
	free(o->secmap);
	htab_free(&o->globals);
	strtab_free(&o->kstrings);
	memset(o, 0, sizeof(*o));
}

int build_output(struct cdo *c, struct out *o)
{
	struct builder b = { .c = c, .o = o };
	size_t i;

	memset(o, 0, sizeof(*o));
	o->secs = calloc(c->patched->nsecs + 5, sizeof(*o->secs));
	o->symmap = calloc(c->patched->nsyms, sizeof(*o->symmap));
	o->secmap = calloc(c->patched->nsecs, sizeof(*o->secmap));
	if (!o->secs || !o->symmap || !o->secmap ||
	    htab_init(&o->globals, 256) || strtab_init(&o->kstrings))
		return oom(&b);
	if (plan_sections(&b))
		return -1;
	b.funcs = o->nsecs;
	new_osec(&b, KPATCH_SEC_FUNCS, NULL);
	b.dynrelas = o->nsecs;
	new_osec(&b, KPATCH_SEC_DYNRELAS, NULL);
	b.strings = o->nsecs;
	new_osec(&b, KPATCH_SEC_STRINGS, NULL)->sh.sh_addralign = 1;
	b.masks = o->nsecs;
	new_osec(&b, KPATCH_SEC_MASKS, NULL)->sh.sh_addralign = 4;
	if (plan_symbols(&b))
		return -1;
	for (i = 0; i < o->nsecs; i++)
		if (o->secs[i].src && build_section(&b, &o->secs[i]))
			return -1;
	if (add_funcs(&b))
		return -1;
	/* Last: every string is in by now.  kstrings keeps the buffer. */
	o->secs[b.strings].data = (unsigned char *)o->kstrings.data;
	o->secs[b.strings].size = o->kstrings.len;
	return 0;
}
