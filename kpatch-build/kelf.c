// SPDX-License-Identifier: GPL-2.0
/*
 * Reading an object into the model.  The whole file is read into memory
 * once; section contents, symbol names and relocations point into that
 * buffer, so nothing is copied twice.  Symbols and relocations are decoded
 * here rather than through libelf's translation, so that every index and
 * offset is checked in one place, before any other stage sees it: the
 * fuzz target feeds this code corrupt files.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kelf.h"
#include "kelf-split.h"
#include "log.h"
#include "metadata.h"
#include "readfile.h"
#include "special.h"

#define MAX_OBJECT_SIZE ((size_t)1 << 31)

unsigned int rela_width(unsigned int type)
{
	switch (type) {
	case R_X86_64_64:
	case R_X86_64_PC64:
		return 8;
	case R_X86_64_PC32:
	case R_X86_64_PLT32:
	case R_X86_64_32:
	case R_X86_64_32S:
	case R_X86_64_GOTPCREL:
	case R_X86_64_GOTPCRELX:
	case R_X86_64_REX_GOTPCRELX:
		return 4;
	default:
		return 0;
	}
}

static bool prefix(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

/* What a section is, from its type, name and flags: see enum kind. */
static enum kind classify(const struct section *sec)
{
	static const char *const ignored[] = {
		".discard", ".comment", ".note", ".debug_", ".eh_frame",
		".BTF", ".llvm", "__patchable_function_entries",
		".gnu.linkonce.this_module", ".modinfo", ".GCC",
		".rela", ".group",
	};
	static const char *const init[] = {
		".init.", ".exit.", ".meminit.", ".head.text", ".init_array",
		".initcall", ".con_initcall", ".security_initcall",
		".ctors", ".x86_cpu_dev.init", ".apicdrivers",
	};
	const char *n = sec->name;
	size_t i;

