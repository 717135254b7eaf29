// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: patching modules as they come and go.
 *
 * A patch may change a module that is not loaded yet.  When the module
 * comes, its ftrace records exist but none of its code has run, so its
 * objects are applied at once, without stop_machine(): no task can be
 * inside them.  When it goes, its code has stopped running, so they are
 * taken out the same way.  If applying a patch to a coming module fails,
 * the module is refused, as it would otherwise run unpatched.
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/module.h>
#include <linux/notifier.h>
#include "core.h"

/* Take out every object of any patch that is applied to mod. */
static void kp_module_remove(struct module *mod)
{
	struct kp_object *obj;
	struct kp_patch *p;
	unsigned int i;
	bool removed = false;

	list_for_each_entry_reverse(p, &kp_patches, list) {
		kp_for_each_object(p, obj, i) {
			if (obj->mod != mod || !obj->applied)
				continue;
			kp_object_pre_unpatch(obj);
			kp_object_switch_out(obj);
			removed = true;
		}
	}
	if (!removed)
		return;
	/* Let ftrace handlers that saw the functions finish. */
	synchronize_rcu();
	list_for_each_entry_reverse(p, &kp_patches, list)
		kp_for_each_object(p, obj, i)
			if (obj->mod == mod && obj->prepared)
				kp_object_release(obj);
}

static int kp_module_coming(struct module *mod)
{
	struct kp_object *obj;
	struct kp_patch *p;
	unsigned int i;
	int ret;

	/* Oldest first, so that the newest patch of a function wins. */
	list_for_each_entry(p, &kp_patches, list) {
		if (!p->enabled)
			continue;
		kp_for_each_object(p, obj, i) {
			if (obj->prepared || strcmp(obj->name, mod->name))
				continue;
			ret = kp_object_prepare(obj, mod);
			if (ret) {
				pr_err("%s: refusing to load module %s: %d\n",
				       kp_patch_name(p), mod->name, ret);
				kp_module_remove(mod);
				return ret;
			}
			kp_object_switch_in(obj);
			kp_object_post_patch(obj);
			pr_info("%s: applied to module %s\n",
				kp_patch_name(p), mod->name);
		}
	}
	return 0;
}

static int kp_module_notify(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	struct module *mod = data;
	int ret = 0;

	mutex_lock(&kpatch_mutex);
	if (action == MODULE_STATE_COMING)
		ret = kp_module_coming(mod);
	else if (action == MODULE_STATE_GOING)
		kp_module_remove(mod);
	mutex_unlock(&kpatch_mutex);
	return notifier_from_errno(ret);
}

static struct notifier_block kp_module_nb = {
	.notifier_call = kp_module_notify,
};

int kp_notifier_init(void)
{
	return register_module_notifier(&kp_module_nb);
}

void kp_notifier_exit(void)
{
	unregister_module_notifier(&kp_module_nb);
}
