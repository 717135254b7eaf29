// SPDX-License-Identifier: GPL-2.0
/*
 * The patch module's init code, the template that kpatch-build links into
 * every patch module.  It turns the .kpatch.* sections (bracketed by
 * kpatch.lds) into the patch description of kmod/core/kpatch.h, grouped by
 * object, and registers it with the core module.  (kpatch's counterpart
 * is kmod/patch/kpatch-patch-hook.c.)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "kpatch.h"
#include "kpatch-patch.h"
#include "kpatch-sections.h"

#ifndef KPATCH_CHECKSUM
#define KPATCH_CHECKSUM ""
#endif
#ifndef KPATCH_REPLACE
#define KPATCH_REPLACE 1
#endif

#define KPATCH_COUNT(name) (__kpatch_##name##_end - __kpatch_##name)

/*
 * The core reads .kpatch.dynrelas in place as struct kpatch_dynrela when
 * the module comes, before this init runs (kmod/core/early.c).
 */
#define KPATCH_SAME_FIELD(f)						\
	static_assert(offsetof(struct kpatch_patch_dynrela, f) ==	\
		      offsetof(struct kpatch_dynrela, f))
KPATCH_SAME_FIELD(dest);
KPATCH_SAME_FIELD(type);
KPATCH_SAME_FIELD(sympos);
KPATCH_SAME_FIELD(name);
KPATCH_SAME_FIELD(objname);
KPATCH_SAME_FIELD(addend);
static_assert(sizeof(struct kpatch_patch_dynrela) ==
	      sizeof(struct kpatch_dynrela));

/* Each section's entries, as one range to walk. */
struct hook_range {
	struct kpatch_patch_hook *start, *end;
};

/* The sections of hooks and callbacks, one of each kind. */
static const struct {
	struct hook_range load, unload;
	struct hook_range pre_patch, post_patch, pre_unpatch, post_unpatch;
} sections = {
	.load = { __kpatch_hooks_load, __kpatch_hooks_load_end },
	.unload = { __kpatch_hooks_unload, __kpatch_hooks_unload_end },
	.pre_patch = { __kpatch_pre_patch, __kpatch_pre_patch_end },
	.post_patch = { __kpatch_post_patch, __kpatch_post_patch_end },
	.pre_unpatch = { __kpatch_pre_unpatch, __kpatch_pre_unpatch_end },
	.post_unpatch = { __kpatch_post_unpatch, __kpatch_post_unpatch_end },
};

static unsigned int range_count(struct hook_range r)
{
	return r.end - r.start;
}

static struct kpatch_patch patch = {
	.mod = THIS_MODULE,
	.checksum = KPATCH_CHECKSUM,
	.replace = KPATCH_REPLACE,
};

/* The arrays handed to the core; freed on exit or on a failed init. */
static struct kpatch_object *objs;
static struct kpatch_func *funcs;
static struct kpatch_dynrela *dynrelas;
static kpatch_hook_fn *hooks;

/* Hooks of vmlinux carry no object name. */
static const char *hook_objname(const struct kpatch_patch_hook *h)
{
	return h->objname ? h->objname : "vmlinux";
}

static struct kpatch_object *find_object(const char *name)
{
	unsigned int i;

	for (i = 0; i < patch.nr_objs; i++)
		if (!strcmp(objs[i].name, name))
			return &objs[i];
	return NULL;
}

/* Every object named anywhere gets an entry, even with only a hook. */
static void add_object(const char *name)
{
	if (!find_object(name))
		objs[patch.nr_objs++].name = name;
}

static bool is_forced(const struct kpatch_patch_func *f)
{
	void **p;

	for (p = __kpatch_force; p < __kpatch_force_end; p++)
		if ((unsigned long)*p == f->new_addr)
			return true;
	return false;
}

/* Fill the object's own slice of funcs, dynrelas and hooks. */
static void fill_funcs(struct kpatch_object *obj, unsigned int *used)
{
	struct kpatch_patch_func *f;

	obj->funcs = &funcs[*used];
	for (f = __kpatch_funcs; f < __kpatch_funcs_end; f++) {
		struct kpatch_func *kf;

		if (strcmp(f->objname, obj->name))
			continue;
		kf = &funcs[(*used)++];
		kf->new_addr = f->new_addr;
		kf->new_size = f->new_size;
		kf->old_size = f->old_size;
		kf->sympos = f->sympos;
		kf->name = f->name;
		kf->force = is_forced(f);
		kf->digest = f->digest;
		kf->digest_len = f->digest_len;
		/* The same layout: create-diff-object's output.c asserts it. */
		kf->masks = (const struct kpatch_mask *)f->masks;
		kf->nr_masks = f->nr_masks;
		kf->digest_flags = f->flags;
		obj->nr_funcs++;
	}
}

static void fill_dynrelas(struct kpatch_object *obj, unsigned int *used)
{
	struct kpatch_patch_dynrela *d;

	obj->dynrelas = &dynrelas[*used];
	for (d = __kpatch_dynrelas; d < __kpatch_dynrelas_end; d++) {
		struct kpatch_dynrela *kd;

		if (strcmp(d->objname, obj->name))
			continue;
		kd = &dynrelas[(*used)++];
		kd->dest = d->dest;
		kd->type = d->type;
		kd->sympos = d->sympos;
		kd->name = d->name;
		kd->objname = d->objname;
		kd->addend = d->addend;
		obj->nr_dynrelas++;
	}
}

