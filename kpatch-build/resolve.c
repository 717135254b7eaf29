// SPDX-License-Identifier: GPL-2.0
/*
 * Resolution of references from included code.  The names used for the
 * parent are the original object's names (a renamed static local
 * __key.14 is __key.12 in the running kernel).
 *
 * Its load-time counterpart is kmod/core/resolve.c, which finds these
 * dynrelas' targets in the running kernel and writes them (those in a
 * patch module's __jump_table as the module comes, in kmod/core/early.c).
 */
#include <string.h>

#include "cdo.h"
#include "log.h"
#include "resolve.h"

/*
 * Symbols that the module loader must resolve itself, because the kernel
 * rewrites their call sites while loading the module, before any dynrela
 * could be written: ftrace turns "call __fentry__" into NOPs, and the
 * return and retpoline thunk sites are patched by apply_returns() and
 * apply_retpolines().  All of them are exported on x86_64.
 */
static bool loader_must_resolve(const char *name)
{
	return !strcmp(name, "__fentry__") ||
	       !strcmp(name, "__x86_return_thunk") ||
	       !strncmp(name, "__x86_indirect_thunk_", 21) ||
	       !strncmp(name, "__x86_indirect_jump_thunk_", 26);
}

static int unresolved(const struct cdo *c, const struct section *in,
		      const char *name, const char *why)
{
	cdo_err(c->patched->path, "section %s: reference to %s: %s",
		in->name, name, why);
	return -1;
}

int resolve(const struct cdo *c, const struct section *in,
	    const struct rela *r, struct resolved *out)
{
	struct symbol *s = r->sym;
	const struct psym *ps;
	const char *name;

	memset(out, 0, sizeof(*out));
	out->addend = r->addend;
	out->target = r->target;
	if (s->type == STT_SECTION) {
		struct section *sec = s->sec;
		struct symbol *t;

		if (!sec)
			return unresolved(c, in, s->name, "section symbol without a section");
		if (sec->include) {
			out->to = TO_OUTPUT_SECTION;
			out->sec = sec;
			return 0;
		}
		t = kelf_rela_object(r);
		if (!t)
			return unresolved(c, in, sec->name,
					  "no symbol at the referenced offset, so the parent's copy can't be named");
		/* An object cut out of its section: the piece has it. */
		if (t->include) {
			out->to = TO_OUTPUT_SECTION;
			out->sec = sec;
			return 0;
		}
		s = t;
		out->addend -= (GElf_Sxword)t->sym.st_value;
	}
	if (s->sec && s->include) {
		out->to = TO_OUTPUT_SYMBOL;
		out->sym = s;
		return 0;
	}
	/* A label (.LC1) in an included section: an offset in it. */
	if (s->sec && s->sec->include && s->type != STT_FUNC &&
	    s->type != STT_OBJECT) {
		out->to = TO_OUTPUT_SECTION;
		out->sec = s->sec;
		out->addend += (GElf_Sxword)s->sym.st_value;
		out->target += (GElf_Sxword)s->sym.st_value;
		return 0;
	}
	/*
	 * Never a symbol of the parent: its .LCn, if it lists one, may name
	 * another constant.  include_target() takes these along.
	 */
	if (s->sec && s->sec->kind == K_STRINGS)
		return unresolved(c, in, s->name, "a string or merged constant that isn't part of the patch; it should have come with the code that uses it");
	name = parent_name_of(s);
	if (s->bind != STB_LOCAL &&
	    (loader_must_resolve(name) ||
	     parent_exported_outside(c->parent, name))) {
		out->to = TO_LOADER;
		out->name = name;
		return 0;
	}
	if (loader_must_resolve(name))
		return unresolved(c, in, name, "must be resolved by the module loader, but it isn't a global symbol");
	/* Another object of the patch defines it: the patch's link resolves it. */
	if (!s->sec && s->bind != STB_LOCAL &&
	    parent_patch_global(c->parent, name)) {
		out->to = TO_LOADER;
		out->name = name;
		return 0;
	}
	out->to = TO_DYNRELA;
	out->name = name;
	out->objname = c->parent_name;
	if (s->sec && s->bind == STB_LOCAL) {
		ps = parent_find_local(c->parent, parent_file_of(c, s), name,
				       &out->sympos);
		if (!ps)
			return unresolved(c, in, name, "local symbol not found among the object's symbols in the parent's symbol listing");
		return 0;
	}
	ps = parent_find_global(c->parent, name, &out->sympos);
	if (ps)
		return 0;
	if (!s->sec && strcmp(c->parent_name, "vmlinux")) {
		/* A module's undefined symbol that isn't exported: vmlinux. */
		out->objname = "vmlinux";
		return 0;
	}
	return unresolved(c, in, name, s->sec ?
			  "global symbol not found in the parent's symbol listing" :
			  "neither exported (Module.symvers) nor defined in the parent, nor a new global of the patch (KPATCH_NEW_GLOBALS)");
}
