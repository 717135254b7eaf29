/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kpatch core module: state shared between its files.
 *
 * The patch module's kpatch_* structures are read-only descriptions; each
 * registered patch gets a mirror of kp_patch, kp_object and kp_func that
 * holds the resolved addresses, the switch state and the sysfs kobjects.
 * Everything here is protected by kpatch_mutex, except the function hash,
 * which the ftrace handler reads under RCU.
 */
#ifndef _KPATCH_CORE_H_
#define _KPATCH_CORE_H_

#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include "kpatch.h"

#define KPATCH_VMLINUX	"vmlinux"

struct kp_object;

struct kp_func {
	const struct kpatch_func *desc;
	struct kp_object *obj;
	unsigned long old_addr;		/* 0 while the object isn't loaded */
	unsigned long old_size;		/* as found in the running kernel */
	unsigned long ip;		/* the ftrace location of old_addr */
	unsigned long new_size;		/* the patch's, or else kallsyms' */
	struct hlist_node node;		/* in the function hash while live */
	struct list_head armed_node;	/* on kp_armed while armed */
	bool armed;			/* our ftrace filter holds ip */
	bool live;			/* the handler redirects ip */
	struct kobject kobj;
};

struct kp_object {
	const struct kpatch_object *desc;
	struct kp_patch *patch;
	const char *name;		/* never NULL: "vmlinux" for vmlinux */
	struct module *mod;		/* NULL for vmlinux */
	bool prepared;			/* resolved, pre-patched, armed */
	bool applied;			/* and switched in */
	unsigned int nr_funcs;
	struct kp_func **funcs;
	unsigned long *ips;		/* scratch for ftrace filter updates */
	struct kpatch_callback_object cb;	/* what callbacks are given */
	struct kobject kobj;
};

struct kp_patch {
	struct kpatch_patch *desc;
	struct list_head list;		/* on kp_patches, oldest first */
	bool enabled;
	bool forced;			/* applied with a forced function */
	/* The generations of patch.c in which its live functions redirect. */
	unsigned long live_from, live_until;
	unsigned int nr_objs;
	struct kp_object **objs;
	struct kobject kobj;
	struct kobject *funcs_kobj;
};

extern struct mutex kpatch_mutex;
extern struct list_head kp_patches;

#define kp_for_each_object(p, o, i) \
	for ((i) = 0; (i) < (p)->nr_objs && ((o) = (p)->objs[i]); (i)++)
#define kp_for_each_func(o, f, i) \
	for ((i) = 0; (i) < (o)->nr_funcs && ((f) = (o)->funcs[i]); (i)++)

static inline const char *kp_patch_name(const struct kp_patch *p)
{
	return p->desc->mod->name;
}

/* core.c: the steps of patching one object, shared with the notifier */
int kp_disable_patch(struct kp_patch *p);
int kp_object_prepare(struct kp_object *obj, struct module *mod);
void kp_object_release(struct kp_object *obj);
void kp_object_pre_unpatch(struct kp_object *obj);
void kp_object_post_patch(struct kp_object *obj);

/* sysfs.c */
extern struct kobject *kp_root_kobj;
int kp_sysfs_init(void);
void kp_sysfs_exit(void);
void kp_sysfs_init_patch(struct kp_patch *p);
struct kp_object *kp_sysfs_alloc_object(struct kp_patch *p,
					const struct kpatch_object *d);
struct kp_func *kp_sysfs_alloc_func(struct kp_object *obj,
				    const struct kpatch_func *d);
int kp_sysfs_add_patch(struct kp_patch *p);
void kp_sysfs_del_patch(struct kp_patch *p);
void kp_sysfs_put_patch(struct kp_patch *p);

/* ksyms.c: the kernel's unexported helpers, found through kallsyms */
struct kprobe;
int kp_ksyms_init(void);
int kp_kallsyms_each(const char *name, int (*fn)(void *, unsigned long),
		     void *data);
bool kp_kallsyms_size(unsigned long addr, unsigned long *size);
unsigned long kp_ftrace_location(unsigned long addr);
void kp_text_lock(void);
void kp_text_unlock(void);
void kp_text_poke(void *addr, const void *src, size_t len);
void kp_text_poke_sync(void);
bool kp_reliable_stacks(void);
struct module *kp_find_patchable_module(const char *name);
struct module *kp_get_live_module(const char *name);
int kp_stack_save(struct task_struct *tsk, unsigned long *store,
		  unsigned int size);
struct task_struct *kp_idle_task(int cpu);
struct kprobe *kp_get_kprobe(void *addr);
bool kp_forks(unsigned long *forks);

/* resolve.c: old functions and dynrelas, by name */
int kp_resolve_funcs(struct kp_object *obj);
int kp_write_dynrelas(struct kp_object *obj);
int kp_dynrela_value(const char *patch, struct module *pmod,
		     const char *objname, struct module *mod,
		     const struct kpatch_dynrela *r, u64 *val);

/* verify.c: the running kernel's code against the patch's digests */
int kp_verify_object(struct kp_object *obj);

/* patch.c: ftrace redirection */
int kp_arm_object(struct kp_object *obj);
void kp_disarm_object(struct kp_object *obj);
struct kp_func *kp_top_func(unsigned long ip);
void kp_func_go_live(struct kp_func *f);
void kp_func_leave(struct kp_func *f);
unsigned long kp_next_generation(void);
void kp_flip_generation(unsigned long gen);

/* transition.c: the stop_machine() switch */
void kp_object_switch_in(struct kp_object *obj);
void kp_object_switch_out(struct kp_object *obj);
int kp_transition_init(void);
void kp_transition_exit(void);
int kp_switch(struct kp_patch *add, struct kp_patch *remove, bool replace);
bool kp_switch_retrying(const char *patch);

/* notifier.c */
bool kp_module_taken(struct module *mod);
int kp_notifier_init(void);
void kp_notifier_exit(void);

/* early.c: dynrelas written before the kernel reads __jump_table */
int kp_early_init(void);
void kp_early_exit(void);
bool kp_early_dest(struct module *pmod, unsigned long dest);
bool kp_early_written(struct module *pmod);

/* shadow.c */
void kp_shadow_exit(void);

#endif /* _KPATCH_CORE_H_ */
