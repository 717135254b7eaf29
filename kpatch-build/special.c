// SPDX-License-Identifier: GPL-2.0
/*
 * Special sections of x86_64 6.1.  Entry sizes, from the 6.1 headers:
 *   __bug_table        struct bug_entry, relative pointers, with
 *                      DEBUG_BUGVERBOSE: 4+4+2+2 = 12 (without: 8)
 *   __ex_table         struct exception_table_entry: 3 * 4 = 12
 *   __jump_table       struct jump_entry: 4+4+8 = 16, key at 8
 *   .altinstructions   struct alt_instr, packed: 4+4+2+1+1 = 12 (6.3
 *                      and later: 4+4+4+1+1 = 14, the feature word grew
 *                      to ft_flags; the two length bytes stay last)
 *   .parainstructions  struct paravirt_patch_site: 8+1+1, padded to 16
 *   .static_call_sites struct static_call_site: 4+4 = 8, key at 4
 *   .orc_unwind        struct orc_entry, packed: 6 (paired by index with
 *                      the 4-byte .orc_unwind_ip)
 *   .printk_index      pointers to struct pi_entry: 8
 *   .smp_locks, .return_sites, .retpoline_sites, .call_sites: 4
 *   __mcount_loc       8
 * .altinstr_replacement has no entries: the kept ranges are those that
 * kept .altinstructions entries point at.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cdo.h"
#include "include.h"
#include "log.h"
#include "resolve.h"
#include "special.h"

/* A field an entry doesn't have. */
#define NONE (-1)

/*
 * One kind of special section: its entry size, and the offsets in an
 * entry of the fields create-diff-object reads (NONE when absent), from
 * the 6.1 structures named above, as objtool's special.c describes them.
 */
struct special {
	const char *name;
	const char *env;	/* NULL: the size is fixed by the ABI */
	size_t size;
	int code;		/* s32 or pointer: the code the entry is about */
	int key;		/* a static key: jump labels, static calls */
	int code_len;		/* u8: bytes of code the loader rewrites */
	int repl;		/* s32: the replacement (alternatives) */
	int repl_len;		/* u8: bytes of replacement */
	/*
	 * When the module loader can't resolve the key: true, the key
	 * becomes a dynrela that kpatch.ko writes before the loader reads
	 * the table; false, the entry is dropped.
	 */
	bool key_dynrela;
	/*
	 * Entries are part of the function their code field names, and
	 * compared with it (compare.c): a WARN_ON that became WARN_ON_ONCE
	 * changed only its bug_entry's flags.  Except the u16 line
	 * number, which moves with any line above it: it sits
	 * line_from_end bytes before the end of a bug_entry, with
	 * DEBUG_BUGVERBOSE's file field (12 bytes) or without it (8).
	 */
	bool per_function;
	int line_from_end;
	/*
	 * code_len and repl_len are the last two bytes of an entry of any
	 * size: the offsets above are for the default size and move with
	 * a larger one (alt_instr).
	 */
	bool lens_last;
};

/*
 * name, size variable, size; offsets of code, key, code_len, repl,
 * repl_len; key_dynrela, per_function, line_from_end, lens_last.
 */
static const struct special specials[] = {
	{ "__bug_table", "BUG_STRUCT_SIZE", 12,
	  0, NONE, NONE, NONE, NONE, false, true, 4, false },
	{ "__ex_table", "EX_STRUCT_SIZE", 12,
	  0, NONE, NONE, NONE, NONE, false, true, NONE, false },
	{ "__jump_table", "JUMP_STRUCT_SIZE", 16,
	  0, 8, NONE, NONE, NONE, true, true, NONE, false },
	{ ".altinstructions", "ALT_STRUCT_SIZE", 12,
	  0, NONE, 10, 4, 11, false, false, NONE, true },
	{ ".parainstructions", "PARA_STRUCT_SIZE", 16,
	  0, NONE, 9, NONE, NONE, false, false, NONE, false },
	{ ".static_call_sites", "STATIC_CALL_STRUCT_SIZE", 8,
	  0, 4, NONE, NONE, NONE, false, false, NONE, false },
	{ ".orc_unwind", "ORC_STRUCT_SIZE", 6,
	  NONE, NONE, NONE, NONE, NONE, false, false, NONE, false },
	{ ".orc_unwind_ip", NULL, 4,
	  0, NONE, NONE, NONE, NONE, false, false, NONE, false },
	{ ".printk_index", "PRINTK_INDEX_STRUCT_SIZE", 8,
	  NONE, NONE, NONE, NONE, NONE, false, false, NONE, false },
	{ ".smp_locks", NULL, 4,
	  0, NONE, NONE, NONE, NONE, false, false, NONE, false },
	{ ".return_sites", NULL, 4,
	  0, NONE, NONE, NONE, NONE, false, false, NONE, false },
	{ ".retpoline_sites", NULL, 4,
	  0, NONE, NONE, NONE, NONE, false, false, NONE, false },
	{ ".call_sites", NULL, 4,
	  0, NONE, NONE, NONE, NONE, false, false, NONE, false },
	{ ".ibt_endbr_seal", NULL, 4,
	  0, NONE, NONE, NONE, NONE, false, false, NONE, false },
	{ "__mcount_loc", NULL, 8,
	  0, NONE, NONE, NONE, NONE, false, false, NONE, false },
	{ ".altinstr_replacement", NULL, 0,
	  NONE, NONE, NONE, NONE, NONE, false, false, NONE, false },
};

