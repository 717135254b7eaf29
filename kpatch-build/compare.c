// SPDX-License-Identifier: GPL-2.0
/*
 * Comparison: which functions and data changed, which are new, and which
 * changes can't be live-patched.  A function changed when its bytes or the
 * targets of its relocations changed; the numbers GCC gives renamed
 * symbols don't count, nor does where a string sits in its section, nor a
 * line number passed as an immediate (WARN, printk, might_sleep) where the
 * patch moved that line (linemap.h).  The
 * bug, jump and exception entries about a function are part of it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cdo.h"
#include "log.h"
#include "metadata.h"
#include "special.h"

/*
 * Do two relocations into mergeable sections read the same bytes?  Only
 * the bytes count: a string or constant moves to another function's
 * section (.rodata.foo.str1.1 to .rodata.bar.str1.1) when its first user
 * changes, and its .LCn label is renumbered when code before it gains a
 * constant (.LC5 is .LC10 now), so neither section nor label can be
 * twinned.
 */
static bool same_constant(const struct rela *a, const struct rela *b)
{
	const struct section *x = a->sym->sec, *y = b->sym->sec;
	const unsigned char *s, *t;
	size_t sl, tl;
	GElf_Sxword si, ti;

	if (is_string_section(x) != is_string_section(y) ||
	    x->sh.sh_entsize != y->sh.sh_entsize)
		return false;
	s = kelf_rela_constant(a, &sl, &si);
	t = kelf_rela_constant(b, &tl, &ti);
	return s && t && sl == tl && si == ti && !memcmp(s, t, sl) &&
	       a->addend - a->target == b->addend - b->target;
}

/*
 * Do two relocations, at the same place in twinned code, mean the same
 * thing?  Targets must be twins (or one undefined name); strings and
 * merged constants must read the same, wherever they sit and whatever
 * label names them.
 */
static bool range_same_at(const struct section *o, GElf_Addr ooff,
			  const struct section *p, GElf_Addr poff, size_t len,
			  bool follow);

/*
 * Into code without symbols, such as .altinstr_aux, where each use of
 * static_cpu_has() puts its slow path: the snippet's offset moves when
 * another function gains or loses one, and what the snippet does (the
 * feature bit it tests, where it jumps back to) is part of the user's
 * code.  So compare the snippets.  Not followed from inside a snippet,
 * which bounds the walk on any input.
 */
static bool same_snippet(const struct rela *a, const struct rela *b)
{
	const struct section *o = a->sym->sec, *p = b->sym->sec;
	size_t olen = kelf_snippet_len(o, a->target);

	return olen && olen == kelf_snippet_len(p, b->target) &&
	       a->addend - a->target == b->addend - b->target &&
	       range_same_at(o, (GElf_Addr)a->target, p,
			     (GElf_Addr)b->target, olen, false);
}

static bool same_target_at(const struct rela *a, const struct rela *b,
			   bool follow)
{
	const struct symbol *x = a->sym, *y = b->sym;

	if (a->type != b->type)
		return false;
	if (follow && x->type == STT_SECTION && y->type == STT_SECTION &&
	    x->sec && y->sec && x->sec->nentries && y->sec->nentries)
		return same_snippet(a, b);
	if (x->sec && y->sec && is_merged_section(x->sec) &&
	    is_merged_section(y->sec))
		return same_constant(a, b);
	/*
	 * "Section + offset" into a section of several objects: objects may
	 * move (a new one sorts before), so compare the objects and the
	 * offsets within them.
	 */
	if (x->type == STT_SECTION && y->type == STT_SECTION && x->sec &&
	    y->sec) {
		const struct symbol *tx = kelf_rela_object(a);
		const struct symbol *ty = kelf_rela_object(b);

		if (tx && ty)
			return tx->twin == ty &&
			       a->addend - (GElf_Sxword)tx->sym.st_value ==
			       b->addend - (GElf_Sxword)ty->sym.st_value;
	}
	if (a->addend != b->addend)
		return false;
	if (x->twin || y->twin)
		return x->twin == y;
	/* Neither is in both objects: only undefined names can match. */
	return !x->sec && !y->sec && !strcmp(x->name, y->name);
}

