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
 *
 * Only once this notifier has taken a coming module may a patch that is
 * registered later switch it in (kp_find_patchable_module()): before,
 * ftrace may not have enabled the module's records yet, and if an earlier
 * notifier refuses the module, no GOING ever reaches this one, so an
 * object would keep pointing at a freed module.  Once this notifier has
 * said yes, a later refusal, or a failing init, sends GOING here.  So the
 * modules taken are recorded from COMING until LIVE or GOING.
 */
#define pr_fmt(fmt) "kpatch: " fmt

#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include "core.h"

/* A coming module that this notifier has taken; under kpatch_mutex. */
struct kp_taken {
	struct list_head node;
	struct module *mod;
};

static LIST_HEAD(kp_taken_list);

static struct kp_taken *kp_taken_find(struct module *mod)
{
	struct kp_taken *t;

	list_for_each_entry(t, &kp_taken_list, node)
		if (t->mod == mod)
			return t;
	return NULL;
}

/* Whether the notifier took mod as it came.  Called with kpatch_mutex held. */
bool kp_module_taken(struct module *mod)
{
	lockdep_assert_held(&kpatch_mutex);
	return !!kp_taken_find(mod);
}

static void kp_taken_forget(struct module *mod)
{
	struct kp_taken *t = kp_taken_find(mod);

	if (t) {
		list_del(&t->node);
		kfree(t);
	}
}

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
	struct kp_taken *t;
	struct kp_patch *p;
	unsigned int i;
	int ret;

	/* Allocated first, so that nothing needs undoing if it fails. */
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;

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
				kfree(t);
				return ret;
			}
			kp_object_switch_in(obj);
			kp_object_post_patch(obj);
			pr_info("%s: applied to module %s\n",
				kp_patch_name(p), mod->name);
		}
	}
	t->mod = mod;
	list_add(&t->node, &kp_taken_list);
	return 0;
}

static int kp_module_notify(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	struct module *mod = data;
	int ret = 0;

	mutex_lock(&kpatch_mutex);
	if (action == MODULE_STATE_COMING) {
		ret = kp_module_coming(mod);
	} else if (action == MODULE_STATE_LIVE) {
		kp_taken_forget(mod);
	} else if (action == MODULE_STATE_GOING) {
		kp_taken_forget(mod);
		kp_module_remove(mod);
	}
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
	struct kp_taken *t, *tmp;

	unregister_module_notifier(&kp_module_nb);
	list_for_each_entry_safe(t, tmp, &kp_taken_list, node) {
		list_del(&t->node);
		kfree(t);
	}
}
