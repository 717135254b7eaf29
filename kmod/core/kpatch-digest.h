/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The digest of a function's code that a patch records at build time
 * (create-diff-object, over the function in the original object) and that
 * the core recomputes over the running kernel's function before it patches
 * it (verify.c): the one definition both sides compile, so that they can't
 * drift apart.  doc/metadata-format.md describes it.
 *
 * A mask is a range of bytes that the running kernel legitimately changes
 * (relocations, the fentry call, alternatives, jump labels, ...): masked
 * bytes are digested as zero.  The digest is 64-bit FNV-1a over the first
 * len bytes of the function.  No crypto: it detects a kernel built from
 * other source, not an attacker, who could load any module anyway.
 *
 * Plain C types only: this header is included by userspace and by the
 * kernel.
 */
#ifndef _KPATCH_DIGEST_H_
#define _KPATCH_DIGEST_H_

/* One masked range, in bytes from the start of the function. */
struct kpatch_mask {
	unsigned int offset;
	unsigned int len;
};

/*
 * The flags of a replaced function (struct kpatch_patch_func.flags) that
 * say why it carries no digest.
 * SKIP_CODE_CHECK: the author wrote KPATCH_SKIP_CODE_CHECK(fn).
 * SIZE_DIFFERS: the original object's function is not as long as the
 * parent's, so their bytes can't be compared (doc/metadata-format.md).
 */
#define KPATCH_FUNC_SKIP_CODE_CHECK	0x1UL
#define KPATCH_FUNC_SIZE_DIFFERS	0x2UL

#define KPATCH_FNV_OFFSET	0xcbf29ce484222325ULL
#define KPATCH_FNV_PRIME	0x100000001b3ULL

/*
 * The digest of code[0, len) with the nr masks (sorted by offset, not
 * overlapping, inside [0, len): the callers check) read as zero bytes.
 */
static inline unsigned long long
kpatch_digest(const unsigned char *code, unsigned long len,
	      const struct kpatch_mask *masks, unsigned long nr)
{
	unsigned long long h = KPATCH_FNV_OFFSET;
	unsigned long i, m = 0;

	for (i = 0; i < len; i++) {
		unsigned char b = code[i];

		while (m < nr && masks[m].offset + masks[m].len <= i)
			m++;
		if (m < nr && masks[m].offset <= i)
			b = 0;
		h ^= b;
		h *= KPATCH_FNV_PRIME;
	}
	return h;
}

/*
 * Are the masks sorted, apart and inside len?  The core checks a patch's
 * masks before it trusts kpatch_digest() with them.
 */
static inline int kpatch_masks_valid(const struct kpatch_mask *masks,
				     unsigned long nr, unsigned long len)
{
	unsigned long i, end = 0;

	for (i = 0; i < nr; i++) {
		if (!masks[i].len || masks[i].offset < end ||
		    masks[i].len > len || masks[i].offset > len - masks[i].len)
			return 0;
		end = masks[i].offset + masks[i].len;
	}
	return 1;
}

#endif /* _KPATCH_DIGEST_H_ */