/* Compares len bytes at ooff in o with poff in p, with relocations. */
static bool same_target(const struct rela *a, const struct rela *b)
{
	return same_target_at(a, b, true);
}

static bool range_same_at(const struct section *o, GElf_Addr ooff,
			  const struct section *p, GElf_Addr poff, size_t len,
			  bool follow)
{
	struct rela *or, *pr;
	size_t on, pn, i;

	if (o->data && p->data && memcmp(o->data + ooff, p->data + poff, len))
		return false;
	if (!o->data != !p->data)
		return false;
	or = kelf_relas_in(o, ooff, ooff + len, &on);
	pr = kelf_relas_in(p, poff, poff + len, &pn);
	if (on != pn)
		return false;
	for (i = 0; i < on; i++)
		if (or[i].offset - ooff != pr[i].offset - poff ||
		    !same_target_at(&or[i], &pr[i], follow))
			return false;
	return true;
}

static bool range_same(const struct section *o, GElf_Addr ooff,
		       const struct section *p, GElf_Addr poff, size_t len)
{
	return range_same_at(o, ooff, p, poff, len, true);
}

static bool section_same(const struct section *o, const struct section *p)
{
	return o->sh.sh_type == p->sh.sh_type && o->size == p->size &&
	       range_same(o, 0, p, 0, o->size);
}

/* Functions that take __LINE__ as an argument, in WARN, printk and co. */
static bool takes_line(const char *name)
{
	static const char *const fns[] = {
		"__might_sleep", "__might_resched", "__might_fault",
		"_printk", "__warn_printk", "__dynamic_pr_debug",
		"__dynamic_dev_dbg", "lockdep_rcu_suspicious", "__warn",
		"warn_slowpath_fmt", "_dev_warn", "_dev_err", "_dev_info",
		"__dynamic_netdev_dbg",
	};
	size_t i;

	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
		if (!strcmp(name, fns[i]))
			return true;
	return false;
}

/*
 * Is there an immediate at s that GCC uses to pass a constant such as
 * __LINE__?  Sets where it starts and how long it is.  The forms:
 * mov $imm32, %reg (B8+r, after any REX.B prefix); movabs $imm64, %reg
 * (REX.W B8+r: a line merged with a neighbouring field of a structure);
 * push $imm32 (68: a stack argument); mov $imm32, r/m (C7 /0: a field
 * on the stack).  RIP-relative operands have relocations, so they are
 * never a line.
 */
static bool imm_at(const unsigned char *d, size_t size, size_t s,
		   size_t *imm, size_t *len)
{
	unsigned char op = d[s], modrm, mod, rm;
	size_t p = s + 2;

	if (op >= 0xb8 && op <= 0xbf) {
		*imm = s + 1;
		*len = 4;
		return true;
	}
	if (op == 0x68) {
		*imm = s + 1;
		*len = 4;
		return true;
	}
	if ((op & 0xf8) == 0x48 && s + 1 < size && d[s + 1] >= 0xb8 &&
	    d[s + 1] <= 0xbf) {
		*imm = s + 2;
		*len = 8;
		return true;
	}
	if (op != 0xc7 || s + 2 >= size || ((d[s + 1] >> 3) & 7))
		return false;
	modrm = d[s + 1];
	mod = modrm >> 6;
	rm = modrm & 7;
	if (mod != 3 && rm == 4) {		/* a SIB byte */
		if (mod == 0 && (d[s + 2] & 7) == 5)
			p += 4;			/* with a disp32, no base */
		p++;
	}
	if (mod == 0 && rm == 5)
		return false;			/* RIP-relative */
	p += mod == 1 ? 1 : mod == 2 ? 4 : 0;
	*imm = p;
	*len = 4;
	return true;
}

/*
 * A function whose only differences are such immediates (see imm_at),
 * and which calls something that takes a line number, differs by
 * __LINE__ only.  The relocations must be the same, so nothing else
 * moved, and the instruction in front of each immediate too.
 */
