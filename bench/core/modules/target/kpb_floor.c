// SPDX-License-Identifier: GPL-2.0
/*
 * The floor of the benchmark: stop_machine() with an empty callback on
 * every online CPU, called the way the core calls it, timed in TSC cycles
 * (the guest's clocksource may be jiffies).  Prints the minimum and the
 * median of "runs" calls.
 */
#include <linux/module.h>
#include <linux/sort.h>
#include <linux/stop_machine.h>
#include <asm/msr.h>

static unsigned int runs = 21;
module_param(runs, uint, 0444);

static int kpb_empty(void *unused)
{
	return 0;
}

static int kpb_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static int __init kpb_floor_init(void)
{
	u64 t[64];
	unsigned int i, n = clamp(runs, 1U, 64U);

	for (i = 0; i < n; i++) {
		u64 t0 = rdtsc_ordered();

		stop_machine(kpb_empty, NULL, cpu_online_mask);
		t[i] = rdtsc_ordered() - t0;
	}
	sort(t, n, sizeof(t[0]), kpb_cmp, NULL);
	pr_info("kpb_floor: %u runs: min %llu median %llu cycles\n", n, t[0],
		t[n / 2]);
	return 0;
}

static void __exit kpb_floor_exit(void)
{
}

module_init(kpb_floor_init);
module_exit(kpb_floor_exit);
MODULE_LICENSE("GPL");
