/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Macros for patch authors.  Include this from the kernel source file that
 * a patch changes:
 *
 *	#include "kpatch-macros.h"
 *
 * kpatch-build puts this directory on the include path of the patched
 * build.  See doc/patch-author-guide.md for when each macro is needed.
 * The names and their meaning are kpatch's, so that patches written for
 * kpatch build unchanged:
 *
 *	patch_object			what a callback is given
 *	KPATCH_LOAD_HOOK(fn)		hooks: void fn(void), in the switch
 *	KPATCH_UNLOAD_HOOK(fn)
 *	KPATCH_PRE_PATCH_CALLBACK(fn)	callbacks: fn(patch_object *obj)
 *	KPATCH_POST_PATCH_CALLBACK(fn)
 *	KPATCH_PRE_UNPATCH_CALLBACK(fn)
 *	KPATCH_POST_UNPATCH_CALLBACK(fn)
 *	KPATCH_FORCE_UNSAFE(fn)		no activeness check for fn
 *	KPATCH_SKIP_CODE_CHECK(fn)	no check that the running kernel's
 *					fn is the one the patch was built on
 *	KPATCH_IGNORE_FUNCTION(fn)	leave fn out of the comparison
 *	KPATCH_IGNORE_SECTION(name)	leave a section out of it
 *	KPATCH_PRINTK(fmt, ...)		printk() that keeps the code around hot
 *
 * For a system call, see kpatch-syscall.h.
 */
#ifndef _KPATCH_MACROS_H_
#define _KPATCH_MACROS_H_

#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/printk.h>
#include "kpatch-patch.h"
#include "kpatch.h"

/*
 * What callbacks receive: the object (vmlinux or a module) being patched,
 * with obj->name, and obj->mod, the module, which is NULL for vmlinux:
 *
 *	static void fix_up(patch_object *obj)
 *	{
 *		pr_info("patched %s\n", obj->mod ? obj->mod->name : "vmlinux");
 *	}
 */
#define patch_object struct kpatch_callback_object

/*
 * gcc aligns a static 16-byte struct to 16, but kpatch.lds starts each
 * kind of entry at the next 8 bytes: the linker would pad between the
 * start symbol and the first entry, which the template would read as a
 * NULL hook.  The kernel's own tables (__param) do the same.
 */
#define __kpatch_entry_aligned __aligned(__alignof__(struct kpatch_patch_hook))

/*
 * Load and unload hooks: void fn(void).  They run inside stop_machine(),
 * right after the functions of their object are switched in (load) or out
 * (unload), so they must not sleep.  Use them for a change of state that
 * must happen atomically with the switch.
 */
#define __KPATCH_HOOK(_sec, _kind, _fn)					\
	static_assert(__same_type(&_fn, kpatch_hook_fn),		\
		      #_fn ": a hook is void fn(void)");		\
	static struct kpatch_patch_hook __kpatch_##_kind##_##_fn	\
	__used __section(_sec) __kpatch_entry_aligned = { .fn = _fn }

#define KPATCH_LOAD_HOOK(_fn) __KPATCH_HOOK(KPATCH_SEC_LOAD_HOOKS, load, _fn)
#define KPATCH_UNLOAD_HOOK(_fn) \
	__KPATCH_HOOK(KPATCH_SEC_UNLOAD_HOOKS, unload, _fn)

/*
 * Callbacks run in process context, outside stop_machine(), and may sleep.
 * Pre-patch: int fn(patch_object *obj); a non-zero return refuses the
 * patch, and nothing is changed.  The others: void fn(patch_object *obj).
 */
#define __KPATCH_CALLBACK(_sec, _kind, _fn)				\
	static_assert(__same_type(&_fn,					\
		      ((struct kpatch_callbacks *)0)->_kind),		\
		      #_fn ": wrong type for a callback");		\
	static struct kpatch_patch_hook __kpatch_##_kind##_##_fn	\
	__used __section(_sec) __kpatch_entry_aligned = { .fn = _fn }

#define KPATCH_PRE_PATCH_CALLBACK(_fn) \
	__KPATCH_CALLBACK(KPATCH_SEC_PRE_PATCH, pre_patch, _fn)
#define KPATCH_POST_PATCH_CALLBACK(_fn) \
	__KPATCH_CALLBACK(KPATCH_SEC_POST_PATCH, post_patch, _fn)
#define KPATCH_PRE_UNPATCH_CALLBACK(_fn) \
	__KPATCH_CALLBACK(KPATCH_SEC_PRE_UNPATCH, pre_unpatch, _fn)
#define KPATCH_POST_UNPATCH_CALLBACK(_fn) \
	__KPATCH_CALLBACK(KPATCH_SEC_POST_UNPATCH, post_unpatch, _fn)

/*
 * Skip the activeness check for one replaced function: for a function that
 * never returns, or that some task is always inside.  A patch with a forced
 * function can never be unloaded.
 */
#define KPATCH_FORCE_UNSAFE(_fn)					\
	static void *__kpatch_force_##_fn __used			\
	__section(KPATCH_SEC_FORCE) = (void *)_fn

/*
 * Load the patch even if the running kernel's version of this replaced
 * function differs from the one the patch was built against: no digest
 * of it is recorded (doc/patch-author-guide.md says when that is sound).
 * Unlike KPATCH_FORCE_UNSAFE, the activeness check still runs.
 */
#define KPATCH_SKIP_CODE_CHECK(_fn)					\
	static void *__kpatch_skip_code_check_##_fn __used		\
	__section(KPATCH_SEC_SKIP_CODE_CHECK) = (void *)_fn

/* Leave a function, or a whole section, out of the comparison. */
#define KPATCH_IGNORE_FUNCTION(_fn)					\
	static void *__kpatch_ignore_func_##_fn __used			\
	__section(KPATCH_SEC_IGNORE_FUNCS) = (void *)_fn

#define KPATCH_IGNORE_SECTION(_sec)					\
	static char *__UNIQUE_ID(kpatch_ignore_section_) __used		\
	__section(KPATCH_SEC_IGNORE_SECTIONS) = _sec

/*
 * printk() for patched code.  printk() is __cold, so gcc takes any code
 * that must reach it as unlikely, and may move that code into a .cold
 * part or stop inlining the functions it calls: changes that make more of
 * the function look changed than the patch touched.  Behind a condition
 * that gcc can't evaluate, only the call itself is cold.  As with
 * printk(), the level is the caller's, in _fmt (checkpatch can't see it).
 */
#define KPATCH_PRINTK(_fmt, ...)					\
({									\
	bool __kpatch_printk = true;					\
									\
	OPTIMIZER_HIDE_VAR(__kpatch_printk);				\
	if (__kpatch_printk)						\
		printk(_fmt, ##__VA_ARGS__);				\
})

#endif /* _KPATCH_MACROS_H_ */
