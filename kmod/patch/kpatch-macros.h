/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Macros for patch authors.  Include this from the kernel source file that
 * a patch changes:
 *
 *	#include "kpatch-macros.h"
 *
 * kpatch-build puts this directory on the include path of the patched
 * build.  See doc/patch-author-guide.md for when each macro is needed.
 */
#ifndef _KPATCH_MACROS_H_
#define _KPATCH_MACROS_H_

#include <linux/compiler.h>
#include <linux/build_bug.h>
#include "kpatch-patch.h"
#include "kpatch.h"

/*
 * What callbacks receive: the object (vmlinux or a module) being patched.
 * The name is kpatch's, so that existing patches carry over.
 */
#define patch_object const struct kpatch_object

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
	__used __section(_sec) = { .fn = _fn }

#define KPATCH_LOAD_HOOK(_fn) __KPATCH_HOOK(".kpatch.hooks.load", load, _fn)
#define KPATCH_UNLOAD_HOOK(_fn) \
	__KPATCH_HOOK(".kpatch.hooks.unload", unload, _fn)

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
	__used __section(_sec) = { .fn = _fn }

#define KPATCH_PRE_PATCH_CALLBACK(_fn) \
	__KPATCH_CALLBACK(".kpatch.callbacks.pre_patch", pre_patch, _fn)
#define KPATCH_POST_PATCH_CALLBACK(_fn) \
	__KPATCH_CALLBACK(".kpatch.callbacks.post_patch", post_patch, _fn)
#define KPATCH_PRE_UNPATCH_CALLBACK(_fn) \
	__KPATCH_CALLBACK(".kpatch.callbacks.pre_unpatch", pre_unpatch, _fn)
#define KPATCH_POST_UNPATCH_CALLBACK(_fn) \
	__KPATCH_CALLBACK(".kpatch.callbacks.post_unpatch", post_unpatch, _fn)

/*
 * Skip the activeness check for one replaced function: for a function that
 * never returns, or that some task is always inside.  A patch with a forced
 * function can never be unloaded.
 */
#define KPATCH_FORCE_UNSAFE(_fn)					\
	static void *__kpatch_force_##_fn __used			\
	__section(".kpatch.force") = (void *)_fn

/* Leave a function, or a whole section, out of the comparison. */
#define KPATCH_IGNORE_FUNCTION(_fn)					\
	static void *__kpatch_ignore_func_##_fn __used			\
	__section(".kpatch.ignore.functions") = (void *)_fn

#define KPATCH_IGNORE_SECTION(_sec)					\
	static char *__UNIQUE_ID(kpatch_ignore_section_) __used		\
	__section(".kpatch.ignore.sections") = _sec

#endif /* _KPATCH_MACROS_H_ */
