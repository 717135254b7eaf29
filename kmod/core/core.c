// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core module: registration, and the life cycle of a patch.
 *
 * A patch goes through these steps for each object that is loaded
 * (vmlinux always, a module only while it is loaded):
 *   prepare:    resolve functions and dynrelas, pre-patch callback, arm
 *               ftrace (nothing is redirected yet);
 *   switch in:  inside stop_machine() with every stack checked
 *               (transition.c), or at once for a module that is coming;
 *   post-patch callback.
 * Unpatching runs them backwards.  Every failing step undoes the ones
 * before it, so a patch is either fully applied or not at all.
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/module.h>
#include <linux/panic.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include "core.h"

DEFINE_MUTEX(kpatch_mutex);
LIST_HEAD(kp_patches);

/* The object as its callbacks see it, as of the call. */
static struct kpatch_callback_object *kp_cb_object(struct kp_object *obj)
{
	obj->cb.name = obj->name;
	obj->cb.mod = obj->mod;
	return &obj->cb;
}

/* What kp_resolve_funcs() found goes, with the module. */
static void kp_forget_funcs(struct kp_object *obj)
{
	struct kp_func *f;
	unsigned int i;

	kp_for_each_func(obj, f, i)
		f->old_addr = 0;
	obj->mod = NULL;
}

int kp_object_prepare(struct kp_object *obj, struct module *mod)
{
	const struct kpatch_callbacks *cb = &obj->desc->callbacks;
	int ret;

	obj->mod = mod;
	ret = kp_resolve_funcs(obj);
	if (ret)
		goto err;
	ret = kp_write_dynrelas(obj);
	if (ret)
		goto err;
	if (cb->pre_patch) {
		ret = cb->pre_patch(kp_cb_object(obj));
		if (ret) {
			pr_err("%s: %s: pre-patch callback failed: %d\n",
			       kp_patch_name(obj->patch), obj->name, ret);
			goto err;
		}
	}
	ret = kp_arm_object(obj);
	if (ret) {
		if (cb->post_unpatch)
			cb->post_unpatch(kp_cb_object(obj));
		goto err;
	}
	obj->prepared = true;
	return 0;

err:
	kp_forget_funcs(obj);
	return ret;
}

/* Undo kp_object_prepare(), once the object is switched out. */
void kp_object_release(struct kp_object *obj)
{
	const struct kpatch_callbacks *cb = &obj->desc->callbacks;

	kp_disarm_object(obj);
	if (cb->post_unpatch)
		cb->post_unpatch(kp_cb_object(obj));
	obj->prepared = false;
	kp_forget_funcs(obj);
}

void kp_object_post_patch(struct kp_object *obj)
{
	if (obj->desc->callbacks.post_patch)
		obj->desc->callbacks.post_patch(kp_cb_object(obj));
}

void kp_object_pre_unpatch(struct kp_object *obj)
{
	if (obj->desc->callbacks.pre_unpatch)
		obj->desc->callbacks.pre_unpatch(kp_cb_object(obj));
}

static void kp_patch_callbacks(struct kp_patch *p,
			       void (*cb)(struct kp_object *obj))
{
	struct kp_object *obj;
	unsigned int i;

	kp_for_each_object(p, obj, i)
		if (obj->applied)
			cb(obj);
}

/* After a successful switch out: release the objects and the module. */
static void kp_patch_retire(struct kp_patch *p)
{
	struct kp_object *obj;
	unsigned int i;

	kp_for_each_object(p, obj, i)
		if (obj->prepared)
			kp_object_release(obj);
	p->enabled = false;
	/* Code that the check skipped may still be running: keep it. */
	if (!p->forced)
		module_put(p->desc->mod);
}

static bool kp_patch_has_force(struct kp_patch *p)
{
	struct kp_object *obj;
	struct kp_func *f;
	unsigned int i, j;

	kp_for_each_object(p, obj, i)
		kp_for_each_func(obj, f, j)
			if (f->desc->force)
				return true;
	return false;
}

/* Whether a switch would have to check stacks for p's functions. */
static bool kp_patch_has_checked_funcs(struct kp_patch *p, bool adding)
{
	struct kp_object *obj;
	struct kp_func *f;
	unsigned int i, j;

	kp_for_each_object(p, obj, i) {
		if (adding ? !obj->prepared : !obj->applied)
			continue;
		kp_for_each_func(obj, f, j)
			if (!f->desc->force)
				return true;
	}
	return false;
}

/*
 * The activeness check is only as good as the stack traces it reads.
 * Without a reliable unwinder a trace may silently miss a frame, so a
 * switch that has anything to check is refused, rather than trusting a
 * best-effort trace.  Functions marked force need no check.
 */
