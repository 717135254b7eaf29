#!/bin/sh
# A kprobe with a post_handler on an ftrace location changes the ip as
# kpatch does, and ftrace lets only one such user have a function: it
# blocks patching that function, with a message naming it, until it is
# gone, and it can't be placed on a patched function.  A kprobe without a
# post_handler only watches, and coexists with the patch.
. /kpatch/lib.sh
P=/sys/module/kpt_probe/parameters

insmod $M/kpt_probe.ko post=1 || fail "insmod kpt_probe post=1"
dmesg_mark
insmod_fails p_cmdline1 "Device or resource busy"
dmesg_has "kpatch: p_cmdline1: vmlinux: cmdline_proc_show is already redirected by another ftrace user"
cmdline_is "$ORIG_CMDLINE"
no_patches
rmmod kpt_probe || fail "rmmod kpt_probe"

insmod $M/p_cmdline1.ko || fail "insmod p_cmdline1 once the kprobe is gone"
cmdline_is kpatch-cmdline-1
dmesg_mark
out=$(insmod $M/kpt_probe.ko post=1 2>&1) &&
	fail "a kprobe with a post_handler was placed on a patched function"
case $out in
*"Device or resource busy"*) ;;
*) fail "insmod kpt_probe post=1: '$out'" ;;
esac
dmesg_has "kpt_probe: can't probe cmdline_proc_show: -16"

insmod $M/kpt_probe.ko || fail "insmod kpt_probe without a post_handler"
hits=$(cat $P/hits)
cmdline_is kpatch-cmdline-1
[ "$(cat $P/hits)" -gt "$hits" ] || fail "the kprobe did not fire"
rmmod kpt_probe || fail "rmmod kpt_probe"
unload p_cmdline1

insmod $M/kpt_probe.ko || fail "insmod kpt_probe without a post_handler"
insmod $M/p_cmdline1.ko || fail "insmod p_cmdline1 under a kprobe without a post_handler"
hits=$(cat $P/hits)
cmdline_is kpatch-cmdline-1
[ "$(cat $P/hits)" -gt "$hits" ] || fail "the kprobe did not fire"
unload p_cmdline1
rmmod kpt_probe || fail "rmmod kpt_probe"
cmdline_is "$ORIG_CMDLINE"
ftrace_clean