static uint32_t get32(const unsigned char *d)
{
	uint32_t v;

	memcpy(&v, d, sizeof(v));
	return v;
}

/*
 * Does the immediate of len bytes differ from a to b only as the patch
 * moved lines?  A 64-bit one holds a line in either half, beside a field
 * that must not differ.
 */
static bool imm_moved(const struct linemap *m, const unsigned char *a,
		      const unsigned char *b, size_t len)
{
	size_t off;

	for (off = 0; off < len; off += 4) {
		uint32_t x = get32(a + off), y = get32(b + off);

		if (x != y && !linemap_moved(m, x, y))
			return false;
	}
	return true;
}

static bool line_only(const struct linemap *m, const struct section *o,
		      const struct section *p)
{
	const unsigned char *a = o->data, *b = p->data;
	bool calls_line_fn = false;
	size_t i;

	if (!a || !b || o->size != p->size || o->nrelas != p->nrelas)
		return false;
	for (i = 0; i < o->nrelas; i++) {
		if (o->relas[i].offset != p->relas[i].offset ||
		    !same_target(&o->relas[i], &p->relas[i]))
			return false;
		if (takes_line(p->relas[i].sym->name))
			calls_line_fn = true;
	}
	if (!calls_line_fn)
		return false;
	for (i = 0; i < o->size; i++) {
		size_t s, imm = 0, len = 0;

		if (a[i] == b[i])
			continue;
		/* The longest form starts 10 bytes before its immediate ends. */
		for (s = i > 10 ? i - 10 : 0; s < i; s++)
			if (imm_at(a, o->size, s, &imm, &len) &&
			    imm <= i && i < imm + len && imm + len <= o->size &&
			    !memcmp(a + s, b + s, imm - s) &&
			    imm_moved(m, a + imm, b + imm, len))
				break;
		if (s == i)
			return false;
		/* The whole immediate may differ; skip past it. */
		i = imm + len - 1;
	}
	return true;
}

static void set_status(struct section *sec, enum status st)
{
	size_t i;

	sec->status = st;
	for (i = 0; i < sec->nsyms; i++)
		sec->syms[i]->status = st;
}

/* Per-symbol comparison for data sections that hold several objects. */
static void compare_symbols(struct section *p)
{
	size_t i;

	p->status = ST_SAME;
	for (i = 0; i < p->nsyms; i++) {
		struct symbol *s = p->syms[i], *o = s->twin;

		if (!o || !o->sec) {
			s->status = ST_NEW;
		} else if (o->sym.st_size != s->sym.st_size) {
			s->status = ST_CHANGED;
		} else {
			s->status = range_same(o->sec, o->sym.st_value, p,
					       s->sym.st_value,
					       s->sym.st_size) ?
					    ST_SAME : ST_CHANGED;
		}
		if (s->status != ST_SAME)
			p->status = ST_CHANGED;
	}
}

/* The first symbol of p that is new or changed: the one to name. */
static const struct symbol *first_different(const struct section *p)
{
	size_t i;

	for (i = 0; i < p->nsyms; i++)
		if (p->syms[i]->status != ST_SAME)
			return p->syms[i];
	return NULL;
}

/* Does p hold an object that changed, as opposed to only new ones? */
static bool holds_changed_object(const struct section *p)
{
	size_t i;

	for (i = 0; i < p->nsyms; i++)
		if (p->syms[i]->status == ST_CHANGED)
			return true;
	return false;
}

static int refuse(const struct cdo *c, const struct section *p,
		  const char *why)
{
	const struct symbol *sym = p->sym ? p->sym : first_different(p);

	if (sym)
		cdo_err(c->patched->path, "section %s (symbol %s): %s",
			p->name, sym->name, why);
	else
		cdo_err(c->patched->path, "section %s: %s", p->name, why);
	return -1;
}

