// SPDX-License-Identifier: GPL-2.0
/*
 * A kprobe on "symbol", for 68-kprobe.sh.  With "post" set it has a
 * post_handler, which on an ftrace location makes the kprobe an ftrace
 * user that modifies the ip, as kpatch is; without, it only has a
 * pre_handler.  "hits" counts the pre_handler's calls.
 */
#include <linux/kprobes.h>
#include <linux/module.h>

static char *symbol = "cmdline_proc_show";
module_param(symbol, charp, 0444);
static bool post;
module_param(post, bool, 0444);
static unsigned long hits;
module_param(hits, ulong, 0444);

static int kpt_probe_pre(struct kprobe *p, struct pt_regs *regs)
{
	WRITE_ONCE(hits, hits + 1);
	return 0;
}

static void kpt_probe_post(struct kprobe *p, struct pt_regs *regs,
			   unsigned long flags)
{
}

static struct kprobe kpt_probe = {
	.pre_handler = kpt_probe_pre,
};

static int __init kpt_probe_init(void)
{
	int ret;

	kpt_probe.symbol_name = symbol;
	if (post)
		kpt_probe.post_handler = kpt_probe_post;
	ret = register_kprobe(&kpt_probe);
	if (ret)
		pr_err("kpt_probe: can't probe %s: %d\n", symbol, ret);
	return ret;
}

static void __exit kpt_probe_exit(void)
{
	unregister_kprobe(&kpt_probe);
}

module_init(kpt_probe_init);
module_exit(kpt_probe_exit);
MODULE_LICENSE("GPL");
