// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing the parent's symbol listing and Module.symvers.
 *
 * The listing is `readelf -s --wide` output, one symbol a line:
 *   Num:    Value          Size Type    Bind   Vis      Ndx Name
 *     1: 0000000000000000     0 FILE    LOCAL  DEFAULT  ABS cmdline.c
 * The linker keeps each input file's locals together, after that file's
 * STT_FILE symbol, which is how a local is tied to its object.  vmlinux
 * holds many files of the same name (core.c), so the block is chosen by
 * the local symbols it holds as well.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <elf.h>

#include "kelf.h"
#include "log.h"
#include "parent.h"
#include "readfile.h"

/* Listings of vmlinux run to tens of megabytes; nothing sane is bigger. */
#define MAX_TEXT_SIZE ((size_t)1 << 30)

/* Splits line into at most max whitespace-separated fields, in place. */
static size_t split(char *line, char **fields, size_t max)
{
	size_t n = 0;

	while (n < max) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line)
			break;
		fields[n++] = line;
		while (*line && *line != ' ' && *line != '\t')
			line++;
		if (*line)
			*line++ = '\0';
	}
	return n;
}

static int parse_type(const char *t)
{
	static const struct { const char *name; int type; } types[] = {
		{ "NOTYPE", STT_NOTYPE }, { "OBJECT", STT_OBJECT },
		{ "FUNC", STT_FUNC }, { "SECTION", STT_SECTION },
		{ "FILE", STT_FILE }, { "COMMON", STT_COMMON },
		{ "TLS", STT_TLS }, { "IFUNC", STT_GNU_IFUNC },
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(t, types[i].name))
			return types[i].type;
	return -1;
}

/*
 * One line of the listing.  Returns 1 for a symbol, 0 for a line that is
 * not a symbol line (headers, blank), -1 for a garbled symbol line.
 */
static int parse_line(struct parent *p, char *line, size_t *curfile)
{
	char *f[8], *end;
	struct psym *s;
	size_t n;
	int type;

	n = split(line, f, 8);
	if (n < 1 || !strchr(f[0], ':') || f[0][0] < '0' || f[0][0] > '9')
		return 0;
	/* Num: Value Size Type Bind Vis Ndx [Name] */
	if (n < 7)
		return -1;
	type = parse_type(f[3]);
	if (type < 0)
		return -1;
	s = &p->syms[p->nsyms];
	memset(s, 0, sizeof(*s));
	errno = 0;
	s->size = strtoul(f[2], &end, 0);
	if (errno || *end)
		return -1;
	s->addr = strtoul(f[1], &end, 16);
	if (errno || *end)
		return -1;
	s->type = (unsigned char)type;
	if (!strcmp(f[4], "LOCAL"))
		s->local = true;
	else if (strcmp(f[4], "GLOBAL") && strcmp(f[4], "WEAK") &&
		 strcmp(f[4], "UNIQUE"))
		return -1;
	/* A Vis like "[<other>: 88]" splits into more fields: skip them. */
	if (f[5][0] == '[') {
		size_t i = 6;

		while (i < n && !strchr(f[i - 1], ']'))
			i++;
		if (i >= n)
			return -1;
		memmove(&f[6], &f[i], (n - i) * sizeof(f[0]));
		n -= i - 6;
		if (n < 7)
			return -1;
	}
	s->defined = strcmp(f[6], "UND") != 0;
	s->name = n > 7 ? f[7] : "";
	/* Nameless section symbols: thousands, all alike, and never looked up. */
	if (!*s->name || type == STT_SECTION)
		return 1;
	if (type == STT_FILE)
		*curfile = p->nsyms;
	else if (s->local)
		s->file = *curfile;
	htab_add(&p->names, &s->hn, s->name);
	p->nsyms++;
	return 1;
}

static int load_listing(struct parent *p)
{
	size_t size, lines, curfile = 0, lineno = 0;
	char *line, *cursor;

	p->buf = (char *)read_whole_file(p->path, MAX_TEXT_SIZE, &size);
	if (!p->buf)
		return -1;
	lines = count_lines(p->buf);
	p->syms = calloc(lines + 1, sizeof(*p->syms));
	if (!p->syms || htab_init(&p->names, lines)) {
		cdo_err(p->path, "out of memory");
		return -1;
	}
	p->nsyms = 1;
	cursor = p->buf;
	while ((line = next_line(&cursor))) {
		lineno++;
		if (!strncmp(line, "Symbol table '", 14))
			curfile = 0;
		if (parse_line(p, line, &curfile) < 0) {
			cdo_err(p->path, "line %zu: garbled symbol line in the parent's symbol listing",
				lineno);
			return -1;
		}
	}
	if (p->nsyms < 2) {
		cdo_err(p->path, "no symbols: not a `readelf -s --wide` listing");
		return -1;
	}
	return 0;
}

