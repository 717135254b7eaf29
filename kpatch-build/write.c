// SPDX-License-Identifier: GPL-2.0
/*
 * Writing the output object with libelf.  Symbols and relocations are
 * encoded here as raw little-endian records (ELF_T_BYTE), so libelf
 * copies them as they are: this only ever runs on x86_64.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "output.h"
#include "strtab.h"

/* Sets sh->sh_name; false when out of memory. */
static bool set_name(struct strtab *t, GElf_Shdr *sh, const char *name)
{
	size_t off = strtab_add(t, name);

	sh->sh_name = (Elf64_Word)off;
	return off != (size_t)-1;
}

static Elf_Scn *add_scn(Elf *e, const GElf_Shdr *sh, void *buf, size_t size)
{
	Elf_Scn *scn = elf_newscn(e);
	Elf_Data *d;

	if (!scn)
		return NULL;
	d = elf_newdata(scn);
	if (!d)
		return NULL;
	d->d_buf = buf;
	d->d_size = size;
	d->d_type = ELF_T_BYTE;
	d->d_align = sh->sh_addralign ? sh->sh_addralign : 1;
	d->d_version = EV_CURRENT;
	if (!gelf_update_shdr(scn, (GElf_Shdr *)sh))
		return NULL;
	return scn;
}

struct wstate {
	Elf *e;
	struct strtab shstr, symstr;
	Elf64_Sym *symtab;
	Elf64_Rela **relas;
};

static void wstate_free(struct wstate *w, size_t nsecs)
{
	size_t i;

	if (w->e)
		elf_end(w->e);
	strtab_free(&w->shstr);
	strtab_free(&w->symstr);
	free(w->symtab);
	for (i = 0; w->relas && i < nsecs; i++)
		free(w->relas[i]);
	free(w->relas);
}

/* Locals first, then globals, as the ELF spec wants; sh_info between. */
static int build_symtab(const struct out *o, struct wstate *w,
			size_t *nlocal)
{
	size_t i, pos = 1;
	int pass;

	w->symtab = calloc(o->nsyms, sizeof(*w->symtab));
	if (!w->symtab)
		return -1;
	for (pass = 0; pass < 2; pass++) {
		for (i = 1; i < o->nsyms; i++) {
			struct osym *s = &o->syms[i];
			Elf64_Sym *es;
			bool local = GELF_ST_BIND(s->info) == STB_LOCAL;
			size_t name;

			if (local != (pass == 0))
				continue;
			name = strtab_add(&w->symstr, s->name);
			if (name == (size_t)-1)
				return -1;
			es = &w->symtab[pos];
			es->st_name = (Elf64_Word)name;
			es->st_info = s->info;
			es->st_shndx = (Elf64_Section)s->sec;
			es->st_value = s->value;
			es->st_size = s->size;
			s->final = pos++;
		}
		if (pass == 0)
			*nlocal = pos;
	}
	return 0;
}

int write_elf(const struct out *o, const char *path)
{
	struct wstate w = { 0 };
	size_t i, nlocal = 0, symidx, nrel = 0, relbase;
	GElf_Ehdr eh;
	GElf_Shdr sh;
	int fd, ret = -1;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		cdo_err(path, "can't create: %s", strerror(errno));
		return -1;
	}
	if (strtab_init(&w.shstr) || strtab_init(&w.symstr))
		goto oom;
	w.relas = calloc(o->nsecs + 1, sizeof(*w.relas));
	if (!w.relas || build_symtab(o, &w, &nlocal))
		goto oom;
	w.e = elf_begin(fd, ELF_C_WRITE, NULL);
	if (!w.e || !gelf_newehdr(w.e, ELFCLASS64) || !gelf_getehdr(w.e, &eh))
		goto elferr;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh.e_type = ET_REL;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	if (!gelf_update_ehdr(w.e, &eh))
		goto elferr;

	for (i = 0; i < o->nsecs; i++) {
		const struct osec *s = &o->secs[i];

		sh = s->sh;
		sh.sh_size = s->size;
		if (!set_name(&w.shstr, &sh, s->name))
			goto oom;
		/* NOBITS: libelf takes the size from d_size, without a buffer. */
		if (!add_scn(w.e, &sh, s->sh.sh_type == SHT_NOBITS ? NULL :
			     s->data, s->size))
			goto elferr;
		nrel += s->nrelas != 0;
	}
	relbase = o->nsecs + 1;
	symidx = relbase + nrel;
	for (i = 0; i < o->nsecs; i++) {
		const struct osec *s = &o->secs[i];
		char name[512];
		size_t j;

		if (!s->nrelas)
			continue;
		w.relas[i] = calloc(s->nrelas, sizeof(Elf64_Rela));
		if (!w.relas[i])
			goto oom;
		for (j = 0; j < s->nrelas; j++) {
			w.relas[i][j].r_offset = s->relas[j].offset;
			w.relas[i][j].r_addend = s->relas[j].addend;
			w.relas[i][j].r_info = ELF64_R_INFO(
				o->syms[s->relas[j].sym].final,
				s->relas[j].type);
		}
		snprintf(name, sizeof(name), ".rela%s", s->name);
		memset(&sh, 0, sizeof(sh));
		sh.sh_type = SHT_RELA;
		sh.sh_flags = SHF_INFO_LINK;
		sh.sh_addralign = 8;
		sh.sh_entsize = sizeof(Elf64_Rela);
		sh.sh_link = (Elf64_Word)symidx;
		sh.sh_info = (Elf64_Word)(i + 1);
		sh.sh_size = s->nrelas * sizeof(Elf64_Rela);
		if (!set_name(&w.shstr, &sh, name))
			goto oom;
		if (!add_scn(w.e, &sh, w.relas[i], sh.sh_size))
			goto elferr;
	}
	memset(&sh, 0, sizeof(sh));
	sh.sh_type = SHT_SYMTAB;
	sh.sh_addralign = 8;
	sh.sh_entsize = sizeof(Elf64_Sym);
	sh.sh_link = (Elf64_Word)(symidx + 1);
	sh.sh_info = (Elf64_Word)nlocal;
	sh.sh_size = o->nsyms * sizeof(Elf64_Sym);
	if (!set_name(&w.shstr, &sh, ".symtab"))
		goto oom;
	if (!add_scn(w.e, &sh, w.symtab, sh.sh_size))
		goto elferr;
	memset(&sh, 0, sizeof(sh));
	sh.sh_type = SHT_STRTAB;
	sh.sh_addralign = 1;
	if (!set_name(&w.shstr, &sh, ".strtab"))
		goto oom;
	sh.sh_size = w.symstr.len;
	if (!add_scn(w.e, &sh, w.symstr.data, w.symstr.len))
		goto elferr;
	if (!set_name(&w.shstr, &sh, ".shstrtab"))
		goto oom;
	/* The name table must hold its own name before it is sized. */
	sh.sh_size = w.shstr.len;
	if (!add_scn(w.e, &sh, w.shstr.data, w.shstr.len))
		goto elferr;
	eh.e_shstrndx = (Elf64_Half)(symidx + 2);
	if (!gelf_update_ehdr(w.e, &eh) || elf_update(w.e, ELF_C_WRITE) < 0)
		goto elferr;
	ret = 0;
	goto out;
oom:
	cdo_err(path, "out of memory");
	goto out;
elferr:
	cdo_err(path, "can't write: %s", elf_errmsg(-1));
out:
	wstate_free(&w, o->nsecs + 1);
	if (close(fd) && !ret) {
		cdo_err(path, "can't write: %s", strerror(errno));
		ret = -1;
	}
	if (ret)
		unlink(path);
	return ret;
}