	switch (sec->sh.sh_type) {
	case SHT_NULL: case SHT_SYMTAB: case SHT_STRTAB:
	case SHT_SYMTAB_SHNDX: case SHT_GROUP: case SHT_RELA:
		return K_IGNORE;
	}
	if (prefix(n, KPATCH_SEC_PREFIX))
		return K_KPATCH;
	for (i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		if (prefix(n, ignored[i]))
			return K_IGNORE;
	if (is_special_section(n))
		return K_SPECIAL;
	for (i = 0; i < sizeof(init) / sizeof(init[0]); i++)
		if (prefix(n, init[i]))
			return K_INIT;
	if (prefix(n, "__ksymtab") || prefix(n, "___ksymtab") ||
	    prefix(n, "__kcrctab"))
		return K_OTHER;
	/* Copies are as good as the original: nothing compares them. */
	if (prefix(n, ".rodata.__func__") || !strcmp(n, "__dyndbg") ||
	    !strcmp(n, "__verbose") ||
	    prefix(n, ".rodata._entry"))
		return K_COPY;
	/*
	 * Merged strings, and the merged constants of .rodata.cst2 ..
	 * .rodata.cst32 (a 16-bit store merged from two chars, an SSE
	 * mask): nothing but their users names them, through the section
	 * symbol or a .LCn label, so they are compared through their users.
	 */
	if ((sec->sh.sh_flags & SHF_STRINGS) || is_constant_section(sec))
		return K_STRINGS;
	if (sec->sh.sh_flags & SHF_EXECINSTR)
		return K_TEXT;
	if ((sec->sh.sh_flags & SHF_ALLOC) && (sec->sh.sh_flags & SHF_WRITE))
		return K_DATA;
	if (sec->sh.sh_flags & SHF_ALLOC)
		return K_RODATA;
	return K_OTHER;
}

const char *kind_name(enum kind k)
{
	static const char *const names[] = {
		"ignored", "text", "init", "data", "read-only data", "copied",
		"merged strings or constants", "special", "kpatch", "other",
	};

	return names[k];
}

static bool range_ok(size_t total, uint64_t off, uint64_t len)
{
	return off <= total && len <= total - off;
}

static int check_header(struct kelf *k)
{
	if (elf_kind(k->elf) != ELF_K_ELF) {
		cdo_err(k->path, "not an ELF file");
		return -1;
	}
	if (gelf_getclass(k->elf) != ELFCLASS64) {
		cdo_err(k->path, "wrong ELF class: not a 64-bit object");
		return -1;
	}
	if (!gelf_getehdr(k->elf, &k->ehdr)) {
		cdo_err(k->path, "bad ELF header: %s", elf_errmsg(-1));
		return -1;
	}
	if (k->ehdr.e_ident[EI_DATA] != ELFDATA2LSB) {
		cdo_err(k->path, "wrong byte order: not little-endian");
		return -1;
	}
	if (k->ehdr.e_machine != EM_X86_64) {
		cdo_err(k->path, "wrong machine %u: not x86_64",
			k->ehdr.e_machine);
		return -1;
	}
	if (k->ehdr.e_type != ET_REL) {
		cdo_err(k->path, "not a relocatable object (ELF type %u)",
			k->ehdr.e_type);
		return -1;
	}
	return 0;
}

static int read_sections(struct kelf *k)
{
	size_t shstrndx, i;

	if (elf_getshdrnum(k->elf, &k->nsecs) || k->nsecs < 2 ||
	    elf_getshdrstrndx(k->elf, &shstrndx) || shstrndx >= k->nsecs) {
		int e = elf_errno();

		cdo_err(k->path, "truncated or corrupt: the section header table is missing or outside the file%s%s",
			e ? ": " : "", e ? elf_errmsg(e) : "");
		return -1;
	}
	k->secs = calloc(k->nsecs, sizeof(*k->secs));
	if (!k->secs || htab_init(&k->sec_names, k->nsecs)) {
		cdo_err(k->path, "out of memory");
		return -1;
	}
	k->secs[0].name = "";
	for (i = 1; i < k->nsecs; i++) {
		struct section *s = &k->secs[i];
		Elf_Scn *scn = elf_getscn(k->elf, i);

		s->index = i;
		if (!scn || !gelf_getshdr(scn, &s->sh)) {
			cdo_err(k->path, "section %zu: bad header: %s", i,
				elf_errmsg(-1));
			return -1;
		}
		s->name = elf_strptr(k->elf, shstrndx, s->sh.sh_name);
		if (!s->name) {
			cdo_err(k->path, "section %zu: bad name", i);
			return -1;
		}
		if (s->sh.sh_flags & SHF_COMPRESSED) {
			cdo_err(k->path, "section %s: compressed sections are not supported",
				s->name);
			return -1;
		}
		s->size = s->sh.sh_size;
		if (s->sh.sh_type != SHT_NOBITS && s->sh.sh_type != SHT_NULL &&
		    s->size) {
			if (!range_ok(k->size, s->sh.sh_offset, s->size)) {
				cdo_err(k->path, "section %s: extends past the end of the file",
					s->name);
				return -1;
			}
			s->data = k->buf + s->sh.sh_offset;
		}
		if (s->sh.sh_type == SHT_REL) {
			cdo_err(k->path, "section %s: SHT_REL relocations are not supported on x86_64",
				s->name);
			return -1;
		}
		s->kind = classify(s);
		htab_add(&k->sec_names, &s->hn, s->name);
	}
	return 0;
}

static int read_symbols(struct kelf *k)
{
	struct section *strtab, *shndx = NULL;
	size_t i;

	for (i = 1; i < k->nsecs; i++) {
		if (k->secs[i].sh.sh_type == SHT_SYMTAB) {
			if (k->symtab) {
				cdo_err(k->path, "more than one symbol table");
				return -1;
			}
			k->symtab = &k->secs[i];
		}
		if (k->secs[i].sh.sh_type == SHT_SYMTAB_SHNDX)
			shndx = &k->secs[i];
	}
	if (!k->symtab) {
		cdo_err(k->path, "no symbol table (.symtab): was the object stripped?");
		return -1;
	}
	if (k->symtab->sh.sh_entsize != sizeof(Elf64_Sym) ||
	    k->symtab->size % sizeof(Elf64_Sym) ||
	    k->symtab->sh.sh_link >= k->nsecs ||
	    k->secs[k->symtab->sh.sh_link].sh.sh_type != SHT_STRTAB) {
		cdo_err(k->path, "section %s: malformed symbol table",
			k->symtab->name);
		return -1;
	}
	strtab = &k->secs[k->symtab->sh.sh_link];
	k->nsyms = k->symtab->size / sizeof(Elf64_Sym);
	if (k->nsyms < 1 || !strtab->data || !strtab->size ||
	    strtab->data[strtab->size - 1] != '\0') {
		cdo_err(k->path, "section %s: malformed symbol table",
			k->symtab->name);
		return -1;
	}
	if (shndx && (shndx->size < k->nsyms * 4 || !shndx->data))
		shndx = NULL;
	k->syms = calloc(k->nsyms, sizeof(*k->syms));
	if (!k->syms || htab_init(&k->sym_names, k->nsyms)) {
		cdo_err(k->path, "out of memory");
		return -1;
	}
	k->syms[0].name = "";
	for (i = 1; i < k->nsyms; i++) {
		struct symbol *sym = &k->syms[i];
		size_t secidx;

		memcpy(&sym->sym, k->symtab->data + i * sizeof(Elf64_Sym),
		       sizeof(Elf64_Sym));
		sym->index = i;
		if (sym->sym.st_name >= strtab->size) {
			cdo_err(k->path, "symbol %zu: name out of range", i);
			return -1;
		}
		/* The strtab ends in NUL (checked above), so this is bounded. */
		sym->name = (const char *)strtab->data + sym->sym.st_name;
		sym->type = GELF_ST_TYPE(sym->sym.st_info);
		sym->bind = GELF_ST_BIND(sym->sym.st_info);
		secidx = sym->sym.st_shndx;
		if (secidx == SHN_XINDEX && shndx) {
			uint32_t x;

			memcpy(&x, shndx->data + i * 4, 4);
			secidx = x;
		} else if (secidx >= SHN_LORESERVE) {
			secidx = 0;	/* SHN_ABS, SHN_COMMON */
		}
		if (secidx >= k->nsecs) {
			cdo_err(k->path, "symbol %s: section index %zu out of range",
				sym->name, secidx);
			return -1;
		}
		if (secidx)
			sym->sec = &k->secs[secidx];
		if (sym->type == STT_SECTION && sym->sec) {
			sym->name = sym->sec->name;
			if (!sym->sec->secsym)
				sym->sec->secsym = sym;
		}
		if ((sym->type == STT_FUNC || sym->type == STT_OBJECT) &&
		    sym->sec && sym->sec->sh.sh_type != SHT_NOBITS &&
		    !range_ok(sym->sec->size, sym->sym.st_value,
			      sym->sym.st_size)) {
			cdo_err(k->path, "symbol %s: extends past the end of section %s",
				sym->name, sym->sec->name);
			return -1;
		}
		if (sym->type == STT_FILE)
			sym->file = k->nfiles++;
		else
			sym->file = k->nfiles ? k->nfiles - 1 : 0;
		htab_add(&k->sym_names, &sym->hn, sym->name);
	}
	return 0;
}

static int cmp_sym_addr(const void *a, const void *b)
{
	const struct symbol *x = *(struct symbol *const *)a;
	const struct symbol *y = *(struct symbol *const *)b;

	if (x->sym.st_value != y->sym.st_value)
		return x->sym.st_value < y->sym.st_value ? -1 : 1;
	/* Bigger first, so that a lookup finds the enclosing object. */
	if (x->sym.st_size != y->sym.st_size)
		return x->sym.st_size > y->sym.st_size ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * Is sec named for sym, as -ffunction-sections and -fdata-sections name
 * them (.text.foo, .bss.counter, and .text.unlikely.foo for foo.cold)?
 * A section that merely happens to hold one object (.data..read_mostly
 * in a small file) is not bundled: in the other build it may hold two.
 */
static bool named_after(const char *sec, const char *sym)
{
	size_t ls = strlen(sec), ln = strlen(sym), d = ln;

	/* foo.cold, or foo.cold.0 from GCC 8 and 9. */
	while (d > 0 && sym[d - 1] >= '0' && sym[d - 1] <= '9')
		d--;
	if (d < ln && d > 1 && sym[d - 1] == '.')
		d--;
	else
		d = ln;
	if (d > 5 && !strncmp(sym + d - 5, ".cold", 5))
		ln = d - 5;
	return ln && ls > ln && sec[ls - ln - 1] == '.' &&
	       !strncmp(sec + ls - ln, sym, ln);
}

bool is_prefix_symbol(const struct symbol *s)
{
	return s->type == STT_FUNC && (!strncmp(s->name, "__pfx_", 6) ||
				       !strncmp(s->name, "__cfi_", 6));
}

size_t kelf_endbr_len(const struct symbol *f)
{
	static const unsigned char endbr64[] = { 0xf3, 0x0f, 0x1e, 0xfa };
	const struct section *sec = f->sec;
	GElf_Addr at = f->sym.st_value;

	if (!sec || !sec->data || f->type != STT_FUNC ||
	    at + sizeof(endbr64) > sec->size ||
	    f->sym.st_size < sizeof(endbr64))
		return 0;
	return memcmp(sec->data + at, endbr64, sizeof(endbr64)) ? 0 :
		sizeof(endbr64);
}

/*
 * The symbol a section is named after and filled by: alone, or with
 * aliases of itself (same address and size: an alias attribute, or code
 * the compiler folded) and its prefix right in front of it.  NULL when
 * the section holds anything else, or doesn't start with it.
 */
static struct symbol *bundled_symbol(const struct section *sec)
{
	struct symbol *f = NULL;
	size_t i;

	for (i = 0; i < sec->nsyms && !f; i++)
		if (!is_prefix_symbol(sec->syms[i]) &&
		    named_after(sec->name, sec->syms[i]->name))
			f = sec->syms[i];
	if (!f || sec->syms[0]->sym.st_value != 0)
		return NULL;
	for (i = 0; i < sec->nsyms; i++) {
		const struct symbol *s = sec->syms[i];

		if (s == f || (s->type == f->type &&
			       s->sym.st_value == f->sym.st_value &&
			       s->sym.st_size == f->sym.st_size))
			continue;
		if (is_prefix_symbol(s) &&
		    s->sym.st_value + s->sym.st_size == f->sym.st_value)
			continue;
		return NULL;
	}
	return f;
}

/*
 * Per-section symbol lists, for finding the object behind a "section +
 * offset" relocation, and the bundled symbol of each -ffunction-sections
 * or -fdata-sections section.
 */
static int index_section_symbols(struct kelf *k)
{
	struct symbol **all;
	size_t i, n = 0, pos = 0;

	for (i = 1; i < k->nsyms; i++)
		if ((k->syms[i].type == STT_FUNC ||
		     k->syms[i].type == STT_OBJECT) && k->syms[i].sec) {
			k->syms[i].sec->nsyms++;
			n++;
		}
	all = calloc(n ? n : 1, sizeof(*all));
	if (!all) {
		cdo_err(k->path, "out of memory");
		return -1;
	}
	/* One array for all sections: each takes a slice. */
	for (i = 1; i < k->nsecs; i++) {
		k->secs[i].syms = all + pos;
		pos += k->secs[i].nsyms;
		k->secs[i].nsyms = 0;
	}
	for (i = 1; i < k->nsyms; i++) {
		struct symbol *s = &k->syms[i];

		if ((s->type == STT_FUNC || s->type == STT_OBJECT) && s->sec)
			s->sec->syms[s->sec->nsyms++] = s;
	}
	for (i = 1; i < k->nsecs; i++) {
		struct section *sec = &k->secs[i];

		qsort(sec->syms, sec->nsyms, sizeof(*sec->syms), cmp_sym_addr);
		if (sec->nsyms)
			sec->sym = bundled_symbol(sec);
	}
	k->sym_index = all;
	return 0;
}

/*
 * The size of the immediate after a RIP-relative disp32 at off in text,
 * from the opcode and ModRM byte in front of it: "cmpb $0, x(%rip)" ends
 * one byte after its displacement, and its addend is -5, not -4.  Only
 * the forms GCC emits with a RIP-relative operand and an immediate are
 * listed; everything else has none.
 */
static unsigned int imm_after(const unsigned char *d, GElf_Addr off)
{
	unsigned char modrm, op;
	bool opsize = false, twobyte = false;

	if (off < 2)
		return 0;
	modrm = d[off - 1];
	if ((modrm & 0xc7) != 0x05)	/* not mod=00 rm=101: not RIP */
		return 0;
	op = d[off - 2];
	if (off >= 3 && d[off - 3] == 0x0f) {
		twobyte = true;
	} else if (off >= 3) {
		/* A REX prefix may sit between 0x66 and the opcode. */
		unsigned char p = d[off - 3];

		if ((p & 0xf0) == 0x40 && off >= 4)
			p = d[off - 4];
		opsize = p == 0x66;
	}
	if (twobyte)
		return op == 0xba ? 1 : 0;	/* bt/bts/btr/btc $imm8 */
	switch (op) {
	case 0x80: case 0x82: case 0x83: case 0xc6: case 0x6b:
	case 0xc0: case 0xc1:
		return 1;
	case 0x81: case 0xc7: case 0x69:
		return opsize ? 2 : 4;
	case 0xf6:
		return ((modrm >> 3) & 7) <= 1 ? 1 : 0;	/* test $imm8 */
	case 0xf7:
		return ((modrm >> 3) & 7) <= 1 ? (opsize ? 2 : 4) : 0;
	default:
		return 0;
	}
}

static bool is_pcrel(unsigned int type)
{
	return type == R_X86_64_PC32 || type == R_X86_64_PLT32 ||
	       type == R_X86_64_PC64 || type == R_X86_64_GOTPCREL ||
	       type == R_X86_64_GOTPCRELX || type == R_X86_64_REX_GOTPCRELX;
}

static GElf_Sxword target_of(const struct section *base, const struct rela *r)
{
	if (!is_pcrel(r->type) || rela_width(r->type) != 4 ||
	    !(base->sh.sh_flags & SHF_EXECINSTR) || !base->data)
		return r->addend;
	return r->addend + 4 + (GElf_Sxword)imm_after(base->data, r->offset);
}

static int cmp_rela(const void *a, const void *b)
{
	const struct rela *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static int read_relas(struct kelf *k)
{
	size_t i, j, n;

	for (i = 1; i < k->nsecs; i++) {
		struct section *rs = &k->secs[i], *base;

		if (rs->sh.sh_type != SHT_RELA)
			continue;
		if (rs->sh.sh_entsize != sizeof(Elf64_Rela) ||
		    rs->size % sizeof(Elf64_Rela) ||
		    rs->sh.sh_info == 0 || rs->sh.sh_info >= k->nsecs ||
		    rs->sh.sh_info == i || rs->sh.sh_link != k->symtab->index) {
			cdo_err(k->path, "section %s: malformed relocation section",
				rs->name);
			return -1;
		}
		base = &k->secs[rs->sh.sh_info];
		if (base->rela || base->sh.sh_type == SHT_RELA) {
			cdo_err(k->path, "section %s: second relocation section for %s",
				rs->name, base->name);
			return -1;
		}
		base->rela = rs;
		rs->base = base;
		base->nrelas = rs->size / sizeof(Elf64_Rela);
		if (!base->nrelas)
			continue;
		base->relas = calloc(base->nrelas, sizeof(*base->relas));
		if (!base->relas) {
			cdo_err(k->path, "out of memory");
			return -1;
		}
		for (j = 0, n = 0; j < base->nrelas; j++) {
			struct rela *r = &base->relas[n];
			Elf64_Rela raw;
			size_t symidx;
			unsigned int w;

			memcpy(&raw, rs->data + j * sizeof(raw), sizeof(raw));
			/*
			 * R_X86_64_NONE writes nothing: what ld -r leaves of a
			 * relocation it resolved or discarded, or a .reloc that
			 * only ties two sections together.  Nothing to compare
			 * or to carry.
			 */
			if (ELF64_R_TYPE(raw.r_info) == R_X86_64_NONE)
				continue;
			n++;
			symidx = ELF64_R_SYM(raw.r_info);
			r->type = ELF64_R_TYPE(raw.r_info);
			r->offset = raw.r_offset;
			r->addend = raw.r_addend;
			w = rela_width(r->type);
			if (!symidx || symidx >= k->nsyms || !w) {
				cdo_err(k->path, "section %s: relocation %zu: bad symbol or unsupported type %u",
					rs->name, j, r->type);
				return -1;
			}
			if (!range_ok(base->size, r->offset, w)) {
				cdo_err(k->path, "section %s: relocation at 0x%llx is outside %s",
					rs->name,
					(unsigned long long)r->offset,
					base->name);
				return -1;
			}
			r->sym = &k->syms[symidx];
			r->target = target_of(base, r);
		}
		base->nrelas = n;
		qsort(base->relas, base->nrelas, sizeof(*base->relas),
		      cmp_rela);
	}
	return 0;
}

static bool is_anonymous_code(const struct section *s)
{
	return s->kind == K_TEXT && !s->nsyms && s->data && !s->pieces;
}

static int cmp_addr(const void *a, const void *b)
{
	GElf_Addr x = *(const GElf_Addr *)a, y = *(const GElf_Addr *)b;

	return x < y ? -1 : x > y;
}

/*
 * The entry points of code without symbols: the offsets that relocations
 * from other sections mean.  One array for all sections, sliced.
 */
static int index_entries(struct kelf *k)
{
	size_t i, j, n = 0, pos = 0;
	GElf_Addr *all;

	for (i = 1; i < k->nsecs; i++)
		for (j = 0; j < k->secs[i].nrelas; j++) {
			const struct rela *r = &k->secs[i].relas[j];

			if (r->sym->type == STT_SECTION && r->sym->sec &&
			    r->sym->sec != &k->secs[i] &&
			    is_anonymous_code(r->sym->sec) && r->target >= 0 &&
			    (size_t)r->target < r->sym->sec->size)
				r->sym->sec->nentries++;
		}
	for (i = 1; i < k->nsecs; i++)
		n += k->secs[i].nentries;
	if (!n)
		return 0;
	all = malloc(n * sizeof(*all));
	if (!all) {
		cdo_err(k->path, "out of memory");
		return -1;
	}
	k->entry_index = all;
	for (i = 1; i < k->nsecs; i++) {
		k->secs[i].entries = all + pos;
		pos += k->secs[i].nentries;
		k->secs[i].nentries = 0;
	}
	for (i = 1; i < k->nsecs; i++)
		for (j = 0; j < k->secs[i].nrelas; j++) {
			const struct rela *r = &k->secs[i].relas[j];
			struct section *t = r->sym->sec;

			if (r->sym->type == STT_SECTION && t && t != &k->secs[i] &&
			    is_anonymous_code(t) && r->target >= 0 &&
			    (size_t)r->target < t->size)
				t->entries[t->nentries++] = (GElf_Addr)r->target;
		}
	for (i = 1; i < k->nsecs; i++) {
		struct section *s = &k->secs[i];
		size_t u = 0;

		if (!s->nentries)
			continue;
		qsort(s->entries, s->nentries, sizeof(*s->entries), cmp_addr);
		for (j = 0; j < s->nentries; j++)
			if (!u || s->entries[u - 1] != s->entries[j])
				s->entries[u++] = s->entries[j];
		s->nentries = u;
	}
	return 0;
}

size_t kelf_snippet_len(const struct section *sec, GElf_Sxword off)
{
	size_t lo = 0, hi = sec->nentries;

	if (off < 0 || (size_t)off >= sec->size)
		return 0;
	/* The first entry past off ends the snippet. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sec->entries[mid] <= (GElf_Addr)off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < sec->nentries ? sec->entries[lo] : sec->size) -
	       (size_t)off;
}

/* foo.cold (and foo.isra.0.cold) are parts of foo: find the whole. */
static void link_cold_parts(struct kelf *k)
{
	size_t i;

	for (i = 1; i < k->nsyms; i++) {
		struct symbol *s = &k->syms[i], *p;
		const char *cold;
		char buf[512];
		size_t len;

		if (s->type != STT_FUNC || !s->sec)
			continue;
		cold = strstr(s->name, ".cold");
		if (!cold)
			continue;
		len = (size_t)(cold - s->name);
		if (len >= sizeof(buf))
			continue;
		memcpy(buf, s->name, len);
		buf[len] = '\0';
		for (p = kelf_find_symbol(k, buf); p; p = kelf_next_symbol(p))
			if (p->type == STT_FUNC && p->sec && p != s) {
				s->whole = p;
				break;
			}
	}
}

struct kelf *kelf_open(const char *path, unsigned char *buf, size_t size)
{
	struct kelf *k;

	if (elf_version(EV_CURRENT) == EV_NONE) {
		cdo_err(path, "libelf is too old");
		free(buf);
		return NULL;
	}
	k = calloc(1, sizeof(*k));
	if (!k) {
		cdo_err(path, "out of memory");
		free(buf);
		return NULL;
	}
	k->path = path;
	if (buf) {
		k->buf = buf;
		k->size = size;
	} else {
		k->buf = read_whole_file(path, MAX_OBJECT_SIZE, &k->size);
		if (!k->buf) {
			free(k);
			return NULL;
		}
	}
	k->elf = elf_memory((char *)k->buf, k->size);
	if (!k->elf) {
		cdo_err(path, "not an ELF file: %s", elf_errmsg(-1));
		goto fail;
	}
	if (check_header(k) || read_sections(k) || read_symbols(k) ||
	    index_section_symbols(k) || read_relas(k) || kelf_split_text(k) ||
	    index_entries(k))
		goto fail;
	link_cold_parts(k);
	return k;
fail:
	kelf_free(k);
	return NULL;
}

void kelf_free(struct kelf *k)
{
	size_t i;

	if (!k)
		return;
	if (k->secs) {
		for (i = 0; i < k->nsecs; i++)
			free(k->secs[i].relas);
	}
	free(k->sym_index);
	free(k->entry_index);
	free(k->secs);
	free(k->syms);
	htab_free(&k->sec_names);
	htab_free(&k->sym_names);
	if (k->elf)
		elf_end(k->elf);
	free(k->buf);
	free(k);
}

struct section *kelf_find_section(const struct kelf *k, const char *name)
{
	struct hnode *n = htab_find(&k->sec_names, name);

	return n ? container_of(n, struct section, hn) : NULL;
}

struct symbol *kelf_find_symbol(const struct kelf *k, const char *name)
{
	struct hnode *n = htab_find(&k->sym_names, name);

	return n ? container_of(n, struct symbol, hn) : NULL;
}

struct symbol *kelf_next_symbol(const struct symbol *s)
{
	struct hnode *n = htab_next(&s->hn);

	return n ? container_of(n, struct symbol, hn) : NULL;
}

/* The FUNC/OBJECT symbol of sec that covers off, or NULL. */
static struct symbol *kelf_symbol_at(const struct section *sec, GElf_Addr off)
{
	size_t lo = 0, hi = sec->nsyms, steps = 0;

	/* Past the last symbol that starts at or before off ... */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sec->syms[mid]->sym.st_value <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	/*
	 * ... then back to one that covers it.  Objects rarely nest, so a
	 * few steps back are enough, and the walk stays bounded.
	 */
	while (lo > 0 && steps++ < 8) {
		struct symbol *s = sec->syms[--lo];

		if (off < s->sym.st_value + s->sym.st_size)
			return s;
	}
	return NULL;
}

struct symbol *kelf_rela_object(const struct rela *r)
{
	struct section *sec = r->sym->sec;
	struct symbol *s;

	if (r->sym->type != STT_SECTION || !sec)
		return r->sym;
	if (sec->sym)
		return sec->sym;
	/* .data.once + 3: the object at that offset. */
	s = kelf_symbol_at(sec, (GElf_Addr)r->target);
	if (!s && r->addend >= 0)
		s = kelf_symbol_at(sec, (GElf_Addr)r->addend);
	return s;
}

const char *kelf_rela_string(const struct rela *r)
{
	const struct section *sec = r->sym->sec;
	GElf_Sxword off = r->target;

	if (!sec || !is_string_section(sec))
		return NULL;
	/* A label (.LC1, from inline asm) marks the string's start. */
	if (r->sym->type != STT_SECTION)
		off += (GElf_Sxword)r->sym->sym.st_value;
	if (!sec->data || off < 0 || (size_t)off >= sec->size ||
	    !memchr(sec->data + off, '\0', sec->size - (size_t)off))
		return NULL;
	return (const char *)sec->data + off;
}

const unsigned char *kelf_rela_constant(const struct rela *r, size_t *len,
				       GElf_Sxword *in)
{
	const struct section *sec = r->sym->sec;
	GElf_Sxword off = r->target;
	size_t es, start, end, i;

	if (!sec || !is_merged_section(sec) || !sec->data)
		return NULL;
	/* A label (.LC1) marks where its string or constant starts. */
	if (r->sym->type != STT_SECTION)
		off += (GElf_Sxword)r->sym->sym.st_value;
	es = sec->sh.sh_entsize;
	if (!es && is_string_section(sec))
		es = 1;			/* "aS" from hand-written asm */
	if (off < 0 || (size_t)off >= sec->size || !es || es > sec->size)
		return NULL;
	if (!is_string_section(sec)) {
		start = (size_t)off - (size_t)off % es;
		if (start + es > sec->size)
			return NULL;
		*len = es;
		*in = off - (GElf_Sxword)start;
		return sec->data + start;
	}
	/* Characters of es bytes (str2.2: UTF-16), up to an all-zero one. */
	start = (size_t)off;
	if (start % es)
		return NULL;
	for (end = start; end + es <= sec->size; end += es) {
		for (i = 0; i < es && !sec->data[end + i]; i++)
			;
		if (i == es) {
			*len = end + es - start;
			*in = 0;
			return sec->data + start;
		}
	}
	return NULL;
}

struct rela *kelf_relas_in(const struct section *sec, GElf_Addr start,
			   GElf_Addr end, size_t *n)
{
	size_t lo = 0, hi = sec->nrelas, first;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sec->relas[mid].offset < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (lo < sec->nrelas && sec->relas[lo].offset < end)
		lo++;
	*n = lo - first;
	return sec->relas ? sec->relas + first : NULL;
}