#define NSPECIALS (sizeof(specials) / sizeof(specials[0]))

struct kept {
	const struct special *sp;
	struct section *sec;
	size_t entsize, n;
	bool *keep;
};

struct special_state {
	struct kept *k;
	size_t n;
};

static const struct special *lookup(const char *name)
{
	size_t i;

	for (i = 0; i < NSPECIALS; i++)
		if (!strcmp(name, specials[i].name))
			return &specials[i];
	return NULL;
}

bool is_special_section(const char *name)
{
	return lookup(name) != NULL;
}

/* The offset of byte field off (code_len, repl_len) in entries of size. */
static int len_field(const struct special *sp, int off, size_t size)
{
	if (off == NONE || !sp->lens_last)
		return off;
	return off + (int)size - (int)sp->size;
}

/*
 * The bytes of an entry that create-diff-object reads: the rest is
 * padding to the entry's alignment, which the last entry of a section
 * may lack (.parainstructions since paravirt_patch_site lost its
 * trailing alignment directive: 6.1's has it, later releases don't).
 */
static size_t used_bytes(const struct special *sp, size_t size)
{
	const int code_len = len_field(sp, sp->code_len, size);
	const int repl_len = len_field(sp, sp->repl_len, size);
	const int ends[] = {
		sp->code == NONE ? 0 : sp->code + 4,
		sp->key == NONE ? 0 : sp->key + 4,
		code_len == NONE ? 0 : code_len + 1,
		sp->repl == NONE ? 0 : sp->repl + 4,
		repl_len == NONE ? 0 : repl_len + 1,
	};
	size_t i, used = size;

	/* Tables without byte fields: every entry is whole. */
	if (sp->code_len == NONE && sp->repl_len == NONE)
		return used;
	for (i = 0, used = 1; i < sizeof(ends) / sizeof(ends[0]); i++)
		if ((size_t)ends[i] > used)
			used = (size_t)ends[i];
	return used;
}

/*
 * The entry size of a special section: from its environment variable when
 * set (ALT_STRUCT_SIZE, ...), else the x86_64 6.1 default.  0 for sections
 * that aren't tables of entries.  Returns -1 after printing why when the
 * variable is garbled, too small for the fields read, or the section size
 * isn't a multiple.
 */
static long entry_size(const struct section *sec)
{
	const struct special *sp = lookup(sec->name);
	const char *v;
	long size;

	if (!sp)
		return 0;
	size = (long)sp->size;
	v = sp->env ? getenv(sp->env) : NULL;
	if (v && *v) {
		char *end;

		errno = 0;
		size = strtol(v, &end, 0);
		if (errno || *end || size <= 0 || size > 4096) {
			cdo_err(sec->name, "%s=%s: not an entry size", sp->env,
				v);
			return -1;
		}
		/* The byte fields are read from the data. */
		if (sp->code_len >= size || sp->repl_len >= size ||
		    (sp->lens_last && size < (long)sp->size)) {
			cdo_err(sec->name, "%s=%s: too small for the %s entries of x86_64",
				sp->env, v, sec->name);
			return -1;
		}
	}
	if (size && sec->size % (size_t)size &&
	    sec->size % (size_t)size < used_bytes(sp, (size_t)size)) {
		cdo_err(sec->name, "size %zu is not a multiple of the entry size %ld%s%s",
			sec->size, size, sp->env ? "; set " : "",
			sp->env ? sp->env : "");
		return -1;
	}
	return size;
}

bool special_entry_fields(const struct section *sec,
			  struct entry_fields *f)
{
	const struct special *sp = lookup(sec->name);
	long size;