static int compare_section(struct cdo *c, struct section *p)
{
	enum kind k = p->kind;
	struct section *o = p->twin;

	if (!o) {
		set_status(p, ST_NEW);
	} else if (!p->sym && p->nsyms &&
		   (k == K_DATA || k == K_RODATA || k == K_INIT || k == K_TEXT)) {
		compare_symbols(p);
	} else if (section_same(o, p)) {
		set_status(p, ST_SAME);
	} else if (k == K_TEXT && p->sym && line_only(&c->lines, o, p)) {
		cdo_dbg("%s: only line numbers changed", p->name);
		set_status(p, ST_SAME);
	} else {
		set_status(p, ST_CHANGED);
	}
	if (p->status == ST_SAME)
		return 0;
	switch (k) {
	case K_TEXT:
		if (!p->sym && p->nsyms) {
			const struct symbol *f = first_different(p);

			cdo_err(c->patched->path, "section %s (symbol %s): changed, and it holds several functions that can't be cut apart: %s (at offset 0x%llx)",
				p->name, f ? f->name : "?",
				p->unsplit ? p->unsplit : "it isn't code",
				(unsigned long long)p->unsplit_at);
			return -1;
		}
		return 0;
	case K_INIT:
		return refuse(c, p, p->status == ST_NEW ?
			      "new __init/__exit code or data: it can't be patched in" :
			      "__init/__exit code or data changed: it ran already and can't be patched");
	case K_DATA:
		/* New objects beside unchanged ones are fine; changed ones not. */
		if (p->status == ST_NEW)
			return 0;
		if (p->sym || !p->nsyms || holds_changed_object(p))
			return refuse(c, p, "data changed: a live patch can't change existing data (use a shadow variable)");
		return 0;
	case K_RODATA:
		/*
		 * A changed local constant comes as a new copy, with every user
		 * in this object replaced.  A global one may have users in
		 * other objects, which would keep the old copy.
		 */
		if (p->status == ST_CHANGED) {
			size_t i;

			for (i = 0; i < p->nsyms; i++)
				if (p->syms[i]->status == ST_CHANGED &&
				    p->syms[i]->bind != STB_LOCAL) {
					cdo_err(c->patched->path, "section %s (symbol %s): global read-only data changed: code in other objects may read it",
						p->name, p->syms[i]->name);
					return -1;
				}
		}
		return 0;
	case K_OTHER:
		return refuse(c, p, "unsupported change in a section create-diff-object doesn't know how to patch");
	default:
		return 0;
	}
}

/* A special-section entry, by the function its code field names. */
struct owned {
	const struct symbol *fn;	/* the patched object's function */
	GElf_Sxword off;		/* where in it the entry's code is */
	size_t e;			/* the entry's index */
};

static int cmp_owned(const void *a, const void *b)
{
	const struct owned *x = a, *y = b;

	if (x->fn != y->fn)
		return x->fn->index < y->fn->index ? -1 : 1;
	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->e < y->e ? -1 : x->e > y->e;
}

/*
 * The entries of sec (of the original object when orig) that name a
 * bundled function of the patched object, or its twin, sorted by that
 * function and the offset in it.  NULL when out of memory.
 */
static struct owned *owned_entries(const struct section *sec,
				   const struct entry_fields *f, bool orig,
				   size_t *n)
{
	struct owned *v = calloc(sec->nrelas + 1, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; v && i < sec->nrelas; i++) {
		const struct rela *r = &sec->relas[i];
		const struct symbol *owner = kelf_rela_object(r), *fn;

		if (r->offset % f->size != f->code || !owner ||
		    owner->type != STT_FUNC || !owner->sec)
			continue;
		fn = orig ? owner->twin : owner;
		if (!fn || !fn->sec || fn->sec->sym != fn)
			continue;
		v[*n].fn = fn;
		v[*n].off = r->target - (GElf_Sxword)owner->sym.st_value;
		v[*n].e = r->offset / f->size;
		(*n)++;
	}
	if (v)
		qsort(v, *n, sizeof(*v), cmp_owned);
	return v;
}

