/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test hooks of the core module.  They exist only in a kpatch.ko built
 * with KPATCH_TEST_HOOKS=y, as test/core/run.sh builds it; never in one
 * that is installed.
 */
#ifndef _KPATCH_TEST_H_
#define _KPATCH_TEST_H_

#include <linux/types.h>

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

/**
 * kpatch_test_set_fail_hook() - fail attempts of a switch at will
 * @fn:	called in the gap, after the gap hook, with the number of the
 *	attempt (from 1); returning true ends the attempt as if a task were
 *	busy, and the switch retries.  NULL removes the hook.
 *
 * A test uses it to get a switch of several attempts on demand.
 */
void kpatch_test_set_fail_hook(bool (*fn)(unsigned int attempt));

/**
 * kpatch_test_set_handler_hook() - run fn in the ftrace handler's window
 * @fn:	called by the ftrace handler with the ftrace location of the
 *	function it redirects, after it has set the new ip and enabled
 *	preemption again, and before the jump to the new function; it may
 *	sleep if the redirected function's caller may.  NULL removes the
 *	hook, once no call of it is left running.
 *
 * A test uses it to park a task in that window, where only the handler
 * and the ftrace call of the old function are on its stack.
 */
void kpatch_test_set_handler_hook(void (*fn)(unsigned long ip));

/**
 * kpatch_test_set_flip_hook() - run fn in the middle of a switch
 * @fn:	called inside stop_machine(), with interrupts off, once the first
 *	function of a patch switching in is in the core's hash and before
 *	the switch is made visible: what an NMI would see then.  It must
 *	not sleep.  NULL removes the hook.
 */
void kpatch_test_set_flip_hook(void (*fn)(void));

#endif /* _KPATCH_TEST_H_ */
