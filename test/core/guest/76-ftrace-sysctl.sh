#!/bin/sh
# kpatch redirects through ftrace, so with ftrace turned off
# (kernel.ftrace_enabled=0) a patch can't load, and while a patch is
# enabled ftrace can't be turned off (kpatch's ftrace_ops is PERMANENT).
. /kpatch/lib.sh
F=/proc/sys/kernel/ftrace_enabled

echo 0 >$F || fail "can't turn ftrace off"
dmesg_mark
insmod_fails p_cmdline1 "Device or resource busy"
dmesg_has "kpatch: p_cmdline1: vmlinux: can't arm ftrace: -16"
cmdline_is "$ORIG_CMDLINE"
no_patches
echo 1 >$F || fail "can't turn ftrace on"

insmod $M/p_cmdline1.ko || fail "insmod p_cmdline1"
out=$(sh -c "echo 0 >$F" 2>&1) && fail "ftrace was turned off under a patch"
case $out in
*"Device or resource busy"*) ;;
*) fail "turning ftrace off: '$out', expected 'Device or resource busy'" ;;
esac
expect_eq kernel.ftrace_enabled "$(cat $F)" 1
cmdline_is kpatch-cmdline-1
unload p_cmdline1
echo 0 >$F || fail "can't turn ftrace off with no patch"
echo 1 >$F
ftrace_clean
