/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-memory model of one relocatable x86_64 object: sections, symbols
 * and relocations, read through libelf and checked so that later stages
 * can trust every index and every offset.  The diff state (twin, status,
 * include) lives in the same structures, because every stage needs it and
 * a side table per stage would cost lookups for nothing.
 */
#ifndef CDO_KELF_H
#define CDO_KELF_H

#include <gelf.h>
#include <stdbool.h>
#include <stddef.h>

#include "htab.h"

/*
 * What a section is, which decides how it is compared and copied.  Set
 * from its name, type and flags when the object is read.
 */
enum kind {
	K_IGNORE,	/* metadata, debug info, notes, .discard.* */
	K_TEXT,
	K_INIT,		/* __init/__exit code and data: never patchable */
	K_DATA,		/* writable data: may be added, never changed */
	K_RODATA,	/* read-only data: a changed copy is included */
	K_COPY,		/* copied when referenced: __func__, __dyndbg, ... */
	K_STRINGS,	/* merged strings and constants: compared by content */
	K_SPECIAL,	/* tables of entries about code: see special.c */
	K_KPATCH,	/* .kpatch.* from the macros */
	K_OTHER,	/* anything else: changes are refused */
};

enum status {
	ST_NONE,	/* not compared (ignored, or only in orig) */
	ST_SAME,
	ST_CHANGED,
	ST_NEW,
};

struct symbol;

struct rela {
	GElf_Addr offset;
	GElf_Sxword addend;
	/*
	 * The offset in the target symbol or section that this relocation
	 * means.  For data, the addend; for a RIP-relative operand, the
	 * addend plus the distance from the field to the end of the
	 * instruction (4, plus any immediate that follows the field).
	 */
	GElf_Sxword target;
	unsigned int type;
	struct symbol *sym;
};

struct section {
	struct hnode hn;
	const char *name;
	size_t index;
	GElf_Shdr sh;
	unsigned char *data;	/* NULL for SHT_NOBITS and empty sections */
	size_t size;		/* sh_size, also for SHT_NOBITS */

	/* For a section that relocations apply to: */
	struct section *rela;	/* its SHT_RELA section, or NULL */
	struct rela *relas;	/* sorted by offset */
	size_t nrelas;
	/* For an SHT_RELA section: the section it applies to. */
	struct section *base;

	struct symbol *secsym;	/* its STT_SECTION symbol, if any */
	/*
	 * The one function or object that fills the section, as
	 * -ffunction-sections and -fdata-sections produce.  NULL when the
	 * section holds several or none (.data..read_mostly, .init.text).
	 */
	struct symbol *sym;
	struct symbol **syms;	/* FUNC/OBJECT symbols here, by address */
	size_t nsyms;

	/*
	 * A text section of several functions is cut into pieces, one per
	 * function, when it is read (kelf-split.c).  Each piece is a section
	 * of the same name that starts at from_off in the one it was cut
	 * from; that one is left as an ignored shell that knows its pieces.
	 * A section that couldn't be cut says why in unsplit.
	 */
	struct section *from;
	GElf_Addr from_off;
	struct section *pieces;	/* contiguous in kelf.secs */
	size_t npieces;
	const char *unsplit;
	GElf_Addr unsplit_at;	/* the offset the reason is about */

	/*
	 * For code without symbols (.altinstr_aux, where static_cpu_has()
	 * puts one slow path per use): where other sections jump in,
	 * sorted.  Each entry starts one user's snippet.
	 */
	GElf_Addr *entries;
	size_t nentries;

	enum kind kind;
	struct section *twin;
	enum status status;
	bool ignore;		/* never compared nor copied */
	bool include;
};

struct symbol {
	struct hnode hn;
	const char *name;
	size_t index;
	GElf_Sym sym;
	struct section *sec;	/* NULL when undefined, absolute or common */
	unsigned char type, bind;

	struct symbol *twin;
	enum status status;
	bool include;
	/* For foo.cold: foo, the function it is a part of, included with it. */
	struct symbol *whole;
	/*
	 * For a local: which STT_FILE block of the symbol table it follows,
	 * counting from 0.  An object linked from several files with ld -r
	 * has a block per file, and two locals of one name may be in two.
	 */
	size_t file;
};