	if (!sp || !sp->per_function || !sec->data)
		return false;
	size = entry_size(sec);
	if (size <= 0 || sp->code + 4 > size || sp->line_from_end > size)
		return false;
	f->size = (size_t)size;
	f->code = (size_t)sp->code;
	f->line = sp->line_from_end == NONE ? NONE :
		  (int)size - sp->line_from_end;
	return true;
}

int special_code_field(const struct section *sec, size_t *entsize,
		       int *code, int *code_len)
{
	const struct special *sp = lookup(sec->name);
	long size;

	if (!sp || sp->code == NONE || !sp->size)
		return 0;
	size = entry_size(sec);
	if (size < 0)
		return -1;
	if (sp->code + 4 > size)
		return 0;
	*entsize = (size_t)size;
	*code = sp->code;
	*code_len = len_field(sp, sp->code_len, (size_t)size);
	return 1;
}

static struct kept *add_kept(struct special_state *st, struct section *sec,
			     const struct special *sp, size_t entsize)
{
	struct kept *k = &st->k[st->n];

	k->sp = sp;
	k->sec = sec;
	k->entsize = entsize;
	/* The last entry may be short: see used_bytes(). */
	k->n = (sec->size + entsize - 1) / entsize;
	k->keep = calloc(k->n ? k->n : 1, sizeof(*k->keep));
	if (!k->keep)
		return NULL;
	st->n++;
	return k;
}

static struct kept *find_kept(const struct special_state *st,
			      const char *name)
{
	size_t i;

	for (i = 0; st && i < st->n; i++)
		if (!strcmp(st->k[i].sec->name, name))
			return &st->k[i];
	return NULL;
}

static bool points_to_included_text(const struct rela *r)
{
	struct section *t = r->sym->sec;

	return t && t->include && t->kind == K_TEXT;
}

/* Is fmt used by any included function?  A linear scan of their relas. */
static bool format_used(const struct cdo *c, const char *fmt)
{
	size_t i, j;

	for (i = 1; i < c->patched->nsecs; i++) {
		const struct section *s = &c->patched->secs[i];

		if (!s->include || s->kind != K_TEXT)
			continue;
		for (j = 0; j < s->nrelas; j++) {
			const char *t = kelf_rela_string(&s->relas[j]);

			if (t && !strcmp(t, fmt))
				return true;
		}
	}
	return false;
}

/*
 * .printk_index entries point at pi_entry records, not at code: keep the
 * records whose format string included code prints, and carry them.
 */
static int select_printk_index(struct cdo *c, struct kept *k)
{
	size_t i;

	for (i = 0; i < k->sec->nrelas; i++) {
		const struct rela *r = &k->sec->relas[i];
		struct symbol *rec = kelf_rela_object(r);
		const struct rela *fr;
		const char *fmt;
		size_t n;

		if (!rec || !rec->sec)
			continue;
		/* The format is pi_entry's first field. */
		fr = kelf_relas_in(rec->sec, rec->sym.st_value,
				   rec->sym.st_value + 1, &n);
		fmt = n ? kelf_rela_string(fr) : NULL;
		if (!fmt || !format_used(c, fmt))
			continue;
		k->keep[r->offset / k->entsize] = true;
		if (include_symbol(c, rec))
			return -1;
	}
	return 0;
}

/* The relocation of field off (not NONE) of entry e, or NULL. */
static const struct rela *field_rela(const struct kept *k, size_t e, int off)
{
	GElf_Addr at = e * k->entsize + (GElf_Addr)off;
	const struct rela *r;
	size_t n;

	r = kelf_relas_in(k->sec, at, at + 1, &n);
	return n ? r : NULL;
}

/* The byte at field off (not NONE) of entry e. */
static unsigned char field_u8(const struct kept *k, size_t e, int off)
{
	return k->sec->data[e * k->entsize + (size_t)off];
}

/* The function an entry is about, for messages. */
static const char *entry_function(const struct kept *k, size_t e)
{
	const struct rela *code = field_rela(k, e, k->sp->code);
	const struct symbol *f = code ? kelf_rela_object(code) : NULL;

	return f ? f->name : "?";
}

/*
 * The key of a kept jump label or static call site.  The module loader
 * reads both tables at MODULE_STATE_COMING, before kpatch.ko writes the
 * ordinary dynrelas, so a key it can't resolve needs another way:
 * - a jump label's key becomes a dynrela (R_X86_64_PC64, its addend
 *   holding the entry's flag bits) that kpatch.ko writes in a module
 *   notifier that runs before the jump-label one;
 * - a static call site is dropped: the call keeps going through its
 *   __SCT__ trampoline (an ordinary reference), which is always right.
 */