static int kp_check_unwinder(struct kp_patch *add, struct kp_patch *remove,
			     bool replace)
{
	struct kp_patch *p = add ? add : remove, *q;
	bool checked = false;

	if (kp_reliable_stacks())
		return 0;
	if (add)
		checked |= kp_patch_has_checked_funcs(add, true);
	if (remove)
		checked |= kp_patch_has_checked_funcs(remove, false);
	if (replace)
		list_for_each_entry(q, &kp_patches, list)
			if (q->enabled)
				checked |= kp_patch_has_checked_funcs(q, false);
	if (!checked)
		return 0;
	pr_err("%s: this kernel has no reliable stack traces (stack_trace_save_tsk_reliable(), CONFIG_HAVE_RELIABLE_STACKTRACE), so the activeness check can't prove that no task runs the functions being switched: refusing to %s\n",
	       kp_patch_name(p), add ? "patch" : "unpatch");
	return -EOPNOTSUPP;
}

static int kp_enable_patch(struct kp_patch *p)
{
	struct kp_patch *q;
	struct kp_object *obj;
	struct module *mod;
	unsigned int i;
	int ret;

	if (kp_switch_retrying(kp_patch_name(p)))
		return -EBUSY;
	kp_for_each_object(p, obj, i) {
		mod = NULL;
		if (strcmp(obj->name, KPATCH_VMLINUX)) {
			mod = kp_find_patchable_module(obj->name);
			if (!mod)
				continue;	/* the notifier will do it */
		}
		ret = kp_object_prepare(obj, mod);
		if (ret)
			goto undo;
	}

	ret = kp_check_unwinder(p, NULL, p->desc->replace);
	if (ret)
		goto undo;

	if (p->desc->replace)
		list_for_each_entry(q, &kp_patches, list)
			if (q->enabled)
				kp_patch_callbacks(q, kp_object_pre_unpatch);

	ret = kp_switch(p, NULL, p->desc->replace);
	if (ret) {
		if (p->desc->replace)
			list_for_each_entry(q, &kp_patches, list)
				if (q->enabled)
					kp_patch_callbacks(q,
							   kp_object_post_patch);
		goto undo;
	}

	if (p->desc->replace)
		list_for_each_entry(q, &kp_patches, list)
			if (q->enabled)
				kp_patch_retire(q);

	p->enabled = true;
	p->forced = kp_patch_has_force(p);
	__module_get(p->desc->mod);
	add_taint(TAINT_LIVEPATCH, LOCKDEP_STILL_OK);
	kp_patch_callbacks(p, kp_object_post_patch);
	pr_info("%s: enabled\n", kp_patch_name(p));
	return 0;

undo:
	kp_for_each_object(p, obj, i)
		if (obj->prepared)
			kp_object_release(obj);
	return ret;
}

int kp_disable_patch(struct kp_patch *p)
{
	int ret;

	if (!p->enabled)
		return 0;
	if (p->forced) {
		pr_err("%s: was applied with a forced function: it can't be disabled\n",
		       kp_patch_name(p));
		return -EPERM;
	}
	if (kp_switch_retrying(kp_patch_name(p)))
		return -EBUSY;
	ret = kp_check_unwinder(NULL, p, false);
	if (ret)
		return ret;

	kp_patch_callbacks(p, kp_object_pre_unpatch);
	ret = kp_switch(NULL, p, false);
	if (ret) {
		kp_patch_callbacks(p, kp_object_post_patch);
		return ret;
	}
	kp_patch_retire(p);
	pr_info("%s: disabled\n", kp_patch_name(p));
	return 0;
}

static void kp_free_patch(struct kp_patch *p)
{
	struct kp_object *obj;
	struct kp_func *f;
	unsigned int i, j;

	kp_for_each_object(p, obj, i) {
		kp_for_each_func(obj, f, j)
			kobject_put(&f->kobj);
		kobject_put(&obj->kobj);
	}
	kp_sysfs_put_patch(p);
}

static const char *kp_desc_objname(const struct kpatch_object *o)
{
	return o->name ? o->name : KPATCH_VMLINUX;
}

/*
 * Refuse what would make sysfs names collide, before anything is created:
 * sysfs complains about duplicates with a stack dump.
 */
static int kp_check_duplicates(const char *patch,
			       const struct kpatch_patch *d)
{
	const struct kpatch_object *o;
	const struct kpatch_func *f, *g;
	unsigned int i, j, k;

	for (i = 0; i < d->nr_objs; i++) {
		o = &d->objs[i];
		for (j = 0; j < i; j++) {
			if (!strcmp(kp_desc_objname(o),
				    kp_desc_objname(&d->objs[j]))) {
				pr_err("%s: object %s is listed twice\n",
				       patch, kp_desc_objname(o));
				return -EINVAL;
			}
		}
		for (j = 0; j < o->nr_funcs; j++) {
			f = &o->funcs[j];
			for (k = 0; k < j; k++) {
				g = &o->funcs[k];
				/* 0 ("unique") can only be position 1. */
				if (!strcmp(f->name, g->name) &&
				    (f->sympos ? : 1) == (g->sympos ? : 1)) {
					pr_err("%s: %s: %s is listed twice\n",
					       patch, kp_desc_objname(o),
					       f->name);
					return -EINVAL;
				}
			}
		}
	}
	return 0;
}

