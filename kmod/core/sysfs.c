// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: the sysfs tree.
 *
 *   /sys/kernel/kpatch/patches/<patch>/enabled      rw, write 0 to unpatch
 *   /sys/kernel/kpatch/patches/<patch>/checksum
 *   /sys/kernel/kpatch/patches/<patch>/functions/<object>/<func>,<sympos>/
 *                                                    old_addr, new_addr
 *
 * The kobjects live in the core's own kp_* structures, not in the patch
 * module, so their release never races with the module going away.
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/slab.h>
#include <linux/sysfs.h>
#include "core.h"

struct kobject *kp_root_kobj;
static struct kobject *kp_patches_kobj;

static ssize_t enabled_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	struct kp_patch *p = container_of(kobj, struct kp_patch, kobj);

	return sysfs_emit(buf, "%d\n", READ_ONCE(p->enabled));
}

static ssize_t enabled_store(struct kobject *kobj, struct kobj_attribute *attr,
			     const char *buf, size_t count)
{
	struct kp_patch *p = container_of(kobj, struct kp_patch, kobj);
	bool val;
	int ret;

	ret = kstrtobool(buf, &val);
	if (ret)
		return ret;

	mutex_lock(&kpatch_mutex);
	if (val)	/* a disabled patch is re-applied by reloading it */
		ret = p->enabled ? 0 : -EINVAL;
	else
		ret = kp_disable_patch(p);
	mutex_unlock(&kpatch_mutex);
	return ret ? ret : count;
}

static ssize_t checksum_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	struct kp_patch *p = container_of(kobj, struct kp_patch, kobj);

	return sysfs_emit(buf, "%s\n", p->desc->checksum ? : "");
}

static struct kobj_attribute kp_attr_enabled = __ATTR_RW(enabled);
static struct kobj_attribute kp_attr_checksum = __ATTR_RO(checksum);

static struct attribute *kp_patch_attrs[] = {
	&kp_attr_enabled.attr,
	&kp_attr_checksum.attr,
	NULL,
};
ATTRIBUTE_GROUPS(kp_patch);

static void kp_patch_release(struct kobject *kobj)
{
	struct kp_patch *p = container_of(kobj, struct kp_patch, kobj);

	kfree(p->objs);
	kfree(p);
}

static struct kobj_type kp_patch_ktype = {
	.release	= kp_patch_release,
	.sysfs_ops	= &kobj_sysfs_ops,
	.default_groups	= kp_patch_groups,
};

static void kp_object_kobj_release(struct kobject *kobj)
{
	struct kp_object *obj = container_of(kobj, struct kp_object, kobj);

	kfree(obj->funcs);
	kfree(obj->ips);
	kfree(obj);
}

static struct kobj_type kp_object_ktype = {
	.release	= kp_object_kobj_release,
	.sysfs_ops	= &kobj_sysfs_ops,
};

/* Addresses defeat KASLR: readable by root only. */
static ssize_t old_addr_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	struct kp_func *f = container_of(kobj, struct kp_func, kobj);

	return sysfs_emit(buf, "0x%lx\n", READ_ONCE(f->old_addr));
}

static ssize_t new_addr_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	struct kp_func *f = container_of(kobj, struct kp_func, kobj);

	return sysfs_emit(buf, "0x%lx\n", f->desc->new_addr);
}

static struct kobj_attribute kp_attr_old_addr = __ATTR(old_addr, 0400,
						       old_addr_show, NULL);
static struct kobj_attribute kp_attr_new_addr = __ATTR(new_addr, 0400,
						       new_addr_show, NULL);

static struct attribute *kp_func_attrs[] = {
	&kp_attr_old_addr.attr,
	&kp_attr_new_addr.attr,
	NULL,
};
ATTRIBUTE_GROUPS(kp_func);

static void kp_func_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct kp_func, kobj));
}

