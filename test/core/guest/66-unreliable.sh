#!/bin/sh
# Without a reliable unwinder, the activeness check can't trust a stack
# trace, so a switch that has functions to check is refused, both ways:
# patching, and unpatching.  The core's test hook test_unreliable
# pretends that stack_trace_save_tsk_reliable() is missing.
. /kpatch/lib.sh
KPARAM=/sys/module/kpatch/parameters
msg="this kernel has no reliable stack traces (stack_trace_save_tsk_reliable(), CONFIG_HAVE_RELIABLE_STACKTRACE), so the activeness check can't prove that no task runs the functions being switched: refusing to"

echo 1 >$KPARAM/test_unreliable
dmesg_mark
insmod_fails p_cmdline1 "Operation not supported"
dmesg_has "kpatch: p_cmdline1: $msg patch"
cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean

echo 0 >$KPARAM/test_unreliable
insmod $M/p_cmdline1.ko || fail "insmod p_cmdline1"
cmdline_is kpatch-cmdline-1
echo 1 >$KPARAM/test_unreliable
dmesg_mark
echo 0 >$PATCHES/p_cmdline1/enabled 2>/dev/null &&
	fail "unpatching worked without a reliable unwinder"
dmesg_has "kpatch: p_cmdline1: $msg unpatch"
expect_eq "p_cmdline1 enabled" "$(cat $PATCHES/p_cmdline1/enabled)" 1
cmdline_is kpatch-cmdline-1

echo 0 >$KPARAM/test_unreliable
unload p_cmdline1
cmdline_is "$ORIG_CMDLINE"
ftrace_clean