static const kpatch_hook_fn *fill_hooks(const char *objname,
					struct hook_range r,
					unsigned int *nr, unsigned int *used)
{
	const kpatch_hook_fn *first = &hooks[*used];
	struct kpatch_patch_hook *h;

	for (h = r.start; h < r.end; h++) {
		if (strcmp(hook_objname(h), objname))
			continue;
		hooks[(*used)++] = (kpatch_hook_fn)h->fn;
		(*nr)++;
	}
	return first;
}

/*
 * The core takes one callback of each kind per object: more than one is an
 * authoring error that the patch can't express.
 */
static int find_callback(const char *objname, struct hook_range r,
			 const char *kind, void **fn)
{
	struct kpatch_patch_hook *h;

	*fn = NULL;
	for (h = r.start; h < r.end; h++) {
		if (strcmp(hook_objname(h), objname))
			continue;
		if (*fn) {
			pr_err("more than one %s callback for %s\n", kind,
			       objname);
			return -EINVAL;
		}
		*fn = h->fn;
	}
	return 0;
}

static void add_hook_objects(struct hook_range r)
{
	struct kpatch_patch_hook *h;

	for (h = r.start; h < r.end; h++)
		add_object(hook_objname(h));
}

static int fill_callbacks(struct kpatch_object *obj)
{
	void *pre_patch, *post_patch, *pre_unpatch, *post_unpatch;
	const char *name = obj->name;
	int ret;

	ret = find_callback(name, sections.pre_patch, "pre-patch",
			    &pre_patch) ?:
	      find_callback(name, sections.post_patch, "post-patch",
			    &post_patch) ?:
	      find_callback(name, sections.pre_unpatch, "pre-unpatch",
			    &pre_unpatch) ?:
	      find_callback(name, sections.post_unpatch, "post-unpatch",
			    &post_unpatch);
	if (ret)
		return ret;
	obj->callbacks.pre_patch = pre_patch;
	obj->callbacks.post_patch = post_patch;
	obj->callbacks.pre_unpatch = pre_unpatch;
	obj->callbacks.post_unpatch = post_unpatch;
	return 0;
}

static void free_arrays(void)
{
	kfree(objs);
	kfree(funcs);
	kfree(dynrelas);
	kfree(hooks);
}

static int build_patch(void)
{
	unsigned int used_funcs = 0, used_dynrelas = 0, used_hooks = 0;
	unsigned int nr_hooks, nr_callbacks, max_objs, i;
	struct kpatch_patch_func *f;
	struct kpatch_patch_dynrela *d;
	int ret;

	nr_hooks = range_count(sections.load) + range_count(sections.unload);
	nr_callbacks = range_count(sections.pre_patch) +
		       range_count(sections.post_patch) +
		       range_count(sections.pre_unpatch) +
		       range_count(sections.post_unpatch);
	/* At most one object per entry of any kind. */
	max_objs = KPATCH_COUNT(funcs) + KPATCH_COUNT(dynrelas) + nr_hooks +
		   nr_callbacks;

	objs = kcalloc(max_objs, sizeof(*objs), GFP_KERNEL);
	funcs = kcalloc(KPATCH_COUNT(funcs), sizeof(*funcs), GFP_KERNEL);
	dynrelas = kcalloc(KPATCH_COUNT(dynrelas), sizeof(*dynrelas),
			   GFP_KERNEL);
	hooks = kcalloc(nr_hooks, sizeof(*hooks), GFP_KERNEL);
	if ((max_objs && !objs) || (KPATCH_COUNT(funcs) && !funcs) ||
	    (KPATCH_COUNT(dynrelas) && !dynrelas) || (nr_hooks && !hooks))
		return -ENOMEM;

	for (f = __kpatch_funcs; f < __kpatch_funcs_end; f++)
		add_object(f->objname);
	for (d = __kpatch_dynrelas; d < __kpatch_dynrelas_end; d++)
		add_object(d->objname);
	add_hook_objects(sections.load);
	add_hook_objects(sections.unload);
	add_hook_objects(sections.pre_patch);
	add_hook_objects(sections.post_patch);
	add_hook_objects(sections.pre_unpatch);
	add_hook_objects(sections.post_unpatch);
	if (!patch.nr_objs) {
		pr_err("the module holds no function, relocation or hook\n");
		return -EINVAL;
	}

	for (i = 0; i < patch.nr_objs; i++) {
		struct kpatch_object *obj = &objs[i];

		fill_funcs(obj, &used_funcs);
		fill_dynrelas(obj, &used_dynrelas);
		obj->load_hooks = fill_hooks(obj->name, sections.load,
					     &obj->nr_load_hooks, &used_hooks);
		obj->unload_hooks = fill_hooks(obj->name, sections.unload,
					       &obj->nr_unload_hooks,
					       &used_hooks);
		ret = fill_callbacks(obj);
		if (ret)
			return ret;
	}
	patch.objs = objs;
	return 0;
}

static int __init kpatch_patch_init(void)
{
	int ret;

	ret = build_patch();
	if (!ret)
		ret = kpatch_register(&patch);
	if (ret)
		free_arrays();
	return ret;
}

static void __exit kpatch_patch_exit(void)
{
	WARN_ON(kpatch_unregister(&patch));
	free_arrays();
}

module_init(kpatch_patch_init);
module_exit(kpatch_patch_exit);
MODULE_LICENSE("GPL");
/*
 * kpatch-build writes the patch's own description, and the CVEs it fixes,
 * in kpatch-meta.c (KPATCH_META): one description per module.
 */
#ifndef KPATCH_META
MODULE_DESCRIPTION("kpatch live patch module");
#endif
MODULE_INFO(kpatch, "Y");
MODULE_INFO(kpatch_checksum, KPATCH_CHECKSUM);
