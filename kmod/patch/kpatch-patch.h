/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The metadata that create-diff-object writes into a patch object, and
 * that the patch-module template reads back at load time.
 *
 * This header is shared by userspace (create-diff-object) and by kernel
 * code (kmod/patch), so it uses only types that have one layout on both
 * sides of x86_64: unsigned long and pointers are 8 bytes, int is 4.
 * Every pointer field is written as an R_X86_64_64 relocation, so the
 * layout is also the relocation layout: see doc/metadata-format.md.
 */
#ifndef _KPATCH_PATCH_H_
#define _KPATCH_PATCH_H_

/*
 * A range of an old function's bytes that the running kernel may change
 * (a relocation, the fentry call, an alternative, ...), left out of its
 * digest.  The same layout as the core's struct kpatch_mask
 * (kmod/core/kpatch-digest.h); entries of .kpatch.masks.
 */
struct kpatch_patch_mask {
	unsigned int offset;	/* from the start of the function */
	unsigned int len;
};

/*
 * One entry of .kpatch.funcs: a function of the running kernel that the
 * patch replaces.  The old function is found at load time by objname,
 * name and sympos, never by address, so KASLR needs no special care.
 *
 * digest is kpatch_digest() (kmod/core/kpatch-digest.h) of the first
 * digest_len bytes of the function as the original object has it, with
 * the masks' bytes read as zero: the core computes it again over the
 * running kernel's function and refuses the patch if it differs.
 * digest_len 0 means that no digest was recorded: see the flags.
 */
struct kpatch_patch_func {
	unsigned long new_addr;	/* R_X86_64_64 to the replacement */
	unsigned long new_size;
	unsigned long old_size;	/* from the parent's symbol table; checked */
	unsigned long sympos;	/* 0: the name is unique in objname */
	char *name;		/* into .kpatch.strings */
	char *objname;		/* "vmlinux" or a module name */
	unsigned long digest;
	unsigned long digest_len;
	struct kpatch_patch_mask *masks; /* into .kpatch.masks; NULL if none */
	unsigned long nr_masks;
	unsigned long flags;	/* KPATCH_FUNC_* of kpatch-digest.h */
};

/*
 * One entry of .kpatch.dynrelas: a reference from the patch module to a
 * symbol that the module loader can't resolve (a local or non-exported
 * symbol of vmlinux or of a module).  The core module resolves it at load
 * time and writes it at dest.
 */
struct kpatch_patch_dynrela {
	unsigned long dest;	/* R_X86_64_64 to the place to write */
	unsigned long type;	/* R_X86_64_PC32, _PLT32, _32S, _32, _64, _PC64 */
	unsigned long sympos;	/* 0: the name is unique in objname */
	char *name;		/* the target symbol, into .kpatch.strings */
	char *objname;		/* the object that holds it */
	long addend;
};

/*
 * Hooks and callbacks, one entry per macro use in kpatch-macros.h.  A hook
 * or callback applies to one object: objname is NULL for vmlinux.
 */
struct kpatch_patch_hook {
	void *fn;
	char *objname;
};

/* Section names; create-diff-object and the template must agree on them. */
#define KPATCH_SEC_FUNCS		".kpatch.funcs"
#define KPATCH_SEC_DYNRELAS		".kpatch.dynrelas"
#define KPATCH_SEC_STRINGS		".kpatch.strings"
#define KPATCH_SEC_MASKS		".kpatch.masks"
#define KPATCH_SEC_LOAD_HOOKS		".kpatch.hooks.load"
#define KPATCH_SEC_UNLOAD_HOOKS		".kpatch.hooks.unload"
#define KPATCH_SEC_PRE_PATCH		".kpatch.callbacks.pre_patch"
#define KPATCH_SEC_POST_PATCH		".kpatch.callbacks.post_patch"
#define KPATCH_SEC_PRE_UNPATCH		".kpatch.callbacks.pre_unpatch"
#define KPATCH_SEC_POST_UNPATCH		".kpatch.callbacks.post_unpatch"
/* Arrays of function pointers: functions the patch author marked. */
#define KPATCH_SEC_FORCE		".kpatch.force"
#define KPATCH_SEC_IGNORE_FUNCS		".kpatch.ignore.functions"
#define KPATCH_SEC_SKIP_CODE_CHECK	".kpatch.skip_code_check"
/* Arrays of char pointers: section names to leave out of the diff. */
#define KPATCH_SEC_IGNORE_SECTIONS	".kpatch.ignore.sections"

#endif /* _KPATCH_PATCH_H_ */
