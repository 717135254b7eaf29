/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An x86_64 instruction length decoder, just enough to find the operands
 * that point somewhere relative to the instruction: relative branches and
 * RIP-relative memory operands.  The assembler resolves those without a
 * relocation when the target sits in the same section, so cutting a
 * section into pieces (kelf-split.c) must find them in the bytes.
 */
#ifndef CDO_INSN_H
#define CDO_INSN_H

#include <stdbool.h>
#include <stddef.h>

struct insn {
	unsigned int len;
	/*
	 * Where the PC-relative field sits in the instruction, and its width:
	 * 1 or 4 for a relative branch (jmp, jcc, call, loop), 4 for a
	 * RIP-relative memory operand; width 0 when there is none.  Either
	 * way the target is the end of the instruction plus the field.
	 */
	unsigned int rel_at, rel_width;
	bool branch;		/* the field is a branch displacement */
};

/*
 * Decodes the instruction at d, of which avail bytes may be read.
 * Returns 0, or -1 when the bytes are not an instruction this decoder
 * knows (VEX and EVEX encodings, 3DNow!, opcodes invalid in 64-bit mode)
 * or run past avail.
 */
int insn_decode(const unsigned char *d, size_t avail, struct insn *in);

#endif