static int kp_check_desc(const struct kpatch_patch *d)
{
	const struct kpatch_object *o;
	unsigned int i, j;

	if (!d->mod || !d->objs || !d->nr_objs)
		return -EINVAL;
	for (i = 0; i < d->nr_objs; i++) {
		o = &d->objs[i];
		if ((o->nr_funcs && !o->funcs) ||
		    (o->nr_dynrelas && !o->dynrelas) ||
		    (o->nr_load_hooks && !o->load_hooks) ||
		    (o->nr_unload_hooks && !o->unload_hooks))
			return -EINVAL;
		for (j = 0; j < o->nr_funcs; j++)
			if (!o->funcs[j].new_addr || !o->funcs[j].name)
				return -EINVAL;
		for (j = 0; j < o->nr_dynrelas; j++)
			if (!o->dynrelas[j].name)
				return -EINVAL;
	}
	return kp_check_duplicates(d->mod->name, d);
}

/*
 * The core's mirror of a description.  Its kobjects are initialized
 * here, so that kp_free_patch() can free any partial result.
 */
static struct kp_patch *kp_alloc_patch(struct kpatch_patch *d)
{
	const struct kpatch_object *od;
	struct kp_object *obj;
	struct kp_patch *p;
	struct kp_func *f;
	unsigned int i, j;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return NULL;
	p->desc = d;
	INIT_LIST_HEAD(&p->list);
	kp_sysfs_init_patch(p);
	p->objs = kcalloc(d->nr_objs, sizeof(*p->objs), GFP_KERNEL);
	if (!p->objs)
		goto err;

	for (i = 0; i < d->nr_objs; i++) {
		od = &d->objs[i];
		obj = kp_sysfs_alloc_object(p, od);
		if (!obj)
			goto err;
		p->objs[p->nr_objs++] = obj;
		for (j = 0; j < od->nr_funcs; j++) {
			f = kp_sysfs_alloc_func(obj, &od->funcs[j]);
			if (!f)
				goto err;
			obj->funcs[obj->nr_funcs++] = f;
		}
	}
	return p;

err:
	kp_free_patch(p);
	return NULL;
}

static struct kp_patch *kp_lookup_patch(const struct kpatch_patch *d)
{
	struct kp_patch *p;

	list_for_each_entry(p, &kp_patches, list)
		if (p->desc == d || p->desc->mod == d->mod)
			return p;
	return NULL;
}

/*
 * Every function must have a size on both sides: the activeness check
 * looks for tasks inside [addr, addr + size), and an empty range would
 * let any task through.  A replacement without a size in the description
 * takes the one kallsyms knows.
 */
static int kp_check_sizes(struct kp_patch *p)
{
	struct kp_object *obj;
	struct kp_func *f;
	unsigned int i, j;

	kp_for_each_object(p, obj, i) {
		kp_for_each_func(obj, f, j) {
			if (!f->desc->old_size) {
				pr_err("%s: %s: %s has old_size 0 in the patch description: the activeness check could not see a task inside it; rebuild the patch module\n",
				       kp_patch_name(p), obj->name, f->desc->name);
				return -EINVAL;
			}
			f->new_size = f->desc->new_size;
			if (!f->new_size &&
			    !kp_kallsyms_size(f->desc->new_addr, &f->new_size))
				f->new_size = 0;
			if (!f->new_size) {
				pr_err("%s: %s: the replacement of %s has size 0 (in the description and in kallsyms): the activeness check could not see a task inside it; rebuild the patch module\n",
				       kp_patch_name(p), obj->name, f->desc->name);
				return -EINVAL;
			}
		}
	}
	return 0;
}

#ifdef KPATCH_TEST_HOOKS
/*
 * Test hook for 65-register-race.sh: the next registration stops once its
 * sysfs tree exists, with kpatch_mutex held, until test_register_release
 * is written; then it fails with -test_register_fail, if that is set.
 * So a test can have a writer of "enabled" wait on the mutex while a
 * registration fails.
 */
static bool test_register_hold;
module_param(test_register_hold, bool, 0644);
static bool test_register_held;
module_param(test_register_held, bool, 0444);
static int test_register_fail;
module_param(test_register_fail, int, 0644);
static DECLARE_WAIT_QUEUE_HEAD(kp_test_register_wq);
static bool kp_test_register_go;