/*
 * Do entry oe of o, about ofn, and entry pe of p, about its twin pfn,
 * say the same?  Relocations into the function itself must point at the
 * same place in it; others mean the same (same_target); the bytes must
 * be equal, but for the line number.
 */
static bool entry_same(const struct section *o, size_t oe,
		       const struct symbol *ofn, const struct section *p,
		       size_t pe, const struct symbol *pfn,
		       const struct entry_fields *f)
{
	GElf_Addr os = oe * f->size, ps = pe * f->size;
	const struct rela *or, *pr;
	size_t on, pn, i;

	or = kelf_relas_in(o, os, os + f->size, &on);
	pr = kelf_relas_in(p, ps, ps + f->size, &pn);
	if (on != pn)
		return false;
	for (i = 0; i < on; i++) {
		const struct symbol *ot = kelf_rela_object(&or[i]);
		const struct symbol *pt = kelf_rela_object(&pr[i]);

		if (or[i].offset - os != pr[i].offset - ps ||
		    or[i].type != pr[i].type)
			return false;
		if (ot == ofn || pt == pfn) {
			if (ot != ofn || pt != pfn ||
			    or[i].target - (GElf_Sxword)ofn->sym.st_value !=
			    pr[i].target - (GElf_Sxword)pfn->sym.st_value)
				return false;
		} else if (!same_target(&or[i], &pr[i])) {
			return false;
		}
	}
	/* Relocated fields read 0 in both (RELA): compare all bytes. */
	for (i = 0; i < f->size; i++)
		if ((f->line < 0 || i < (size_t)f->line ||
		     i >= (size_t)f->line + 2) &&
		    o->data[os + i] != p->data[ps + i])
			return false;
	return true;
}

/*
 * A function whose code is the same may have changed in the entries
 * about it: WARN_ON() -> WARN_ON_ONCE() changes only a bug_entry's
 * flags, likely -> unlikely may change only a jump_entry's branch bit.
 * Compares the entries of each function of ps with those of its twin
 * in os (NULL when the original has none).
 */
static int compare_entries_of(struct cdo *c, const struct section *os,
			      const struct section *ps,
			      const struct entry_fields *f)
{
	struct owned *pv, *ov = NULL;
	size_t pn, on = 0, i = 0, j = 0, k;

	pv = owned_entries(ps, f, false, &pn);
	if (pv && os)
		ov = owned_entries(os, f, true, &on);
	if (!pv || (os && !ov)) {
		free(pv);
		cdo_err(c->patched->path, "out of memory comparing %s", ps->name);
		return -1;
	}
	while (i < pn || j < on) {
		const struct symbol *fn;
		size_t i2 = i, j2 = j;
		bool same;

		fn = j >= on || (i < pn && pv[i].fn->index <= ov[j].fn->index) ?
			pv[i].fn : ov[j].fn;
		while (i2 < pn && pv[i2].fn == fn)
			i2++;
		while (j2 < on && ov[j2].fn == fn)
			j2++;
		same = i2 - i == j2 - j;
		for (k = 0; same && k < i2 - i; k++)
			same = pv[i + k].off == ov[j + k].off &&
			       entry_same(os, ov[j + k].e, fn->twin, ps,
					  pv[i + k].e, fn, f);
		if (!same && fn->status == ST_SAME) {
			cdo_dbg("%s: its %s entries changed", fn->name, ps->name);
			set_status(fn->sec, ST_CHANGED);
		}
		i = i2;
		j = j2;
	}
	free(pv);
	free(ov);
	return 0;
}

static int compare_entries(struct cdo *c)
{
	size_t i;

	for (i = 1; i < c->patched->nsecs; i++) {
		const struct section *ps = &c->patched->secs[i], *os;
		struct entry_fields f, of;

		if (ps->kind != K_SPECIAL || ps->ignore ||
		    !special_entry_fields(ps, &f))
			continue;
		os = kelf_find_section(c->orig, ps->name);
		if (os && (!special_entry_fields(os, &of) ||
			   of.size != f.size))
			continue;
		if (compare_entries_of(c, os, ps, &f))
			return -1;
	}
	return 0;
}

