/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kpatch core module: the interface for patch modules.
 *
 * A patch module describes what it replaces with the structures below and
 * hands them to kpatch_register() from its init function.  The fields map
 * one to one onto the .kpatch.* sections that create-diff-object writes
 * (kmod/patch/kpatch-patch.h), so that the patch-module template can fill
 * them in a loop; doc/core-module.md describes the mapping.
 *
 * The core keeps its own state elsewhere: these structures are only read,
 * and must stay valid until kpatch_unregister() returns.
 */
#ifndef _KPATCH_H_
#define _KPATCH_H_

#include <linux/types.h>
#include <linux/gfp.h>

struct module;
struct kpatch_object;
struct kpatch_mask;

/*
 * One replaced function, from a struct kpatch_patch_func, whose names the
 * fields keep: the function name, sympos and old_size of the running
 * kernel, and the replacement at new_addr.
 */
struct kpatch_func {
	unsigned long new_addr;		/* the replacement */
	unsigned long new_size;
	unsigned long old_size;		/* checked against the running kernel */
	unsigned long sympos;		/* 0: name is unique in the object */
	const char *name;
	/*
	 * Skip the activeness check for this function.  A patch with a
	 * forced function can never be disabled or unloaded again: a task
	 * may still be running the code that the check skipped.
	 */
	bool force;
	/*
	 * The code the patch was built against (kpatch-digest.h): the core
	 * refuses the patch when the running kernel's function differs.
	 * digest_len 0: no digest recorded, and no check.
	 */
	u64 digest;
	unsigned long digest_len;
	const struct kpatch_mask *masks;
	unsigned long nr_masks;
	/* Why there is no digest: the KPATCH_FUNC_* flags of kpatch-patch.h */
	unsigned long digest_flags;
};

/*
 * One reference from the patch module to a symbol that the module loader
 * could not resolve, from a struct kpatch_patch_dynrela, whose layout this
 * keeps.  The core writes S + A (or S + A - P) at dest once the object
 * named by objname is loaded; into the patch module's __jump_table, it
 * writes them as the module comes, before its init runs.
 */
struct kpatch_dynrela {
	unsigned long dest;		/* inside the patch module */
	unsigned long type;		/* R_X86_64_{64,PC64,PC32,PLT32,32,32S} */
	unsigned long sympos;		/* 0: name is unique in objname */
	const char *name;
	const char *objname;		/* NULL: the owning object's name */
	long addend;
};

/*
 * What a callback is given: the object it runs for, as kpatch's
 * patch_object shows it to patch authors.  mod is NULL for vmlinux; for a
 * module, it is the module, which is loaded (or coming, or going) whenever
 * a callback runs for it.
 */
struct kpatch_callback_object {
	const char *name;		/* "vmlinux", or the module's name */
	struct module *mod;
};

/*
 * Callbacks run in process context, outside stop_machine(), around the
 * switch of their object: when the patch is enabled or disabled, and when
 * the object's module comes or goes.  A failing pre_patch aborts the
 * patching of the object, and post_unpatch is then not called for it.
 */
struct kpatch_callbacks {
	int (*pre_patch)(struct kpatch_callback_object *obj);
	void (*post_patch)(struct kpatch_callback_object *obj);
	void (*pre_unpatch)(struct kpatch_callback_object *obj);
	void (*post_unpatch)(struct kpatch_callback_object *obj);
};

/*
 * Load and unload hooks run inside stop_machine(), right after the
 * object's functions are switched in or out (or, for a module that is
 * coming or going, right after its functions are switched, since no task
 * can run that module's code then).  They must not sleep.
 */
typedef void (*kpatch_hook_fn)(void);

/* Everything a patch changes in one object: vmlinux or a module. */
struct kpatch_object {
	const char *name;		/* "vmlinux" (or NULL), or a module */
	const struct kpatch_func *funcs;
	unsigned int nr_funcs;
	const struct kpatch_dynrela *dynrelas;
	unsigned int nr_dynrelas;
	const kpatch_hook_fn *load_hooks;
	unsigned int nr_load_hooks;
	const kpatch_hook_fn *unload_hooks;
	unsigned int nr_unload_hooks;
	struct kpatch_callbacks callbacks;
};

struct kpatch_patch {
	struct module *mod;		/* the patch module: THIS_MODULE */
	const char *checksum;		/* shown in sysfs; may be NULL */
	const struct kpatch_object *objs;
	unsigned int nr_objs;
	/* Supersede every other patch in the same switch. */
	bool replace;
};

int kpatch_register(struct kpatch_patch *patch);
int kpatch_unregister(struct kpatch_patch *patch);

/* Shadow variables: data attached to an existing object, keyed by id. */
typedef int (*kpatch_shadow_ctor_t)(void *obj, void *shadow_data,
				    void *ctor_data);
typedef void (*kpatch_shadow_dtor_t)(void *obj, void *shadow_data);

void *kpatch_shadow_get(void *obj, unsigned long id);
void *kpatch_shadow_alloc(void *obj, unsigned long id, size_t size,
			  gfp_t gfp, kpatch_shadow_ctor_t ctor,
			  void *ctor_data);
void *kpatch_shadow_get_or_alloc(void *obj, unsigned long id, size_t size,
				 gfp_t gfp, kpatch_shadow_ctor_t ctor,
				 void *ctor_data);
void kpatch_shadow_free(void *obj, unsigned long id,
			kpatch_shadow_dtor_t dtor);
void kpatch_shadow_free_all(unsigned long id, kpatch_shadow_dtor_t dtor);

#endif /* _KPATCH_H_ */
