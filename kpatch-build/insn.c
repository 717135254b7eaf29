// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 instruction lengths, from the opcode maps of the Intel SDM
 * (volume 2, appendix A), 64-bit mode only.  Each opcode has a few flags:
 * whether a ModRM byte follows, and the size and kind of its immediate.
 * Anything GCC doesn't emit for kernel code (VEX, EVEX, XOP, 3DNow!) is
 * refused rather than guessed, so that a caller never works from a wrong
 * instruction boundary.  test/cdo/insn-check.c compares the lengths with
 * objdump's over whole kernel objects.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "insn.h"

enum {
	M = 1 << 0,	/* ModRM (and maybe SIB and displacement) follows */
	B = 1 << 1,	/* imm8 */
	W = 1 << 2,	/* imm16 */
	Z = 1 << 3,	/* imm16 with an operand-size prefix, else imm32 */
	V = 1 << 4,	/* mov $imm, %reg: imm64 with REX.W, else as Z */
	J = 1 << 5,	/* the immediate is a branch displacement */
	A = 1 << 6,	/* moffs: 8 bytes, 4 with an address-size prefix */
	X = 1 << 7,	/* invalid in 64-bit mode, or not decoded here */
	P = 1 << 8,	/* a legacy prefix */
};

/* One-byte opcodes.  0x0f escapes to the two-byte map. */
static const uint16_t map1[256] = {
	/* 00 */ M, M, M, M, B, Z, X, X, M, M, M, M, B, Z, X, 0,
	/* 10 */ M, M, M, M, B, Z, X, X, M, M, M, M, B, Z, X, X,
	/* 20 */ M, M, M, M, B, Z, P, X, M, M, M, M, B, Z, P, X,
	/* 30 */ M, M, M, M, B, Z, P, X, M, M, M, M, B, Z, P, X,
	/* 40: REX, handled before the table */
	/* 40 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 50 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 60 */ X, X, X, M, P, P, P, P, Z, M | Z, B, M | B, 0, 0, 0, 0,
	/* 70 */ J | B, J | B, J | B, J | B, J | B, J | B, J | B, J | B,
		 J | B, J | B, J | B, J | B, J | B, J | B, J | B, J | B,
	/* 80 */ M | B, M | Z, X, M | B, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 90 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, X, 0, 0, 0, 0, 0,
	/* a0 */ A, A, A, A, 0, 0, 0, 0, B, Z, 0, 0, 0, 0, 0, 0,
	/* b0 */ B, B, B, B, B, B, B, B, V, V, V, V, V, V, V, V,
	/* c0 */ M | B, M | B, W, 0, X, X, M | B, M | Z,
		 W | B, 0, W, 0, 0, B, X, 0,
	/* d0 */ M, M, M, M, X, X, X, 0, M, M, M, M, M, M, M, M,
	/* e0 */ J | B, J | B, J | B, J | B, B, B, B, B,
		 J | Z, J | Z, X, J | B, 0, 0, 0, 0,
	/* f0 */ P, 0, P, P, 0, 0, M, M, 0, 0, 0, 0, 0, 0, M, M,
};

/* Two-byte opcodes, 0f xx.  0f 38 and 0f 3a escape to three-byte maps. */
static const uint16_t map2[256] = {
	/* 00 */ M, M, M, M, X, 0, 0, 0, 0, 0, X, 0, X, M, 0, X,
	/* 10 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 20 */ M, M, M, M, X, X, X, X, M, M, M, M, M, M, M, M,
	/* 30 */ 0, 0, 0, 0, 0, 0, X, 0, 0, X, 0, X, X, X, X, X,
	/* 40 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 50 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 60 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 70 */ M | B, M | B, M | B, M | B, M, M, M, 0,
		 M, M, X, X, M, M, M, M,
	/* 80 */ J | Z, J | Z, J | Z, J | Z, J | Z, J | Z, J | Z, J | Z,
		 J | Z, J | Z, J | Z, J | Z, J | Z, J | Z, J | Z, J | Z,
	/* 90 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* a0 */ 0, 0, 0, M, M | B, M, X, X, 0, 0, 0, M, M | B, M, M, M,
	/* b0 */ M, M, M, M, M, M, M, M, M, M, M | B, M, M, M, M, M,
	/* c0 */ M, M, M | B, M, M | B, M | B, M | B, M,
		 0, 0, 0, 0, 0, 0, 0, 0,
	/* d0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* e0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* f0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
};

static bool is_prefix(unsigned char b)
{
	return b == 0x66 || b == 0x67 || b == 0xf0 || b == 0xf2 ||
	       b == 0xf3 || b == 0x2e || b == 0x36 || b == 0x3e ||
	       b == 0x26 || b == 0x64 || b == 0x65;
}

int insn_decode(const unsigned char *d, size_t avail, struct insn *in)
{
	bool opsize = false, addrsize = false, rexw = false;
	size_t i = 0, imm = 0;
	unsigned int flags;
	unsigned char op, reg = 0;

	memset(in, 0, sizeof(*in));
	/* The architecture allows 15 bytes in all. */
	if (avail > 15)
		avail = 15;
	while (i < avail && is_prefix(d[i])) {
		opsize |= d[i] == 0x66;
		addrsize |= d[i] == 0x67;
		i++;
	}
	/* REX must come last, right before the opcode. */
	if (i < avail && (d[i] & 0xf0) == 0x40)
		rexw = d[i++] & 0x08;
	if (i >= avail)
		return -1;
	op = d[i++];
	if (op != 0x0f) {
		flags = map1[op];
	} else {
		if (i >= avail)
			return -1;
		op = d[i++];
		if (op == 0x38 || op == 0x3a) {
			if (i >= avail)
				return -1;
			flags = op == 0x3a ? M | B : M;
			i++;	/* the third opcode byte */
		} else {
			flags = map2[op];
		}
		op = 0;	/* the one-byte special cases below don't apply */
	}
	if (flags & (X | P))
		return -1;
	if (flags & M) {
		unsigned char modrm, mod, rm;

		if (i >= avail)
			return -1;
		modrm = d[i++];
		mod = modrm >> 6;
		rm = modrm & 7;
		reg = (modrm >> 3) & 7;
		if (mod != 3 && rm == 4) {
			unsigned char sib;

			if (i >= avail)
				return -1;
			sib = d[i++];
			if (mod == 0 && (sib & 7) == 5)
				i += 4;
		} else if (mod == 0 && rm == 5) {
			/* RIP-relative: 32-bit mode's disp32 form. */
			in->rel_at = (unsigned int)i;
			in->rel_width = 4;
			i += 4;
		}
		if (mod == 1)
			i += 1;
		else if (mod == 2)
			i += 4;
	}
	if (flags & B)
		imm += 1;
	if (flags & W)
		imm += 2;
	if (flags & Z)
		imm += (opsize && !(flags & J)) ? 2 : 4;
	if (flags & V)
		imm += rexw ? 8 : opsize ? 2 : 4;
	if (flags & A)
		imm += addrsize ? 4 : 8;
	/* test $imm, r/m is the only member of its group with an immediate. */
	if ((op == 0xf6 || op == 0xf7) && reg <= 1)
		imm += op == 0xf6 ? 1 : opsize ? 2 : 4;
	if (flags & J) {
		in->rel_at = (unsigned int)i;
		in->rel_width = (unsigned int)imm;
		in->branch = true;
	}
	i += imm;
	if (i > avail)
		return -1;
	in->len = (unsigned int)i;
	return 0;
}
