/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the patched object's parent (vmlinux or a module) holds, read from
 * its `readelf -s --wide` listing, and what is exported, read from
 * Module.symvers.  References that the module loader can't resolve
 * become dynrelas named by (objname, name, sympos); this unit finds sympos.
 */
#ifndef CDO_PARENT_H
#define CDO_PARENT_H

#include <stdbool.h>
#include <stddef.h>

#include "htab.h"

struct kelf;

struct psym {
	struct hnode hn;
	const char *name;
	unsigned long size;
	size_t file;		/* index of the STT_FILE entry before it, or 0 */
	unsigned long addr;	/* Value */
	unsigned char type;	/* STT_* */
	bool local, defined;
};

struct parent {
	const char *path;
	char *buf;
	struct psym *syms;	/* in listing order; syms[0] unused */
	/*
	 * How kpatch.ko counts a sympos among the symbols of one name: in
	 * vmlinux, kallsyms gives them in address order; in a module, the
	 * module's own symbol table gives them in listing order.
	 */
	bool by_address;
	/* A module parent's name (configfs); NULL for vmlinux. */
	const char *module;
	size_t nsyms;
	struct htab names;
	struct htab exports;	/* struct export by name */
	struct export *exps;
	char *symvers_buf;
	/* The patch's new globals (parent_load_patch_globals), by name. */
	struct htab patch_globals;
	struct hnode *pg_nodes;
	char *pg_buf;
};

struct export {
	struct hnode hn;
	const char *module;	/* "vmlinux" or a module path */
};

/* Both return NULL after printing why. */
struct parent *parent_load(const char *symtab_path, const char *symvers_path);
void parent_free(struct parent *p);

/*
 * Is name exported (Module.symvers) by vmlinux or by a module other than
 * the parent?  Those the module loader resolves.  A module's references
 * to its own exports are the parent's symbols like any other: a normal
 * relocation would make the patch need the module loaded, and pin it.
 */
bool parent_exported_outside(const struct parent *p, const char *name);

/*
 * Reads the globals that the patch's objects define and their originals
 * don't (one name a line, written by kpatch-build and named by
 * KPATCH_NEW_GLOBALS): the patch module's link resolves references to
 * them, from one object of the patch to another.  Returns 0, or -1 after
 * printing why.
 */
int parent_load_patch_globals(struct parent *p, const char *path);
bool parent_patch_global(const struct parent *p, const char *name);

/*
 * Picks the STT_FILE block of the listing that holds the object: the one
 * named file whose local symbols best match the names given.  Returns its
 * index, or 0 after printing why.
 */
size_t parent_find_file(const struct parent *p, const char *file,
			const char *const *locals, size_t nlocals);

/*
 * Ties the parent, named parent_name (vmlinux or a module), to orig, the
 * object being patched: sets how sympos is counted (by_address) and
 * which exports are the parent's own (module), and
 * finds the parent's STT_FILE block of each of orig's, by its name and
 * its locals, into files[symbol.file] (orig->nfiles of them, at least
 * one).  Returns 0, or -1 after printing why.
 */
int parent_locate_object(struct parent *p, const char *parent_name,
			 const struct kelf *orig, size_t *files);

/*
 * A local of the file block, with its sympos: its 1-based position among
 * all the parent's defined symbols of that name, counted as kpatch.ko
 * counts (see by_address), or 0 when the name is unique.
 */
const struct psym *parent_find_local(const struct parent *p, size_t file,
				     const char *name, unsigned long *sympos);
/* A defined global symbol, with its sympos as above. */
const struct psym *parent_find_global(const struct parent *p,
				      const char *name, unsigned long *sympos);

#endif