/*
 * Unchanged code that uses changed read-only data must be replaced too,
 * or it would keep the old data; and a function whose .cold part changed
 * changed as a whole.
 */
static void propagate(struct cdo *c)
{
	size_t i, j;

	for (i = 1; i < c->patched->nsecs; i++) {
		struct section *p = &c->patched->secs[i];

		if (p->kind != K_TEXT || !p->sym || p->sym->status != ST_SAME)
			continue;
		for (j = 0; j < p->nrelas; j++) {
			struct symbol *t = kelf_rela_object(&p->relas[j]);

			if (t && t->sec && t->sec->kind == K_RODATA &&
			    t->status == ST_CHANGED) {
				cdo_dbg("%s: uses changed %s", p->sym->name,
					t->name);
				set_status(p, ST_CHANGED);
				break;
			}
		}
	}
	for (i = 1; i < c->patched->nsyms; i++) {
		struct symbol *s = &c->patched->syms[i];

		if (s->whole && s->status != ST_SAME && s->whole->sec &&
		    s->whole->status == ST_SAME)
			set_status(s->whole->sec, ST_CHANGED);
	}
}

/*
 * KPATCH_IGNORE_SECTION and KPATCH_IGNORE_FUNCTION: pointers in
 * .kpatch.ignore.* to names and functions that the author wants left out.
 */
static void apply_ignores(struct cdo *c)
{
	struct section *s;
	size_t i;

	s = kelf_find_section(c->patched, KPATCH_SEC_IGNORE_SECTIONS);
	for (i = 0; s && i < s->nrelas; i++) {
		const char *name = kelf_rela_string(&s->relas[i]);
		struct section *t;

		t = name ? kelf_find_section(c->patched, name) : NULL;
		if (!t)
			continue;
		cdo_dbg("ignoring section %s", name);
		t->ignore = true;
		/* A cut section (kelf-split.c) is ignored in all its pieces. */
		if (t->from) {
			size_t j;

			for (j = 0; j < t->from->npieces; j++)
				t->from->pieces[j].ignore = true;
		}
	}
	s = kelf_find_section(c->patched, KPATCH_SEC_IGNORE_FUNCS);
	for (i = 0; s && i < s->nrelas; i++) {
		struct symbol *t = kelf_rela_object(&s->relas[i]);

		if (t && t->sec && t->type == STT_FUNC) {
			cdo_dbg("ignoring function %s", t->name);
			t->sec->ignore = true;
		}
	}
}

/*
 * A function that ftrace can redirect starts with "call __fentry__", or
 * with IBT, with endbr64 and then the call (ftrace_location() is then 4
 * bytes in).  Its section may start with padding in front of it
 * (__pfx_foo).
 */
static bool has_fentry(const struct symbol *f)
{
	size_t n;
	GElf_Addr at = f->sym.st_value + kelf_endbr_len(f) + 1;
	const struct rela *r = kelf_relas_in(f->sec, at, at + 1, &n);

	return n && !strcmp(r->sym->name, "__fentry__");
}

/*
 * A runtime constant (6.11+: runtime_ptr_USER_PTR_MAX behind access_ok(),
 * runtime_shift_d_hash_shift in the dcache) is an immediate that only
 * vmlinux fills in, at boot, from the table of the section named after
 * it: the module loader doesn't, so a patch module's copy of the code
 * would keep the compiler's placeholder.  The name of such a table that
 * points into sec, or NULL.
 */
static const char *runtime_const_table(const struct kelf *k,
				       const struct section *sec)
{
	size_t i, j;

	for (i = 1; i < k->nsecs; i++) {
		const struct section *t = &k->secs[i];

		if (strncmp(t->name, "runtime_ptr_", 12) &&
		    strncmp(t->name, "runtime_shift_", 14))
			continue;
		for (j = 0; j < t->nrelas; j++)
			if (t->relas[j].sym && t->relas[j].sym->sec == sec)
				return t->name;
	}
	return NULL;
}

