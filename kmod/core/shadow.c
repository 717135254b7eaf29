// SPDX-License-Identifier: GPL-2.0
/*
 * kpatch core: shadow variables.
 *
 * A patch that needs a new field in an existing structure can't change
 * the structure's layout; it attaches the field as a shadow variable
 * instead, keyed by the address of the object and an id of the patch's
 * choosing.  The table is an RCU hash keyed by object address: lookups
 * take no lock, changes take a spinlock with interrupts off, so every
 * call is safe in any context where a kmalloc with the given gfp is.
 */
#include <linux/hashtable.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "core.h"

struct kp_shadow {
	struct hlist_node node;
	struct rcu_head rcu;
	void *obj;
	unsigned long id;
	char data[];
};

static DEFINE_HASHTABLE(kp_shadow_hash, 12);
static DEFINE_SPINLOCK(kp_shadow_lock);

static struct kp_shadow *kp_shadow_find(void *obj, unsigned long id)
{
	struct kp_shadow *s;

	hash_for_each_possible_rcu(kp_shadow_hash, s, node,
				   (unsigned long)obj)
		if (s->obj == obj && s->id == id)
			return s;
	return NULL;
}

/*
 * kpatch_shadow_get() - the shadow variable <obj, id>, or NULL.  The data
 * stays valid until the caller, or its protocol, frees it.
 */
void *kpatch_shadow_get(void *obj, unsigned long id)
{
	struct kp_shadow *s;

	rcu_read_lock();
	s = kp_shadow_find(obj, id);
	rcu_read_unlock();
	return s ? s->data : NULL;
}
EXPORT_SYMBOL_GPL(kpatch_shadow_get);

static void *kp_shadow_add(void *obj, unsigned long id, size_t size,
			   gfp_t gfp, kpatch_shadow_ctor_t ctor,
			   void *ctor_data, bool get_existing)
{
	struct kp_shadow *s, *new;
	unsigned long flags;
	void *data = NULL;

	/*
	 * A reader like kpatch_shadow_get(): a concurrent free may unlink
	 * and free entries of this bucket while we walk it.
	 */
	rcu_read_lock();
	s = kp_shadow_find(obj, id);
	if (s)
		data = get_existing ? s->data : NULL;
	rcu_read_unlock();
	if (s)
		return data;

	/* Allocate outside the lock, where gfp may allow sleeping. */
	new = kzalloc(struct_size(new, data, size), gfp);
	if (!new)
		return NULL;
	new->obj = obj;
	new->id = id;

	spin_lock_irqsave(&kp_shadow_lock, flags);
	s = kp_shadow_find(obj, id);
	if (s) {
		/* Someone else won the race. */
		if (get_existing)
			data = s->data;
	} else if (!ctor || !ctor(obj, new->data, ctor_data)) {
		hash_add_rcu(kp_shadow_hash, &new->node, (unsigned long)obj);
		data = new->data;
		new = NULL;
	}
	spin_unlock_irqrestore(&kp_shadow_lock, flags);
	kfree(new);
	return data;
}

/*
 * kpatch_shadow_alloc() - attach a new, zeroed shadow variable of size
 * bytes to obj.  ctor, if not NULL, initializes the data under the table's
 * spinlock (it must not sleep); a non-zero return cancels the allocation.
 * Returns the data, or NULL if <obj, id> exists already or on failure.
 */
void *kpatch_shadow_alloc(void *obj, unsigned long id, size_t size,
			  gfp_t gfp, kpatch_shadow_ctor_t ctor,
			  void *ctor_data)
{
	return kp_shadow_add(obj, id, size, gfp, ctor, ctor_data, false);
}
EXPORT_SYMBOL_GPL(kpatch_shadow_alloc);

/* kpatch_shadow_get_or_alloc() - the existing <obj, id>, or a new one */
void *kpatch_shadow_get_or_alloc(void *obj, unsigned long id, size_t size,
				 gfp_t gfp, kpatch_shadow_ctor_t ctor,
				 void *ctor_data)
{
	return kp_shadow_add(obj, id, size, gfp, ctor, ctor_data, true);
}
EXPORT_SYMBOL_GPL(kpatch_shadow_get_or_alloc);

static void kp_shadow_del(struct kp_shadow *s, kpatch_shadow_dtor_t dtor)
{
	hash_del_rcu(&s->node);
	if (dtor)
		dtor(s->obj, s->data);
	kfree_rcu(s, rcu);
}

/*
 * kpatch_shadow_free() - detach and free <obj, id>; dtor, if not NULL, is
 * called under the table's spinlock before the free.
 */
void kpatch_shadow_free(void *obj, unsigned long id,
			kpatch_shadow_dtor_t dtor)
{
	struct kp_shadow *s;
	unsigned long flags;

	spin_lock_irqsave(&kp_shadow_lock, flags);
	s = kp_shadow_find(obj, id);
	if (s)
		kp_shadow_del(s, dtor);
	spin_unlock_irqrestore(&kp_shadow_lock, flags);
}
EXPORT_SYMBOL_GPL(kpatch_shadow_free);

/* kpatch_shadow_free_all() - detach and free every shadow variable of id */
void kpatch_shadow_free_all(unsigned long id, kpatch_shadow_dtor_t dtor)
{
	struct hlist_node *tmp;
	struct kp_shadow *s;
	unsigned long flags;
	unsigned int bkt;

	spin_lock_irqsave(&kp_shadow_lock, flags);
	hash_for_each_safe(kp_shadow_hash, bkt, tmp, s, node)
		if (s->id == id)
			kp_shadow_del(s, dtor);
	spin_unlock_irqrestore(&kp_shadow_lock, flags);
}
EXPORT_SYMBOL_GPL(kpatch_shadow_free_all);

/* Patches can't outlive the core, but what they leaked here can. */
void kp_shadow_exit(void)
{
	struct hlist_node *tmp;
	struct kp_shadow *s;
	unsigned int bkt;

	hash_for_each_safe(kp_shadow_hash, bkt, tmp, s, node) {
		hash_del(&s->node);
		kfree(s);
	}
}
