// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow variables.  The init function first checks the API's contract
 * directly; then a patched cmdline_proc_show() counts the reads of
 * /proc/cmdline in a shadow variable attached to its inode, and the
 * post-unpatch callback frees them all.
 */
#include <linux/fs.h>
#include <linux/irqflags.h>
#include "common.h"

#define KPT_READS	1
#define KPT_TEST	2

static int new_cmdline_proc_show(struct seq_file *m, void *v)
{
	int *reads;

	reads = kpatch_shadow_get_or_alloc(file_inode(m->file), KPT_READS,
					   sizeof(*reads), GFP_KERNEL, NULL,
					   NULL);
	if (!reads)
		return -ENOMEM;
	seq_printf(m, "kpatch-shadow reads=%d\n", ++*reads);
	return 0;
}

static void kpt_dtor(void *obj, void *data)
{
	pr_info("p_shadow: freeing a shadow with reads=%d\n", *(int *)data);
}

static void kpt_post_unpatch(struct kpatch_callback_object *obj)
{
	kpatch_shadow_free_all(KPT_READS, kpt_dtor);
}

static int kpt_ctor(void *obj, void *data, void *ctor_data)
{
	if (!ctor_data)
		return -EINVAL;
	*(int *)data = *(int *)ctor_data;
	return 0;
}

static int kpt_freed;

static void kpt_count_dtor(void *obj, void *data)
{
	kpt_freed++;
}

#define KPT_EXPECT(cond)						\
	do {								\
		if (!(cond)) {						\
			pr_err("p_shadow: self-test failed: %s\n", #cond); \
			return -EINVAL;					\
		}							\
	} while (0)

static int kpt_self_test(void)
{
	static int a, b;
	int seven = 7, *p, *q;
	unsigned long flags;

	p = kpatch_shadow_alloc(&a, KPT_TEST, sizeof(int), GFP_KERNEL,
				NULL, NULL);
	KPT_EXPECT(p && *p == 0);
	KPT_EXPECT(kpatch_shadow_get(&a, KPT_TEST) == p);
	KPT_EXPECT(!kpatch_shadow_get(&a, KPT_READS));
	KPT_EXPECT(!kpatch_shadow_get(&b, KPT_TEST));
	KPT_EXPECT(!kpatch_shadow_alloc(&a, KPT_TEST, sizeof(int),
					GFP_KERNEL, NULL, NULL));
	KPT_EXPECT(kpatch_shadow_get_or_alloc(&a, KPT_TEST, sizeof(int),
					      GFP_KERNEL, NULL, NULL) == p);
	/* A failing constructor leaves nothing behind. */
	KPT_EXPECT(!kpatch_shadow_alloc(&b, KPT_TEST, sizeof(int),
					GFP_KERNEL, kpt_ctor, NULL));
	KPT_EXPECT(!kpatch_shadow_get(&b, KPT_TEST));
	/* Atomic context, with the matching gfp. */
	local_irq_save(flags);
	q = kpatch_shadow_alloc(&b, KPT_TEST, sizeof(int), GFP_ATOMIC,
				kpt_ctor, &seven);
	local_irq_restore(flags);
	KPT_EXPECT(q && *q == 7 && q != p);
	kpatch_shadow_free(&a, KPT_TEST, kpt_count_dtor);
	KPT_EXPECT(kpt_freed == 1 && !kpatch_shadow_get(&a, KPT_TEST));
	KPT_EXPECT(kpatch_shadow_get(&b, KPT_TEST) == q);
	kpatch_shadow_free_all(KPT_TEST, kpt_count_dtor);
	KPT_EXPECT(kpt_freed == 2 && !kpatch_shadow_get(&b, KPT_TEST));
	pr_info("p_shadow: self-test passed\n");
	return 0;
}

static const struct kpatch_func kpt_funcs[] = {
	{
		.new_addr = (unsigned long)new_cmdline_proc_show,
		.name = "cmdline_proc_show",
		.old_size = SIZE_cmdline_proc_show,
	},
};

static const struct kpatch_object kpt_objs[] = {
	{
		.funcs = kpt_funcs,
		.nr_funcs = ARRAY_SIZE(kpt_funcs),
		.callbacks.post_unpatch = kpt_post_unpatch,
	},
};

KPT_PATCH(kpt_objs, false);

static int __init kpt_init(void)
{
	int ret = kpt_self_test();

	return ret ? ret : kpatch_register(&kpt_patch);
}

static void __exit kpt_exit(void)
{
	WARN_ON(kpatch_unregister(&kpt_patch));
}

module_init(kpt_init);
module_exit(kpt_exit);
MODULE_LICENSE("GPL");
