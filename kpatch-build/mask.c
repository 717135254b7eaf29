// SPDX-License-Identifier: GPL-2.0
/*
 * Which bytes of an original function the running kernel may have
 * changed, and the digest of the others (see mask.h).  The kernel
 * changes:
 *   - every relocated field, and the opcode of the fentry call, which
 *     ftrace turns into a 5-byte nop and back into a call;
 *   - the code that the special sections point at, as it boots or loads
 *     a module: whole instructions, since it rewrites opcodes too (a
 *     return-thunk jmp becomes a ret, a call a nop);
 *   - the endbr64 a function starts with (IBT), which it may seal.
 * Everything else must be as the original object has it.
 */
#include <stdlib.h>
#include <string.h>

#include "cdo.h"
#include "insn.h"
#include "log.h"
#include "mask.h"
#include "special.h"

/* How long the code at a site is: a field of the entry, or decoded. */
#define LEN_FIELD	(-1)
#define LEN_INSN	(-2)

static const struct site {
	const char *name;
	int len;		/* bytes, LEN_FIELD or LEN_INSN */
} sites[] = {
	{ ".altinstructions", LEN_FIELD },	/* instrlen */
	{ ".parainstructions", LEN_FIELD },	/* len */
	{ "__jump_table", LEN_INSN },		/* a jmp or nop, 2 or 5 */
	{ ".static_call_sites", LEN_INSN },	/* call/jmp, or a nop, ret */
	{ ".retpoline_sites", LEN_INSN },	/* thunk call to call *%reg */
	{ ".return_sites", LEN_INSN },		/* thunk jmp to ret; int3 */
	{ ".call_sites", LEN_INSN },		/* call depth tracking (6.2+) */
	{ "__mcount_loc", LEN_INSN },		/* the fentry call */
	{ ".smp_locks", 1 },			/* lock prefix, ds on UP */
	{ ".ibt_endbr_seal", 4 },		/* endbr64, sealed (6.2+) */
};

#define NSITES (sizeof(sites) / sizeof(sites[0]))

struct range {
	GElf_Addr start, end;
};

struct ranges {
	struct range *r;
	size_t n, cap;
};

/* Function f's bytes: [lo, hi) of its section. */
struct fn {
	const struct cdo *c;
	const struct symbol *f;
	GElf_Addr lo, hi;
	struct ranges rs;
};

static int add_range(struct fn *fn, GElf_Addr start, GElf_Addr end)
{
	struct ranges *rs = &fn->rs;

	if (start < fn->lo)
		start = fn->lo;
	if (end > fn->hi)
		end = fn->hi;
	if (start >= end)
		return 0;
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 32;
		struct range *n = realloc(rs->r, cap * sizeof(*n));

		if (!n) {
			cdo_err(fn->c->orig->path, "out of memory");
			return -1;
		}
		rs->r = n;
		rs->cap = cap;
	}
	rs->r[rs->n].start = start;
	rs->r[rs->n].end = end;
	rs->n++;
	return 0;
}

/* The relocated fields; the fentry call as a whole instruction. */
static int mask_relocations(struct fn *fn)
{
	const struct section *sec = fn->f->sec;
	struct rela *r;
	size_t i, n;

	r = kelf_relas_in(sec, fn->lo, fn->hi, &n);
	for (i = 0; i < n; i++) {
		unsigned int w = rela_width(r[i].type);
		GElf_Addr start = r[i].offset;

		if (!w) {
			cdo_err(fn->c->orig->path, "function %s: relocation type %u at 0x%llx: unknown width, can't leave it out of the digest",
				fn->f->name, r[i].type,
				(unsigned long long)r[i].offset);
			return -1;
		}
		if (r[i].sym && !strcmp(r[i].sym->name, "__fentry__") &&
		    start > fn->lo)
			start--;
		if (add_range(fn, start, r[i].offset + w))
			return -1;
	}
	return 0;
}

static const struct site *find_site(const char *name)
{
	size_t i;

	for (i = 0; i < NSITES; i++)
		if (!strcmp(sites[i].name, name))
			return &sites[i];
	return NULL;
}

