#!/bin/sh
# Phase 2 of the activeness check.  kpt_gap's thread sleeps outside
# kpt_gap_wait() while phase 1 walks it; then, in the gap before
# stop_machine(), the core's test hook wakes it into kpt_gap_wait(), where
# it stays.  It was switched out since phase 1 walked it, so phase 2 must
# walk it again and refuse the switch, leaving nothing changed; phase 2
# finds it through the switch log, or, when a task was created since
# phase 1 (kpt_gap's "fork"), through its changed switch count.
# max_attempts is 1, so that no later phase 1 can be the one that catches
# the thread.
. /kpatch/lib.sh
P=/sys/module/kpt_gap/parameters
KPARAM=/sys/module/kpatch/parameters
insmod $M/kpt_gap.ko || fail "insmod kpt_gap"
pid=$(cat $P/pid)
attempts0=$(cat $KPARAM/max_attempts)
echo 1 >$KPARAM/max_attempts

# visit VERSION: the thread goes through kpt_gap_wait() once, without the
# hook, and finds that version of it live.
visit() {
	v=$(cat $P/entered)
	echo 1 >$P/run
	wait_for "kpt_gap to enter" '[ "$(cat $P/entered)" = $((v + 1)) ]'
	expect_eq "live kpt_gap_wait" "$(cat $P/version)" "$1"
	echo 1 >$P/release
	wait_for "kpt_gap to leave" '[ "$(cat $P/left)" = $((v + 1)) ]'
}

# arm: the next switch that gets past phase 1 sends the thread in.
arm() {
	n=$(cat $P/entered)
	fired=$(cat $P/fired)
	echo 1 >$P/arm
}

# hook_sent_it_in: the hook ran once, and the thread is inside.
hook_sent_it_in() {
	expect_eq "hook runs" "$(cat $P/fired)" $((fired + 1))
	expect_eq "thread inside" "$(cat $P/entered)" $((n + 1))
}

release() {
	echo 1 >$P/release
	wait_for "kpt_gap to leave" '[ "$(cat $P/left)" = $((n + 1)) ]'
}

# refused CHECK: loading p_gap is refused, in mode CHECK.  busybox's
# insmod loads twice when the first load fails (finit_module(), then
# init_module()).  The hook runs in the first load only, after phase 1
# (or, in full mode, before the full walk) passed; the thread is inside
# from then on, so the second load's phase 1 refuses it too.  That the
# hook ran once and the load failed shows that the first load was
# refused inside stop_machine().
refused() {
	arm
	dmesg_mark
	insmod_fails p_gap "Device or resource busy"
	hook_sent_it_in
	dmesg_has "kpatch: p_gap: pid $pid (kpt_gap) is running kpt_gap_wait (kpt_gap_wait+"
	dmesg_has "[kpt_gap]); gave up after 1 attempts"
	expect_eq transition/check "$(cat $KP/transition/check)" "$1"
	expect_eq transition/result "$(cat $KP/transition/result)" -16
	no_patches
	ftrace_clean
	release
	visit 1
}

refused two-phase
echo 1 >$KPARAM/full_walk
refused full
echo 0 >$KPARAM/full_walk

insmod $M/p_gap.ko || fail "insmod p_gap with the thread out"
expect_eq transition/check "$(cat $KP/transition/check)" two-phase
expect_eq transition/attempts "$(cat $KP/transition/attempts)" 1
visit 2

# unpatch_refused LOG: unpatching through sysfs, a single switch of a
# single attempt, is refused by phase 2; its transition record is that of
# the refused attempt.  LOG 1: phase 2 went by the switch log; LOG 0: the
# hook also created a task, so phase 2 had to compare the count of every
# task instead.
unpatch_refused() {
	arm
	echo "$((1 - $1))" >$P/fork
	dmesg_mark
	echo 0 >$PATCHES/p_gap/enabled 2>/dev/null &&
		fail "unpatching worked with the thread inside"
	hook_sent_it_in
	expect_eq version "$(cat $P/version)" 2
	dmesg_has "kpatch: p_gap: pid $pid (kpt_gap) is running kpt_gap_wait (new_kpt_gap_wait+"
	expect_eq "p_gap enabled" "$(cat $PATCHES/p_gap/enabled)" 1
	expect_eq transition/action "$(cat $KP/transition/action)" unpatch
	expect_eq transition/check "$(cat $KP/transition/check)" two-phase
	expect_eq transition/result "$(cat $KP/transition/result)" -16
	expect_eq transition/attempts "$(cat $KP/transition/attempts)" 1
	expect_eq transition/phase2_log "$(cat $KP/transition/phase2_log)" "$1"
	checked=$(cat $KP/transition/phase1_checked)
	recorded=$(cat $KP/transition/phase1_recorded)
	rechecked=$(cat $KP/transition/phase2_rechecked)
	[ "$checked" -gt 20 ] || fail "phase1_checked: $checked"
	[ "$recorded" -gt 20 ] || fail "phase1_recorded: $recorded"
	[ "$rechecked" -ge 1 ] || fail "phase2_rechecked: $rechecked"
	[ "$(cat $KP/transition/tasks_checked)" -gt "$rechecked" ] ||
		fail "tasks_checked: $(cat $KP/transition/tasks_checked)"
	release
	visit 2
}

unpatch_refused 1
unpatch_refused 0
echo 0 >$P/fork

echo "$attempts0" >$KPARAM/max_attempts
unload p_gap
visit 1
rmmod kpt_gap || fail "rmmod kpt_gap"
ftrace_clean