static struct kobj_type kp_func_ktype = {
	.release	= kp_func_release,
	.sysfs_ops	= &kobj_sysfs_ops,
	.default_groups	= kp_func_groups,
};

void kp_sysfs_init_patch(struct kp_patch *p)
{
	kobject_init(&p->kobj, &kp_patch_ktype);
}

struct kp_object *kp_sysfs_alloc_object(struct kp_patch *p,
					const struct kpatch_object *d)
{
	struct kp_object *obj;

	obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	if (!obj)
		return NULL;
	kobject_init(&obj->kobj, &kp_object_ktype);
	obj->desc = d;
	obj->patch = p;
	obj->name = d->name ? d->name : KPATCH_VMLINUX;
	obj->funcs = kcalloc(d->nr_funcs, sizeof(*obj->funcs), GFP_KERNEL);
	obj->ips = kcalloc(d->nr_funcs, sizeof(*obj->ips), GFP_KERNEL);
	if (d->nr_funcs && (!obj->funcs || !obj->ips)) {
		kobject_put(&obj->kobj);
		return NULL;
	}
	return obj;
}

struct kp_func *kp_sysfs_alloc_func(struct kp_object *obj,
				    const struct kpatch_func *d)
{
	struct kp_func *f;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return NULL;
	kobject_init(&f->kobj, &kp_func_ktype);
	f->desc = d;
	f->obj = obj;
	INIT_LIST_HEAD(&f->armed_node);
	return f;
}

static void kp_kobject_del(struct kobject *kobj)
{
	if (kobj->state_in_sysfs)
		kobject_del(kobj);
}

/* Remove whatever kp_sysfs_add_patch() added. */
void kp_sysfs_del_patch(struct kp_patch *p)
{
	struct kp_object *obj;
	struct kp_func *f;
	unsigned int i, j;

	kp_for_each_object(p, obj, i) {
		kp_for_each_func(obj, f, j)
			kp_kobject_del(&f->kobj);
		kp_kobject_del(&obj->kobj);
	}
	kobject_put(p->funcs_kobj);
	p->funcs_kobj = NULL;
	kp_kobject_del(&p->kobj);
}

/*
 * On failure, what was added stays until the caller's
 * kp_sysfs_del_patch(), which must run without kpatch_mutex: a writer of
 * "enabled" may already hold the file and be waiting for the mutex.
 */
int kp_sysfs_add_patch(struct kp_patch *p)
{
	struct kp_object *obj;
	struct kp_func *f;
	unsigned int i, j;
	int ret;

	ret = kobject_add(&p->kobj, kp_patches_kobj, "%s", kp_patch_name(p));
	if (ret)
		return ret;
	p->funcs_kobj = kobject_create_and_add("functions", &p->kobj);
	if (!p->funcs_kobj)
		return -ENOMEM;
	kp_for_each_object(p, obj, i) {
		ret = kobject_add(&obj->kobj, p->funcs_kobj, "%s", obj->name);
		if (ret)
			return ret;
		kp_for_each_func(obj, f, j) {
			/* Like livepatch, position 1 stands for "unique". */
			ret = kobject_add(&f->kobj, &obj->kobj, "%s,%lu",
					  f->desc->name,
					  f->desc->sympos ? : 1);
			if (ret)
				return ret;
		}
	}
	return 0;
}

void kp_sysfs_put_patch(struct kp_patch *p)
{
	kobject_put(&p->kobj);
}

int kp_sysfs_init(void)
{
	kp_root_kobj = kobject_create_and_add("kpatch", kernel_kobj);
	if (!kp_root_kobj)
		return -ENOMEM;
	kp_patches_kobj = kobject_create_and_add("patches", kp_root_kobj);
	if (!kp_patches_kobj) {
		kobject_put(kp_root_kobj);
		return -ENOMEM;
	}
	return 0;
}

void kp_sysfs_exit(void)
{
	kobject_put(kp_patches_kobj);
	kobject_put(kp_root_kobj);
}
