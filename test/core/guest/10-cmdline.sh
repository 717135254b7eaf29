#!/bin/sh
# Replace cmdline_proc_show, check sysfs and taint, then unload.
. /kpatch/lib.sh
dmesg_mark
taint0=$(cat /proc/sys/kernel/tainted)
insmod $M/p_cmdline1.ko || fail "insmod p_cmdline1"
cmdline_is kpatch-cmdline-1
d=$PATCHES/p_cmdline1
expect_eq enabled "$(cat $d/enabled)" 1
expect_eq checksum "$(cat $d/checksum)" sum-p_cmdline1
f=$d/functions/vmlinux/cmdline_proc_show,1
expect_eq old_addr "$(cat $f/old_addr)" "$(kallsyms_addr cmdline_proc_show)"
expect_eq new_addr "$(cat $f/new_addr)" "$(kallsyms_addr new_cmdline_proc_show)"
expect_eq "TAINT_LIVEPATCH" $(( $(cat /proc/sys/kernel/tainted) & 32768 )) 32768
[ $((taint0 & 32768)) -eq 0 ] || echo "note: already tainted before"
grep -q cmdline_proc_show $TRACEFS/enabled_functions ||
	fail "cmdline_proc_show is not in enabled_functions"
expect_eq transition/action "$(cat $KP/transition/action)" patch
expect_eq transition/patch "$(cat $KP/transition/patch)" p_cmdline1
expect_eq transition/result "$(cat $KP/transition/result)" 0
expect_eq transition/attempts "$(cat $KP/transition/attempts)" 1
# Phase 1 walked every task; phase 2 only those that ran since, and each
# CPU its own context.
expect_eq transition/check "$(cat $KP/transition/check)" two-phase
phase1=$(cat $KP/transition/phase1_checked)
recorded=$(cat $KP/transition/phase1_recorded)
skipped=$(cat $KP/transition/phase2_skipped)
[ "$phase1" -gt 20 ] || fail "phase1_checked: $phase1"
[ "$recorded" -gt 0 ] && [ "$recorded" -le "$phase1" ] ||
	fail "phase1_recorded: $recorded of $phase1"
[ "$skipped" -gt 0 ] && [ "$skipped" -le "$recorded" ] ||
	fail "phase2_skipped: $skipped of $recorded"
expect_eq transition/tasks_checked "$(cat $KP/transition/tasks_checked)" \
	$(( $(cat $KP/transition/phase2_rechecked) + $(grep -c "^processor" /proc/cpuinfo) ))
[ "$(cat $KP/transition/phase1_cycles)" -gt 0 ] || fail "no phase 1 cycles"
[ "$(cat $KP/transition/stop_machine_cycles)" -gt 0 ] || fail "no cycles"

# An enabled patch holds its module.
rmmod p_cmdline1 2>/dev/null && fail "rmmod of an enabled patch worked"
cmdline_is kpatch-cmdline-1
echo 1 >$d/enabled || fail "writing 1 to an enabled patch"

echo 0 >$d/enabled || fail "disable"
cmdline_is "$ORIG_CMDLINE"
expect_eq enabled "$(cat $d/enabled)" 0
expect_eq transition/action "$(cat $KP/transition/action)" unpatch
echo 1 >$d/enabled 2>/dev/null && fail "re-enabling a disabled patch worked"
rmmod p_cmdline1 || fail "rmmod"
cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean
dmesg_has "kpatch: p_cmdline1: enabled"
dmesg_has "kpatch: p_cmdline1: disabled"