bool is_replaced_function(const struct symbol *s)
{
	return s->type == STT_FUNC && s->sec && s->sec->sym == s &&
	       s->sec->kind == K_TEXT && s->status == ST_CHANGED &&
	       !s->whole && !s->sec->ignore;
}

bool is_new_global(const struct symbol *s)
{
	return s->status == ST_NEW && s->bind != STB_LOCAL && s->sec &&
	       (s->type == STT_FUNC || s->type == STT_OBJECT) &&
	       (s->sec->kind == K_TEXT || s->sec->kind == K_DATA ||
		s->sec->kind == K_RODATA) && !s->sec->ignore;
}

/* Another name of the function its section is bundled for. */
static bool is_alias(const struct symbol *s)
{
	return s->type == STT_FUNC && s->sec && s->sec->sym &&
	       s->sec->sym != s && !is_prefix_symbol(s);
}

/*
 * An alias shares the code of its section's function (an alias
 * attribute, or code the compiler folded into one copy).  A function that
 * became an alias, stopped being one or changed whose alias it is now
 * runs other code; a patch can't say that, since replacing one of two
 * names at one address replaces both.  Refused unless the code is the
 * same as before.
 */
static int check_aliases(const struct cdo *c)
{
	size_t i;
	int ret = 0;

	for (i = 1; i < c->patched->nsyms; i++) {
		const struct symbol *s = &c->patched->syms[i], *o = s->twin;

		if (s->type != STT_FUNC || !o || !o->sec || !s->sec ||
		    s->sec->kind != K_TEXT || is_prefix_symbol(s) ||
		    (!is_alias(s) && !is_alias(o)))
			continue;
		if (is_alias(s) && is_alias(o) &&
		    o->sec->sym->twin == s->sec->sym)
			continue;
		if (section_same(o->sec, s->sec))
			continue;
		cdo_err(c->patched->path, "function %s: %s, and its code changed: it can't be replaced apart from %s (give it code of its own, e.g. __attribute__((noipa)))",
			s->name, is_alias(s) ? "now shares its code with another function" :
			"no longer shares its code with another function",
			is_alias(s) ? s->sec->sym->name : o->sec->sym->name);
		ret = -1;
	}
	return ret;
}

int compare(struct cdo *c)
{
	size_t i;
	int ret = 0;

	apply_ignores(c);
	for (i = 1; i < c->patched->nsecs; i++) {
		struct section *p = &c->patched->secs[i];
		enum kind k = p->kind;

		if (p->ignore || k == K_IGNORE || k == K_SPECIAL ||
		    k == K_KPATCH || k == K_STRINGS)
			continue;
		if (p->twin && p->twin->kind != k) {
			cdo_err(c->patched->path, "section %s: was %s, is now %s",
				p->name, kind_name(p->twin->kind), kind_name(k));
			return -1;
		}
		if (compare_section(c, p))
			ret = -1;
	}
	if (ret || compare_entries(c) || check_aliases(c))
		return -1;
	propagate(c);
	for (i = 1; i < c->patched->nsecs; i++) {
		struct section *p = &c->patched->secs[i];
		struct symbol *f = p->sym;
		const char *rc;

		if (!f || f->type != STT_FUNC || p->kind != K_TEXT ||
		    (f->status != ST_CHANGED && f->status != ST_NEW) ||
		    p->ignore)
			continue;
		rc = runtime_const_table(c->patched, p);
		if (rc) {
			cdo_err(c->patched->path, "function %s uses the runtime constant of %s, which only vmlinux patches in at boot: a patch module's copy would keep the placeholder; move the use (access_ok(), d_hash()) into a function the patch doesn't change",
				f->name, rc);
			ret = -1;
			continue;
		}
		if (!is_replaced_function(f))
			continue;
		if (!f->twin || !has_fentry(f->twin)) {
			cdo_err(c->patched->path, "function %s changed, but it has no fentry call (notrace or noinstr): ftrace can't redirect it",
				f->name);
			ret = -1;
			continue;
		}
		cdo_dbg("changed function %s", f->name);
		c->nchanged++;
	}
	return ret;
}