static int check_key(struct cdo *c, struct kept *k, size_t e)
{
	const struct rela *key = field_rela(k, e, k->sp->key);
	struct resolved res;

	if (!key)
		return 0;
	if (resolve(c, k->sec, key, &res))
		return -1;
	if (res.to != TO_DYNRELA)
		return 0;
	if (!k->sp->key_dynrela) {
		cdo_dbg("%s: the static call site in %s stays on its trampoline: key %s is not exported",
			k->sec->name, entry_function(k, e), res.name);
		k->keep[e] = false;
		return 0;
	}
	if (key->type != R_X86_64_PC64) {
		cdo_err(c->patched->path, "section %s: jump label in %s uses key %s through relocation type %u, not the R_X86_64_PC64 of a relative jump_entry: kpatch.ko can't set it up (is JUMP_STRUCT_SIZE right?)",
			k->sec->name, entry_function(k, e), res.name, key->type);
		return -1;
	}
	cdo_dbg("%s: jump label in %s: key %s becomes a dynrela",
		k->sec->name, entry_function(k, e), res.name);
	return 0;
}

bool special_key_dynrela(const struct cdo *c, const struct section *sec,
			 GElf_Addr off)
{
	const struct kept *k = find_kept(c->special, sec->name);

	return k && k->sec == sec && k->sp->key_dynrela &&
	       off % k->entsize == (GElf_Addr)k->sp->key &&
	       k->keep[off / k->entsize];
}

/*
 * A .call_sites entry (call depth tracking) whose call goes through a
 * dynrela is dropped: the loader's callthunks_patch_module_calls() reads
 * the call's target while the module loads, before kpatch.ko writes the
 * dynrela, and would find a call to the next instruction (and warn of
 * an invalid padding area).  The call then goes to the function itself,
 * not its accounting thunk, as any call the kernel didn't patch does.
 */
static int drop_late_calls(struct cdo *c, struct kept *k)
{
	size_t i, n;

	for (i = 0; i < k->sec->nrelas; i++) {
		const struct rela *r = &k->sec->relas[i], *call;
		size_t e = r->offset / k->entsize;
		struct section *t = r->sym->sec;
		struct resolved res;
		GElf_Sxword site;

		if (!k->keep[e] || !t || !t->data)
			continue;
		site = r->addend + (r->sym->type == STT_SECTION ? 0 :
			(GElf_Sxword)r->sym->sym.st_value);
		if (site < 0 || (size_t)site >= t->size ||
		    t->data[site] != 0xe8)
			continue;
		call = kelf_relas_in(t, (GElf_Addr)site + 1,
				     (GElf_Addr)site + 2, &n);
		if (!n)
			continue;
		if (resolve(c, t, call, &res))
			return -1;
		if (res.to != TO_DYNRELA)
			continue;
		cdo_dbg("%s: the call to %s at %s+0x%llx is left out: its target is a dynrela",
			k->sec->name, res.name, t->name,
			(unsigned long long)site);
		k->keep[e] = false;
	}
	return 0;
}

static int select_entries(struct cdo *c, struct kept *k)
{
	size_t i;

	if (!strcmp(k->sp->name, ".printk_index"))
		return select_printk_index(c, k);
	for (i = 0; i < k->sec->nrelas; i++) {
		const struct rela *r = &k->sec->relas[i];

		if (points_to_included_text(r))
			k->keep[r->offset / k->entsize] = true;
	}
	/* Kept entries bring what they point to: a key the patch adds. */
	for (i = 0; i < k->sec->nrelas; i++) {
		const struct rela *r = &k->sec->relas[i];

		if (k->keep[r->offset / k->entsize] && include_target(c, r))
			return -1;
	}
	if (!strcmp(k->sp->name, ".call_sites"))
		return drop_late_calls(c, k);
	if (k->sp->key == NONE)
		return 0;
	for (i = 0; i < k->n; i++)
		if (k->keep[i] && check_key(c, k, i))
			return -1;
	return 0;
}

/* .orc_unwind entry i goes with .orc_unwind_ip entry i. */
static int pair_orc(struct cdo *c, struct special_state *st)
{
	struct kept *ip = find_kept(st, ".orc_unwind_ip");
	struct kept *orc = find_kept(st, ".orc_unwind");

	if (!ip && !orc)
		return 0;
	if (!ip || !orc || ip->n != orc->n) {
		cdo_err(c->patched->path, "section .orc_unwind: %zu entries, but .orc_unwind_ip has %zu",
			orc ? orc->n : 0, ip ? ip->n : 0);
		return -1;
	}
	memcpy(orc->keep, ip->keep, ip->n * sizeof(*ip->keep));
	return 0;
}

