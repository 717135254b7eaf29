#!/bin/sh
# The activeness check: a kthread sleeping in a function that a patch
# replaces makes the load fail with -EBUSY, naming the thread; once it
# leaves, the load succeeds.  The same holds for unpatching.  With the
# force flag, the load succeeds at once and can never be undone, so this
# runs last in its guest.
. /kpatch/lib.sh
P=/sys/module/kpt_busy/parameters
insmod $M/kpt_busy.ko || fail "insmod kpt_busy"
pid=$(cat $P/pid)
echo 1 >$P/hold
wait_for "kpt_busy to enter" '[ "$(cat $P/entered)" = 1 ]'

# Phase 1 finds the thread in every attempt: stop_machine() never runs.
dmesg_mark
insmod_fails p_busy "Device or resource busy"
dmesg_has "kpatch: p_busy: pid $pid (kpt_busy) is running kpt_busy_wait (kpt_busy_wait+"
dmesg_has "[kpt_busy]); gave up after 10 attempts"
expect_eq transition/result "$(cat $KP/transition/result)" -16
expect_eq transition/attempts "$(cat $KP/transition/attempts)" 10
expect_eq transition/check "$(cat $KP/transition/check)" two-phase
expect_eq transition/tasks_checked "$(cat $KP/transition/tasks_checked)" 0
no_patches
ftrace_clean

# The full walk inside stop_machine() refuses it the same way.
echo 1 >/sys/module/kpatch/parameters/full_walk
dmesg_mark
insmod_fails p_busy "Device or resource busy"
echo 0 >/sys/module/kpatch/parameters/full_walk
dmesg_has "kpatch: p_busy: pid $pid (kpt_busy) is running kpt_busy_wait (kpt_busy_wait+"
dmesg_has "[kpt_busy]); gave up after 10 attempts"
expect_eq transition/check "$(cat $KP/transition/check)" full
expect_eq transition/phase1_checked "$(cat $KP/transition/phase1_checked)" 0
[ "$(cat $KP/transition/tasks_checked)" -gt 0 ] ||
	fail "full walk: tasks_checked $(cat $KP/transition/tasks_checked)"
no_patches
ftrace_clean

echo 0 >$P/hold
wait_for "kpt_busy to leave" '[ "$(cat $P/left)" = 1 ]'
insmod $M/p_busy.ko || fail "insmod p_busy once the thread left"
expect_eq transition/attempts "$(cat $KP/transition/attempts)" 1

# Now the thread sleeps in the new function: unpatching must wait too.
echo 1 >$P/hold
wait_for "kpt_busy to enter the new function" '[ "$(cat $P/entered)" = 2 ]'
expect_eq version "$(cat $P/version)" 2
dmesg_mark
echo 0 >$PATCHES/p_busy/enabled 2>/dev/null && fail "disable while busy worked"
dmesg_has "kpatch: p_busy: pid $pid (kpt_busy) is running kpt_busy_wait (new_kpt_busy_wait+"
expect_eq "p_busy enabled" "$(cat $PATCHES/p_busy/enabled)" 1
echo 0 >$P/hold
wait_for "kpt_busy to leave the new function" '[ "$(cat $P/left)" = 2 ]'
unload p_busy

# Forced: loads while the thread is inside, and stays forever.
echo 1 >$P/hold
wait_for "kpt_busy to enter again" '[ "$(cat $P/entered)" = 3 ]'
expect_eq version "$(cat $P/version)" 1
insmod $M/p_busy_force.ko || fail "insmod p_busy_force"
expect_eq transition/attempts "$(cat $KP/transition/attempts)" 1
dmesg_mark
echo 0 >$PATCHES/p_busy_force/enabled 2>/dev/null &&
	fail "disabling a forced patch worked"
dmesg_has "kpatch: p_busy_force: was applied with a forced function: it can't be disabled"
rmmod p_busy_force 2>/dev/null && fail "rmmod of a forced patch worked"
echo 0 >$P/hold
wait_for "kpt_busy to leave" '[ "$(cat $P/left)" = 3 ]'
echo 1 >$P/hold
wait_for "kpt_busy to enter the forced function" '[ "$(cat $P/entered)" = 4 ]'
expect_eq version "$(cat $P/version)" 3
echo 0 >$P/hold
