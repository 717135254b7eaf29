// SPDX-License-Identifier: GPL-2.0
/*
 * cdo-dump OUTPUT.o: prints what a create-diff-object output holds, one
 * fact a line, so that tests can compare exact sets with grep and sort:
 *   func NAME OBJNAME SYMPOS OLD_SIZE NEW_SIZE -> TARGET
 *   digest NAME LEN 0xDIGEST flags FLAGS    (LEN 0: none recorded)
 *   mask NAME OFFSET+LEN    (one line per mask, offsets in hex)
 *   dynrela NAME OBJNAME SYMPOS TYPE ADDEND in SECTION
 *   local t|d NAME          (included functions and objects)
 *   global NAME             (anything defined and not local: a bug)
 *   undef NAME
 *   section NAME SIZE
 *   hook SECTION -> FN OBJNAME
 *   rela SECTION+OFFSET TYPE TARGET+ADDEND   (outside .kpatch.*)
 * It reads the metadata the way the patch-module template will: through
 * the relocations, since every pointer field is one.
 */
#include <fcntl.h>
#include <gelf.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "metadata.h"

struct sec {
	const char *name;
	GElf_Shdr sh;
	Elf_Data *data;
	size_t rela;	/* index of its rela section, or 0 */
};

static struct sec *secs;
static size_t nsecs;
static Elf_Data *symdata, *strdata;

static const char *symname(size_t i, GElf_Sym *out)
{
	GElf_Sym s;

	if (!gelf_getsym(symdata, (int)i, &s))
		return "?";
	if (out)
		*out = s;
	if (GELF_ST_TYPE(s.st_info) == STT_SECTION)
		return s.st_shndx < nsecs ? secs[s.st_shndx].name : "?";
	return (const char *)strdata->d_buf + s.st_name;
}

/* The relocation of section si at offset off. */
static int rela_at(size_t si, GElf_Addr off, GElf_Rela *out)
{
	size_t r = secs[si].rela, i, n;

	if (!r)
		return -1;
	n = secs[r].sh.sh_size / sizeof(Elf64_Rela);
	for (i = 0; i < n; i++) {
		GElf_Rela rl;

		if (gelf_getrela(secs[r].data, (int)i, &rl) &&
		    rl.r_offset == off) {
			*out = rl;
			return 0;
		}
	}
	return -1;
}

/* The string a pointer field at off in si points to, or "(null)". */
static const char *string_at(size_t si, GElf_Addr off)
{
	GElf_Rela r;
	GElf_Sym s;
	const char *n;

	if (rela_at(si, off, &r))
		return "(null)";
	n = symname(GELF_R_SYM(r.r_info), &s);
	if (strcmp(n, KPATCH_SEC_STRINGS) || s.st_shndx >= nsecs)
		return n;
	return (const char *)secs[s.st_shndx].data->d_buf + r.r_addend;
}

/* The digest line of the func entry f at off in si, and its masks. */
static void print_digest(size_t si, GElf_Addr off,
			 const struct kpatch_patch_func *f, const char *name)
{
	const struct kpatch_patch_mask *m;
	GElf_Rela r;
	GElf_Sym s;
	size_t i;

	printf("digest %s %lu 0x%016lx flags %lu\n", name, f->digest_len,
	       f->digest, f->flags);
	if (!f->nr_masks)
		return;
	if (rela_at(si, off + offsetof(struct kpatch_patch_func, masks), &r) ||
	    strcmp(symname(GELF_R_SYM(r.r_info), &s), KPATCH_SEC_MASKS) ||
	    s.st_shndx >= nsecs ||
	    (r.r_addend + f->nr_masks * sizeof(*m)) > secs[s.st_shndx].sh.sh_size) {
		printf("mask %s (masks pointer broken)\n", name);
		return;
	}
	m = (const void *)((const char *)secs[s.st_shndx].data->d_buf +
			   r.r_addend);
	for (i = 0; i < f->nr_masks; i++)
		printf("mask %s 0x%x+%u\n", name, m[i].offset, m[i].len);
}

static const char *target_at(size_t si, GElf_Addr off)
{
	GElf_Rela r;

	if (rela_at(si, off, &r))
		return "(none)";
	return symname(GELF_R_SYM(r.r_info), NULL);
}

static const char *type_name(unsigned int type)
{
	switch (type) {
	case R_X86_64_64: return "R_X86_64_64";
	case R_X86_64_PC32: return "R_X86_64_PC32";
	case R_X86_64_PLT32: return "R_X86_64_PLT32";
	case R_X86_64_32: return "R_X86_64_32";
	case R_X86_64_32S: return "R_X86_64_32S";
	case R_X86_64_PC64: return "R_X86_64_PC64";
	default: return "R_X86_64_other";
	}
}

