/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test hooks of the core module.  They exist only in a kpatch.ko built
 * with KPATCH_TEST_HOOKS=y, as test/core/run.sh builds it; never in one
 * that is installed.
 */
#ifndef _KPATCH_TEST_H_
#define _KPATCH_TEST_H_

/**
 * kpatch_test_set_gap_hook() - run fn in the gap of the activeness check
 * @fn:	called in every attempt of a switch, after phase 1 has found no
 *	busy task and before stop_machine() (in full_walk mode, just before
 *	stop_machine()), in process context with kpatch_mutex held; it may
 *	sleep.  NULL removes the hook.
 *
 * A test uses it to wake a task into a function being patched at the
 * worst moment for the check, which phase 2 must then catch.
 */
void kpatch_test_set_gap_hook(void (*fn)(void));

#endif /* _KPATCH_TEST_H_ */