/* Module.symvers: "crc<TAB>symbol<TAB>module<TAB>export type[<TAB>ns]" */
static int load_symvers(struct parent *p, const char *path)
{
	size_t size, lines, n = 0, lineno = 0;
	char *line, *cursor;

	p->symvers_buf = (char *)read_whole_file(path, MAX_TEXT_SIZE, &size);
	if (!p->symvers_buf)
		return -1;
	lines = count_lines(p->symvers_buf);
	p->exps = calloc(lines, sizeof(*p->exps));
	if (!p->exps || htab_init(&p->exports, lines)) {
		cdo_err(path, "out of memory");
		return -1;
	}
	cursor = p->symvers_buf;
	while ((line = next_line(&cursor))) {
		char *f[5];
		size_t nf = 0;

		lineno++;
		if (!*line)
			continue;
		while (nf < 5) {
			f[nf++] = line;
			line = strchr(line, '\t');
			if (!line)
				break;
			*line++ = '\0';
		}
		if (nf < 4 || !*f[1] || strncmp(f[3], "EXPORT_SYMBOL", 13)) {
			cdo_err(path, "line %zu: not a Module.symvers line",
				lineno);
			return -1;
		}
		p->exps[n].module = f[2];
		htab_add(&p->exports, &p->exps[n].hn, f[1]);
		n++;
	}
	return 0;
}

int parent_load_patch_globals(struct parent *p, const char *path)
{
	size_t size, lines, n = 0;
	char *line, *cursor;

	p->pg_buf = (char *)read_whole_file(path, MAX_TEXT_SIZE, &size);
	if (!p->pg_buf)
		return -1;
	lines = count_lines(p->pg_buf);
	p->pg_nodes = calloc(lines, sizeof(*p->pg_nodes));
	if (!p->pg_nodes || htab_init(&p->patch_globals, lines)) {
		cdo_err(path, "out of memory");
		return -1;
	}
	cursor = p->pg_buf;
	while ((line = next_line(&cursor))) {
		char *f[2];

		if (split(line, f, 2) == 1)
			htab_add(&p->patch_globals, &p->pg_nodes[n++], f[0]);
	}
	return 0;
}

bool parent_patch_global(const struct parent *p, const char *name)
{
	return htab_find(&p->patch_globals, name) != NULL;
}

struct parent *parent_load(const char *symtab_path, const char *symvers_path)
{
	struct parent *p = calloc(1, sizeof(*p));

	if (!p) {
		cdo_err(symtab_path, "out of memory");
		return NULL;
	}
	p->path = symtab_path;
	if (load_listing(p) || load_symvers(p, symvers_path)) {
		parent_free(p);
		return NULL;
	}
	return p;
}

void parent_free(struct parent *p)
{
	if (!p)
		return;
	htab_free(&p->names);
	htab_free(&p->exports);
	htab_free(&p->patch_globals);
	free(p->pg_nodes);
	free(p->pg_buf);
	free(p->syms);
	free(p->exps);
	free(p->buf);
	free(p->symvers_buf);
	free(p);
}

/*
 * Is module, as Module.symvers names it (fs/configfs/configfs), the
 * module p->module (configfs)?  kbuild spells '-' in a module's name '_'.
 */
static bool same_module(const char *module, const char *name)
{
	const char *base = strrchr(module, '/');

	base = base ? base + 1 : module;
	for (; *base && *name; base++, name++)
		if (*base != *name && !(strchr("-_", *base) && strchr("-_", *name)))
			return false;
	return !*base && !*name;
}

bool parent_exported_outside(const struct parent *p, const char *name)
{
	struct hnode *n = htab_find(&p->exports, name);

	if (!n)
		return false;
	return !p->module ||
	       !same_module(container_of(n, struct export, hn)->module,
			    p->module);
}

