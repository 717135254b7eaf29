// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: is the running kernel the one the patch was built for?
 *
 * create-diff-object records, for every function a patch replaces, a
 * digest of that function as the original build has it, with the bytes
 * that the running kernel legitimately changes masked out (relocations,
 * the fentry call, alternatives, jump labels, ...: the masks come with the
 * patch).  Before an object is armed, the same digest is computed over the
 * running kernel's function; a patch built from other source than the
 * running kernel's, or for another build of it, is refused, and nothing
 * is changed.  kpatch-digest.h is the one definition of the digest, and
 * doc/metadata-format.md describes it.
 *
 * What else changes a live function's bytes:
 * - ftrace, and so every patch already applied to the function (kpatch's
 *   or livepatch's) and BPF trampolines: only the fentry call, which is
 *   masked;
 * - kprobes: an int3 on the first byte of the probed instruction, or,
 *   once optimized, a 5-byte jmp.  kprobes keeps the original bytes, and
 *   they are put back into the copy that is digested;
 * - a debugger's breakpoints: not known here; the patch is refused, as
 *   it should be while someone is stepping through the code.
 * The copy is taken under text_mutex, which every one of those writers
 * holds, so it is never half-written.
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/kprobes.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <asm/ibt.h>
#include "core.h"
#include "kpatch-digest.h"

#ifdef CONFIG_KPROBES
/*
 * Put back the bytes that kprobes replaced in buf, the copy of len bytes
 * at addr.  Returns how many kprobes were found there; the first one's
 * address is put in *at.
 */
static unsigned int kp_unprobe(u8 *buf, unsigned long addr, unsigned long len,
			       unsigned long *at)
{
	unsigned long i;
	unsigned int n = 0;

	rcu_read_lock();
	preempt_disable();
	for (i = 0; i < len; i++) {
		struct kprobe *p = kp_get_kprobe((void *)(addr + i));

		/* On the fentry call, a kprobe goes through ftrace. */
		if (!p || kprobe_ftrace(p))
			continue;
		if (!n++)
			*at = addr + i;
		buf[i] = p->opcode;
#ifdef CONFIG_OPTPROBES
		if (kprobe_optimized(p)) {
			struct optimized_kprobe *op;
			unsigned long j;

			op = container_of(p, struct optimized_kprobe, kp);
			for (j = 0; j < DISP32_SIZE && i + 1 + j < len; j++)
				buf[i + 1 + j] = op->optinsn.copied_insn[j];
		}
#endif
	}
	preempt_enable();
	rcu_read_unlock();
	return n;
}
#else
static unsigned int kp_unprobe(u8 *buf, unsigned long addr, unsigned long len,
			       unsigned long *at)
{
	return 0;
}
#endif

/*
 * On an IBT kernel, the kernel poisons at boot the ENDBR64 of every
 * function that objtool sealed (one whose address is never taken); the
 * object that the patch was built from still has the ENDBR64.  Put it
 * back into the copy that is digested.
 */
static void kp_unseal(u8 *buf, unsigned long len)
{
#ifdef CONFIG_X86_KERNEL_IBT
	u32 insn, endbr = gen_endbr();

	if (len < sizeof(insn))
		return;
	memcpy(&insn, buf, sizeof(insn));
	if (insn == gen_endbr_poison())
		memcpy(buf, &endbr, sizeof(endbr));
#endif
}

/* Why a function carries no digest, once per load, for the log. */
static void kp_no_digest(const char *patch, const char *objname,
			 const struct kpatch_func *d)
{
	if (d->digest_flags & KPATCH_FUNC_SKIP_CODE_CHECK)
		pr_notice("%s: %s function %s: not checked against the running kernel (KPATCH_SKIP_CODE_CHECK)\n",
			  patch, objname, d->name);
	else if (d->digest_flags & KPATCH_FUNC_SIZE_DIFFERS)
		pr_notice("%s: %s function %s: not checked against the running kernel: its original build differs in size (see doc/metadata-format.md)\n",
			  patch, objname, d->name);
}

static int kp_verify_func(struct kp_object *obj, struct kp_func *f)
{
	const char *patch = kp_patch_name(obj->patch);
	const struct kpatch_func *d = f->desc;
	unsigned long at = 0;
	unsigned int probes;
	u64 digest;
	u8 *buf;

	if (!d->digest_len) {
		kp_no_digest(patch, obj->name, d);
		return 0;
	}
	if (!kpatch_masks_valid(d->masks, d->nr_masks, d->digest_len) ||
	    (d->nr_masks && !d->masks)) {
		pr_err("%s: %s function %s: the patch's masks are malformed\n",
		       patch, obj->name, d->name);
		return -EINVAL;
	}
	if (d->digest_len > f->old_size) {
		pr_err("%s: %s function %s does not match the code this patch was built against\n",
		       patch, obj->name, d->name);
		pr_err("%s: %s function %s: it has %lu bytes, the patch's digest covers %lu\n",
		       patch, obj->name, d->name, f->old_size, d->digest_len);
		return -EINVAL;
	}

	buf = kmalloc(d->digest_len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	kp_text_lock();
	memcpy(buf, (void *)f->old_addr, d->digest_len);
	probes = kp_unprobe(buf, f->old_addr, d->digest_len, &at);
	kp_unseal(buf, d->digest_len);
	kp_text_unlock();
	digest = kpatch_digest(buf, d->digest_len, d->masks, d->nr_masks);
	kfree(buf);
	if (digest == d->digest)
		return 0;
	pr_err("%s: %s function %s does not match the code this patch was built against\n",
	       patch, obj->name, d->name);
	if (probes)
		pr_err("%s: %s function %s: %u kprobes are on it, the first at %pS; their bytes were put back, but an optimized one that is being removed changes the code for a moment: remove them, or retry\n",
		       patch, obj->name, d->name, probes, (void *)at);
	return -EINVAL;
}

/*
 * Check every function of obj, whose old addresses are resolved, before
 * anything of it is armed.  Returns 0, or -EINVAL after naming the first
 * function that differs.
 */
int kp_verify_object(struct kp_object *obj)
{
	struct kp_func *f;
	unsigned int i;
	int ret;

	kp_for_each_func(obj, f, i) {
		ret = kp_verify_func(obj, f);
		if (ret)
			return ret;
	}
	return 0;
}