struct kelf {
	const char *path;
	unsigned char *buf;
	size_t size;
	Elf *elf;
	GElf_Ehdr ehdr;
	struct section *secs;	/* by index; secs[0] is the null section */
	size_t nsecs;
	struct symbol *syms;	/* by index; syms[0] is the null symbol */
	size_t nsyms;
	struct symbol **sym_index;	/* the array every section.syms slices */
	size_t nfiles;			/* STT_FILE symbols */
	GElf_Addr *entry_index;		/* and every section.entries */
	struct section *symtab;
	struct htab sec_names, sym_names;
};

/*
 * Reads path (or, when buf is not NULL, the size bytes at buf, which the
 * model then owns) and checks it.  On error, prints why, naming the file,
 * and returns NULL.
 */
struct kelf *kelf_open(const char *path, unsigned char *buf, size_t size);
void kelf_free(struct kelf *k);

struct section *kelf_find_section(const struct kelf *k, const char *name);
/* The first symbol of that name; more via kelf_next_symbol(). */
struct symbol *kelf_find_symbol(const struct kelf *k, const char *name);
struct symbol *kelf_next_symbol(const struct symbol *s);
/*
 * __pfx_foo and __cfi_foo: padding that objtool (CALL_PADDING, 6.2+) or
 * clang's kCFI put in front of foo, as a function symbol of its own.  It
 * is part of foo: never a function to compare, replace or cut apart.
 */
bool is_prefix_symbol(const struct symbol *s);
/*
 * The length of the endbr64 that function f starts with (4), or 0.  With
 * IBT (-fcf-protection=branch, 6.2+ kernels) every function the compiler
 * emits starts with one, and "call __fentry__" follows it; the kernel
 * may overwrite it at boot (apply_seal_endbr).
 */
size_t kelf_endbr_len(const struct symbol *f);
/*
 * The function or object a relocation means.  Not a section symbol: the
 * symbol itself.  "Section + offset": the section's bundled symbol, else
 * the object at the offset meant (or, failing that, at the addend), else
 * NULL (anonymous constants, strings).
 */
struct symbol *kelf_rela_object(const struct rela *r);
/*
 * The NUL-terminated string a relocation points at in a string section
 * (.rodata.str1.1), through the section symbol or a label such as the
 * .LC1 that __bug_table's file field names; NULL when it doesn't point
 * at one.
 */
const char *kelf_rela_string(const struct rela *r);
/*
 * Code without symbols (see section.entries): the length of the snippet
 * that starts at off, up to the next entry or the end of the section.
 * 0 when off is outside the section.
 */
size_t kelf_snippet_len(const struct section *sec, GElf_Sxword off);
/*
 * What a relocation reads in a mergeable section, through the section
 * symbol or a .LCn label: in a string section, the string from the offset
 * meant to its terminator (included); in a section of constants
 * (.rodata.cst8), the sh_entsize bytes of the entry that holds the offset
 * meant.  Sets *len to the length and *in to the offset meant within
 * those bytes (0 for a string).  NULL when it doesn't point at one.  The
 * linker may merge, move and share these, so the bytes are all that a
 * reference means.
 */
const unsigned char *kelf_rela_constant(const struct rela *r, size_t *len,
				       GElf_Sxword *in);
/* The relocations of sec with offset in [start, end). */
struct rela *kelf_relas_in(const struct section *sec, GElf_Addr start,
			   GElf_Addr end, size_t *n);

static inline bool is_string_section(const struct section *s)
{
	return (s->sh.sh_flags & SHF_STRINGS) != 0;
}

/* Merged fixed-size constants: .rodata.cst2 .. .rodata.cst32. */
static inline bool is_constant_section(const struct section *s)
{
	GElf_Xword f = s->sh.sh_flags;

	return (f & SHF_MERGE) && !(f & SHF_STRINGS) && (f & SHF_ALLOC) &&
	       !(f & (SHF_WRITE | SHF_EXECINSTR)) &&
	       s->sh.sh_type == SHT_PROGBITS;
}

/* Strings or constants that the linker may merge: see kelf_rela_constant. */
static inline bool is_merged_section(const struct section *s)
{
	return is_string_section(s) || is_constant_section(s);
}

const char *kind_name(enum kind k);

/* The byte size of the field a relocation type writes, or 0. */
unsigned int rela_width(unsigned int type);

#endif