/* The length of the code at off that the site's entry e describes. */
static int site_len(struct fn *fn, const struct site *st,
		    const struct section *tab, size_t e, size_t entsize,
		    int code_len, GElf_Addr off, size_t *len)
{
	const struct section *sec = fn->f->sec;
	struct insn in;

	if (st->len >= 0) {
		*len = (size_t)st->len;
		return 0;
	}
	if (st->len == LEN_FIELD) {
		size_t at = e * entsize + (size_t)code_len;

		if (code_len < 0 || !tab->data || at >= tab->size) {
			cdo_err(fn->c->orig->path, "section %s: entry %zu has no length byte",
				tab->name, e);
			return -1;
		}
		*len = tab->data[at];
		return 0;
	}
	if (!sec->data || insn_decode(sec->data + off, sec->size - off, &in)) {
		cdo_err(fn->c->orig->path, "function %s: the instruction at 0x%llx that %s points at doesn't decode, so it can't be left out of the digest",
			fn->f->name, (unsigned long long)(off - fn->lo),
			tab->name);
		return -1;
	}
	*len = in.len;
	return 0;
}

/* The sites that table tab (of the original object) has in the function. */
static int mask_table(struct fn *fn, const struct section *tab,
		      const struct site *st)
{
	size_t entsize, i;
	int code, code_len, ret;

	ret = special_code_field(tab, &entsize, &code, &code_len);
	if (ret <= 0)
		return ret;
	for (i = 0; i < tab->nrelas; i++) {
		const struct rela *r = &tab->relas[i];
		size_t e = r->offset / entsize, len;
		GElf_Sxword off;

		if (r->offset % entsize != (GElf_Addr)code ||
		    !r->sym || r->sym->sec != fn->f->sec)
			continue;
		off = r->addend + (r->sym->type == STT_SECTION ? 0 :
			(GElf_Sxword)r->sym->sym.st_value);
		if (off < (GElf_Sxword)fn->lo || off >= (GElf_Sxword)fn->hi)
			continue;
		if (site_len(fn, st, tab, e, entsize, code_len,
			     (GElf_Addr)off, &len) ||
		    add_range(fn, (GElf_Addr)off, (GElf_Addr)off + len))
			return -1;
	}
	return 0;
}

static int cmp_range(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

/* Sorted, overlaps merged, offsets from the function's start. */
static int finish(struct fn *fn, struct func_digest *d)
{
	struct ranges *rs = &fn->rs;
	size_t i, n = 0;

	qsort(rs->r, rs->n, sizeof(*rs->r), cmp_range);
	d->masks = calloc(rs->n ? rs->n : 1, sizeof(*d->masks));
	if (!d->masks) {
		cdo_err(fn->c->orig->path, "out of memory");
		return -1;
	}
	for (i = 0; i < rs->n; i++) {
		struct kpatch_mask *last = n ? &d->masks[n - 1] : NULL;
		GElf_Addr start = rs->r[i].start - fn->lo;
		GElf_Addr end = rs->r[i].end - fn->lo;

		if (last && start < last->offset + last->len) {
			if (end > last->offset + last->len)
				last->len = (unsigned int)(end - last->offset);
			continue;
		}
		d->masks[n].offset = (unsigned int)start;
		d->masks[n].len = (unsigned int)(end - start);
		n++;
	}
	d->nmasks = n;
	return 0;
}

int func_digest(const struct cdo *c, const struct symbol *f,
		struct func_digest *d)
{
	struct fn fn = { .c = c, .f = f };
	size_t i;
	int ret = -1;

	memset(d, 0, sizeof(*d));
	fn.lo = f->sym.st_value;
	fn.hi = f->sym.st_value + f->sym.st_size;
	if (!f->sec || !f->sec->data || fn.hi > f->sec->size ||
	    f->sym.st_size > 0xffffffffULL) {
		cdo_err(c->orig->path, "function %s: its bytes are not in the object",
			f->name);
		return -1;
	}
	if (mask_relocations(&fn))
		goto out;
	/*
	 * The entry endbr64.  An object of vmlinux on an IBT kernel has no
	 * .ibt_endbr_seal of its own (objtool runs once, on vmlinux.o), yet
	 * the kernel poisons the endbr64 of each function whose address
	 * vmlinux never takes, at boot.
	 */
	if (add_range(&fn, fn.lo, fn.lo + kelf_endbr_len(f)))
		goto out;
	for (i = 1; i < c->orig->nsecs; i++) {
		const struct section *tab = &c->orig->secs[i];
		const struct site *st = find_site(tab->name);

		if (st && mask_table(&fn, tab, st))
			goto out;
	}
	if (finish(&fn, d))
		goto out;
	d->len = f->sym.st_size;
	d->digest = kpatch_digest(f->sec->data + fn.lo, d->len, d->masks,
				  d->nmasks);
	ret = 0;
out:
	free(fn.rs.r);
	return ret;
}

void func_digest_free(struct func_digest *d)
{
	free(d->masks);
	memset(d, 0, sizeof(*d));
}
