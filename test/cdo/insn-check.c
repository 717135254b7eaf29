// SPDX-License-Identifier: GPL-2.0
/*
 * insn-check OBJECT...: decodes every function of every object with
 * create-diff-object's instruction decoder (kpatch-build/insn.c) and
 * prints one line per instruction, "SECTION OFFSET LENGTH", or
 * "undecodable SECTION OFFSET".  insn-check.sh compares the boundaries
 * with objdump's: a wrong length would make kelf-split.c read an
 * instruction's bytes as another's, and turn them into a relocation.
 */
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "insn.h"

static int check(const char *path)
{
	Elf *e;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	int fd = open(path, O_RDONLY), ret = 0;

	if (fd < 0 || !(e = elf_begin(fd, ELF_C_READ, NULL)) ||
	    elf_getshdrstrndx(e, &shstrndx)) {
		fprintf(stderr, "insn-check: %s: can't read\n", path);
		if (fd >= 0)
			close(fd);
		return 1;
	}
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *syms;
		size_t i, n;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		syms = elf_getdata(scn, NULL);
		n = sh.sh_size / sizeof(Elf64_Sym);
		for (i = 1; syms && i < n; i++) {
			GElf_Sym s;
			GElf_Shdr tsh;
			Elf_Scn *t;
			Elf_Data *d;
			const char *name;
			size_t off;

			if (!gelf_getsym(syms, (int)i, &s) ||
			    GELF_ST_TYPE(s.st_info) != STT_FUNC ||
			    s.st_shndx == SHN_UNDEF || s.st_shndx >= SHN_LORESERVE)
				continue;
			t = elf_getscn(e, s.st_shndx);
			if (!t || !gelf_getshdr(t, &tsh) ||
			    tsh.sh_type != SHT_PROGBITS ||
			    !(tsh.sh_flags & SHF_EXECINSTR) ||
			    s.st_value + s.st_size > tsh.sh_size)
				continue;
			d = elf_getdata(t, NULL);
			name = elf_strptr(e, shstrndx, tsh.sh_name);
			for (off = s.st_value; d && off < s.st_value + s.st_size;) {
				struct insn in;
				const unsigned char *b = d->d_buf;

				if (insn_decode(b + off, s.st_value + s.st_size - off, &in)) {
					printf("undecodable %s %zu\n", name, off);
					ret = 1;
					break;
				}
				printf("%s %zu %u\n", name, off, in.len);
				off += in.len;
			}
		}
	}
	elf_end(e);
	close(fd);
	return ret;
}

int main(int argc, char **argv)
{
	int i, ret = 0;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return 2;
	for (i = 1; i < argc; i++)
		ret |= check(argv[i]);
	return ret;
}