size_t parent_find_file(const struct parent *p, const char *file,
			const char *const *locals, size_t nlocals)
{
	size_t best = 0, best_score = 0, ties = 0, i;
	struct hnode *n;

	for (n = htab_find(&p->names, file); n; n = htab_next(n)) {
		struct psym *f = container_of(n, struct psym, hn);
		size_t fidx = (size_t)(f - p->syms), score = 0;

		if (f->type != STT_FILE)
			continue;
		for (i = 0; i < nlocals; i++)
			if (parent_find_local(p, fidx, locals[i], NULL))
				score++;
		if (!best || score > best_score) {
			best = fidx;
			best_score = score;
			ties = 0;
		} else if (score == best_score) {
			ties++;
		}
	}
	if (!best) {
		cdo_err(p->path, "file symbol %s not found in the parent's symbol listing",
			file);
		return 0;
	}
	if (ties && nlocals) {
		cdo_err(p->path, "file symbol %s: %zu blocks match the object's local symbols equally",
			file, ties + 1);
		return 0;
	}
	return best;
}

int parent_locate_object(struct parent *p, const char *parent_name,
			 const struct kelf *orig, size_t *files)
{
	const char *name = "", **locals;
	size_t i, n = 0, f = 0;
	bool first = true;
	int ret = 0;

	/* See struct parent: kallsyms orders vmlinux, a module's symtab itself. */
	p->by_address = !strcmp(parent_name, "vmlinux");
	p->module = p->by_address ? NULL : parent_name;
	locals = calloc(256, sizeof(*locals));
	if (!locals) {
		cdo_err(orig->path, "out of memory");
		return -1;
	}
	/*
	 * Block by block: the locals that follow an STT_FILE symbol are its
	 * file's (an object linked from several has several blocks).  A few
	 * hundred tell same-named files apart well enough.
	 */
	for (i = 1; i <= orig->nsyms && !ret; i++) {
		const struct symbol *s = i < orig->nsyms ? &orig->syms[i] : NULL;

		if (!s || s->type == STT_FILE) {
			/* Locals before the first STT_FILE count as its. */
			if (s && first) {
				name = s->name;
				first = false;
				continue;
			}
			files[f] = parent_find_file(p, name, locals, n);
			ret = files[f++] ? 0 : -1;
			name = s ? s->name : "";
			n = 0;
			continue;
		}
		if (s->bind == STB_LOCAL && s->sec && n < 256 &&
		    (s->type == STT_FUNC || s->type == STT_OBJECT))
			locals[n++] = s->name;
	}
	free(locals);
	return ret;
}

/* What kpatch.ko can find by name: kallsyms has no file or section symbols. */
static bool findable(const struct psym *s)
{
	return s->defined && s->type != STT_FILE && s->type != STT_SECTION;
}

/*
 * Ties in address (aliases) keep listing order, as scripts/kallsyms.c
 * keeps them.  Listing order is the order in p->syms.
 */
static bool comes_before(const struct parent *p, const struct psym *a,
			 const struct psym *b)
{
	if (p->by_address && a->addr != b->addr)
		return a->addr < b->addr;
	return a < b;
}

static unsigned long sympos_of(const struct parent *p, const struct psym *s)
{
	unsigned long count = 0, before = 0;
	struct hnode *n;

	for (n = htab_find(&p->names, s->name); n; n = htab_next(n)) {
		struct psym *o = container_of(n, struct psym, hn);

		if (!findable(o))
			continue;
		count++;
		if (o != s && comes_before(p, o, s))
			before++;
	}
	return count > 1 ? before + 1 : 0;
}

const struct psym *parent_find_local(const struct parent *p, size_t file,
				     const char *name, unsigned long *sympos)
{
	struct psym *found = NULL;
	struct hnode *n;

	for (n = htab_find(&p->names, name); n; n = htab_next(n)) {
		struct psym *s = container_of(n, struct psym, hn);

		/* The hash chain runs newest first: keep the first in the file. */
		if (s->local && findable(s) && s->file == file)
			found = s;
	}
	if (found && sympos)
		*sympos = sympos_of(p, found);
	return found;
}

const struct psym *parent_find_global(const struct parent *p,
				      const char *name, unsigned long *sympos)
{
	struct hnode *n;

	for (n = htab_find(&p->names, name); n; n = htab_next(n)) {
		struct psym *s = container_of(n, struct psym, hn);

		if (!s->local && s->defined) {
			if (sympos)
				*sympos = sympos_of(p, s);
			return s;
		}
	}
	return NULL;
}