/* Every relocation of si, the rela section of a non-metadata section. */
static void print_relas(size_t si)
{
	size_t n = secs[si].sh.sh_size / sizeof(Elf64_Rela), i;
	size_t base = secs[si].sh.sh_info;

	if (base >= nsecs || !strncmp(secs[base].name, KPATCH_SEC_PREFIX,
					  strlen(KPATCH_SEC_PREFIX)))
		return;
	for (i = 0; i < n; i++) {
		GElf_Rela r;

		if (!gelf_getrela(secs[si].data, (int)i, &r))
			continue;
		printf("rela %s+0x%llx %s %s%+lld\n", secs[base].name,
		       (unsigned long long)r.r_offset,
		       type_name((unsigned int)GELF_R_TYPE(r.r_info)),
		       symname(GELF_R_SYM(r.r_info), NULL),
		       (long long)r.r_addend);
	}
}

int main(int argc, char **argv)
{
	size_t i, j, shstrndx, nsyms;
	Elf *e;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: cdo-dump OUTPUT.o\n");
		return 2;
	}
	elf_version(EV_CURRENT);
	fd = open(argv[1], O_RDONLY);
	e = fd < 0 ? NULL : elf_begin(fd, ELF_C_READ, NULL);
	if (!e || elf_getshdrnum(e, &nsecs) || elf_getshdrstrndx(e, &shstrndx)) {
		fprintf(stderr, "cdo-dump: %s: not an ELF file\n", argv[1]);
		return 1;
	}
	secs = calloc(nsecs, sizeof(*secs));
	for (i = 1; i < nsecs; i++) {
		Elf_Scn *scn = elf_getscn(e, i);

		gelf_getshdr(scn, &secs[i].sh);
		secs[i].name = elf_strptr(e, shstrndx, secs[i].sh.sh_name);
		secs[i].data = elf_getdata(scn, NULL);
		if (secs[i].sh.sh_type == SHT_SYMTAB) {
			symdata = secs[i].data;
			strdata = elf_getdata(elf_getscn(e, secs[i].sh.sh_link), NULL);
		}
	}
	for (i = 1; i < nsecs; i++)
		if (secs[i].sh.sh_type == SHT_RELA && secs[i].sh.sh_info < nsecs)
			secs[secs[i].sh.sh_info].rela = i;
	if (!symdata || !strdata) {
		fprintf(stderr, "cdo-dump: %s: no symbol table\n", argv[1]);
		return 1;
	}
	for (i = 1; i < nsecs; i++) {
		const char *n = secs[i].name;
		size_t size = secs[i].sh.sh_size;

		if (!strcmp(n, KPATCH_SEC_FUNCS)) {
			for (j = 0; j + sizeof(struct kpatch_patch_func) <= size;
			     j += sizeof(struct kpatch_patch_func)) {
				struct kpatch_patch_func f;

				memcpy(&f, (char *)secs[i].data->d_buf + j, sizeof(f));
				printf("func %s %s %lu %lu %lu -> %s\n",
				       string_at(i, j + offsetof(struct kpatch_patch_func, name)),
				       string_at(i, j + offsetof(struct kpatch_patch_func, objname)),
				       f.sympos, f.old_size, f.new_size,
				       target_at(i, j));
				print_digest(i, j, &f, string_at(i, j + offsetof(struct kpatch_patch_func, name)));
			}
		} else if (!strcmp(n, KPATCH_SEC_DYNRELAS)) {
			for (j = 0; j + sizeof(struct kpatch_patch_dynrela) <= size;
			     j += sizeof(struct kpatch_patch_dynrela)) {
				struct kpatch_patch_dynrela d;

				memcpy(&d, (char *)secs[i].data->d_buf + j, sizeof(d));
				printf("dynrela %s %s %lu %lu %ld in %s\n",
				       string_at(i, j + offsetof(struct kpatch_patch_dynrela, name)),
				       string_at(i, j + offsetof(struct kpatch_patch_dynrela, objname)),
				       d.sympos, d.type, d.addend,
				       target_at(i, j));
			}
		} else if (is_hook_section(n)) {
			for (j = 0; j + sizeof(struct kpatch_patch_hook) <= size;
			     j += sizeof(struct kpatch_patch_hook))
				printf("hook %s -> %s %s\n", n, target_at(i, j),
				       string_at(i, j + offsetof(struct kpatch_patch_hook, objname)));
		} else if (secs[i].sh.sh_type == SHT_RELA) {
			print_relas(i);
		} else if (secs[i].sh.sh_type != SHT_RELA &&
			   secs[i].sh.sh_type != SHT_SYMTAB &&
			   secs[i].sh.sh_type != SHT_STRTAB &&
			   strcmp(n, KPATCH_SEC_STRINGS)) {
			printf("section %s %zu\n", n, size);
		}
	}
	nsyms = symdata->d_size / sizeof(Elf64_Sym);
	for (i = 1; i < nsyms; i++) {
		GElf_Sym s;
		const char *n = symname(i, &s);
		int type = GELF_ST_TYPE(s.st_info);

		if (type == STT_SECTION || type == STT_FILE)
			continue;
		if (s.st_shndx == SHN_UNDEF)
			printf("undef %s\n", n);
		else if (GELF_ST_BIND(s.st_info) != STB_LOCAL)
			printf("global %s\n", n);
		else
			printf("local %c %s\n", type == STT_FUNC ? 't' : 'd', n);
	}
	elf_end(e);
	close(fd);
	free(secs);
	return 0;
}