static int kp_test_register_release(const char *val,
				    const struct kernel_param *kp)
{
	WRITE_ONCE(kp_test_register_go, true);
	wake_up(&kp_test_register_wq);
	return 0;
}

static const struct kernel_param_ops kp_test_register_release_ops = {
	.set = kp_test_register_release,
};
module_param_cb(test_register_release, &kp_test_register_release_ops, NULL,
		0200);

static int kp_test_register(void)
{
	if (READ_ONCE(test_register_hold)) {
		WRITE_ONCE(test_register_hold, false);
		WRITE_ONCE(test_register_held, true);
		wait_event_killable(kp_test_register_wq,
				    READ_ONCE(kp_test_register_go));
		WRITE_ONCE(kp_test_register_go, false);
		WRITE_ONCE(test_register_held, false);
	}
	return -READ_ONCE(test_register_fail);
}
#else
static inline int kp_test_register(void)
{
	return 0;
}
#endif

/**
 * kpatch_register() - apply a patch
 * @desc: its description, which must stay valid until kpatch_unregister()
 *
 * Applies every object of the patch that is loaded now, atomically; the
 * others are applied when their module loads.  While the patch is
 * enabled, its module can't be removed.
 *
 * Return: 0, or a negative errno with nothing changed.
 */
int kpatch_register(struct kpatch_patch *desc)
{
	struct kp_patch *p;
	int ret;

	if (!desc || !desc->mod || kp_check_desc(desc)) {
		pr_err("%s: malformed patch description\n",
		       desc && desc->mod ? desc->mod->name : "?");
		return -EINVAL;
	}

	mutex_lock(&kpatch_mutex);
	if (kp_lookup_patch(desc)) {
		pr_err("%s: already registered\n", desc->mod->name);
		mutex_unlock(&kpatch_mutex);
		return -EEXIST;
	}
	p = kp_alloc_patch(desc);
	if (!p) {
		mutex_unlock(&kpatch_mutex);
		return -ENOMEM;
	}
	ret = kp_check_sizes(p);
	if (!ret)
		ret = kp_sysfs_add_patch(p);
	if (!ret)
		ret = kp_test_register();
	if (!ret)
		ret = kp_enable_patch(p);
	if (!ret)
		list_add_tail(&p->list, &kp_patches);
	mutex_unlock(&kpatch_mutex);

	/*
	 * The sysfs tree is there from before the enable, so a writer of
	 * "enabled" may be waiting for the mutex with a kernfs active
	 * reference held, which removing the files waits for: remove them
	 * only now, outside the mutex.  That writer finds p disabled and
	 * does nothing; p is not on kp_patches, so nothing else finds it.
	 */
	if (ret) {
		kp_sysfs_del_patch(p);
		kp_free_patch(p);
	}
	return ret;
}
EXPORT_SYMBOL_GPL(kpatch_register);

/**
 * kpatch_unregister() - disable a patch if needed, and forget it
 * @desc: as given to kpatch_register()
 *
 * Return: 0, or a negative errno (such as -EBUSY when the activeness
 * check keeps failing) with the patch still applied.
 */
int kpatch_unregister(struct kpatch_patch *desc)
{
	struct kp_patch *p;
	int ret;

	mutex_lock(&kpatch_mutex);
	p = kp_lookup_patch(desc);
	if (!p || p->desc != desc) {
		mutex_unlock(&kpatch_mutex);
		return -EINVAL;
	}
	ret = kp_disable_patch(p);
	if (ret) {
		mutex_unlock(&kpatch_mutex);
		return ret;
	}
	list_del(&p->list);
	mutex_unlock(&kpatch_mutex);

	/*
	 * Outside the mutex: removing the sysfs files waits for writers of
	 * "enabled", which take the mutex.
	 */
	kp_sysfs_del_patch(p);
	kp_free_patch(p);
	return 0;
}
EXPORT_SYMBOL_GPL(kpatch_unregister);

static int __init kpatch_init(void)
{
	int ret;

	ret = kp_ksyms_init();
	if (ret)
		return ret;
	ret = kp_sysfs_init();
	if (ret)
		return ret;
	ret = kp_transition_init();
	if (ret)
		goto err_sysfs;
	ret = kp_notifier_init();
	if (ret)
		goto err_transition;
	ret = kp_early_init();
	if (ret)
		goto err_notifier;
	pr_info("loaded\n");
	return 0;

err_notifier:
	kp_notifier_exit();
err_transition:
	kp_transition_exit();
err_sysfs:
	kp_sysfs_exit();
	return ret;
}

static void __exit kpatch_exit(void)
{
	kp_early_exit();
	kp_notifier_exit();
	kp_transition_exit();
	kp_sysfs_exit();
	kp_shadow_exit();
}

module_init(kpatch_init);
module_exit(kpatch_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kpatch core: live patching of functions");