/* The replacement code that kept alternatives use, byte by byte. */
static int select_replacements(struct cdo *c, struct special_state *st)
{
	struct kept *alt = find_kept(st, ".altinstructions");
	struct section *repl;
	struct kept *k;
	size_t i;

	repl = kelf_find_section(c->patched, ".altinstr_replacement");
	if (!repl || !repl->data)
		return 0;
	k = add_kept(st, repl, lookup(repl->name), 1);
	if (!k) {
		cdo_err(c->patched->path, "out of memory");
		return -1;
	}
	for (i = 0; alt && i < alt->sec->nrelas; i++) {
		const struct rela *r = &alt->sec->relas[i];
		size_t e = r->offset / alt->entsize;
		GElf_Sxword off = r->addend;
		size_t len, j;

		if (!alt->keep[e] ||
		    r->offset != e * alt->entsize + (GElf_Addr)alt->sp->repl ||
		    r->sym->sec != repl || !alt->sec->data)
			continue;
		len = field_u8(alt, e, len_field(alt->sp, alt->sp->repl_len,
						  alt->entsize));
		if (off < 0 || (size_t)off > repl->size ||
		    len > repl->size - (size_t)off) {
			cdo_err(c->patched->path, "section .altinstructions: entry %zu points outside .altinstr_replacement",
				e);
			return -1;
		}
		for (j = 0; j < len; j++)
			k->keep[(size_t)off + j] = true;
		/* So that resolve() points kept entries into the output. */
		repl->include = true;
	}
	return 0;
}

int special_select(struct cdo *c)
{
	struct special_state *st;
	size_t i;

	st = calloc(1, sizeof(*st));
	if (st)
		st->k = calloc(NSPECIALS + 1, sizeof(*st->k));
	if (!st || !st->k) {
		free(st);
		cdo_err(c->patched->path, "out of memory");
		return -1;
	}
	c->special = st;
	for (i = 1; i < c->patched->nsecs; i++) {
		struct section *sec = &c->patched->secs[i];
		const struct special *sp = lookup(sec->name);
		struct kept *k;
		long size;

		/* Entries are read from the data: a table without any is junk. */
		if (!sp || sec->ignore || !sec->data || !sp->size)
			continue;
		if (find_kept(st, sec->name)) {
			cdo_err(c->patched->path, "section %s: appears twice",
				sec->name);
			return -1;
		}
		size = entry_size(sec);
		if (size < 0)
			return -1;
		k = add_kept(st, sec, sp, (size_t)size);
		if (!k) {
			cdo_err(c->patched->path, "out of memory");
			return -1;
		}
		if (select_entries(c, k))
			return -1;
	}
	if (pair_orc(c, st) || select_replacements(c, st))
		return -1;
	return 0;
}

/*
 * Does [off, off + len) of sec overlap an instruction that a kept
 * alternative or paravirt entry rewrites while the module loads?  The
 * core module writes dynrelas later, over whatever the loader put there.
 */
bool special_rewritten(const struct cdo *c, const struct section *sec,
		       GElf_Addr off, size_t len)
{
	static const char *const names[] = {
		".altinstructions", ".parainstructions",
	};
	size_t i, j;

	for (i = 0; i < 2; i++) {
		const struct kept *k = find_kept(c->special, names[i]);

		for (j = 0; k && k->sec->data && j < k->sec->nrelas; j++) {
			const struct rela *r = &k->sec->relas[j];
			size_t e = r->offset / k->entsize;
			GElf_Sxword start;
			size_t ilen;

			if (!k->keep[e] ||
			    r->offset != e * k->entsize + (GElf_Addr)k->sp->code ||
			    r->sym->sec != sec)
				continue;
			start = r->addend + (r->sym->type == STT_SECTION ? 0 :
				(GElf_Sxword)r->sym->sym.st_value);
			ilen = field_u8(k, e, len_field(k->sp, k->sp->code_len,
							k->entsize));
			if (start < (GElf_Sxword)(off + len) &&
			    (GElf_Sxword)off < start + (GElf_Sxword)ilen)
				return true;
		}
	}
	return false;
}

const bool *special_kept(const struct cdo *c, const struct section *sec,
			 size_t *entsize, size_t *nentries)
{
	struct kept *k = find_kept(c->special, sec->name);

	if (!k || k->sec != sec)
		return NULL;
	*entsize = k->entsize;
	*nentries = k->n;
	return k->keep;
}

void special_free(struct cdo *c)
{
	size_t i;

	if (!c->special)
		return;
	for (i = 0; i < c->special->n; i++)
		free(c->special->k[i].keep);
	free(c->special->k);
	free(c->special);
	c->special = NULL;
}
