/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The start and end of each kind of .kpatch.* metadata in a patch module,
 * as kpatch.lds defines them; the template walks the entries in between.
 */
#ifndef _KPATCH_SECTIONS_H_
#define _KPATCH_SECTIONS_H_

#include "kpatch-patch.h"

extern struct kpatch_patch_func __kpatch_funcs[], __kpatch_funcs_end[];
extern struct kpatch_patch_dynrela __kpatch_dynrelas[], __kpatch_dynrelas_end[];
extern struct kpatch_patch_hook __kpatch_hooks_load[], __kpatch_hooks_load_end[];
extern struct kpatch_patch_hook __kpatch_hooks_unload[],
	__kpatch_hooks_unload_end[];
extern struct kpatch_patch_hook __kpatch_pre_patch[], __kpatch_pre_patch_end[];
extern struct kpatch_patch_hook __kpatch_post_patch[], __kpatch_post_patch_end[];
extern struct kpatch_patch_hook __kpatch_pre_unpatch[],
	__kpatch_pre_unpatch_end[];
extern struct kpatch_patch_hook __kpatch_post_unpatch[],
	__kpatch_post_unpatch_end[];
extern void *__kpatch_force[], *__kpatch_force_end[];

#endif /* _KPATCH_SECTIONS_H_ */
