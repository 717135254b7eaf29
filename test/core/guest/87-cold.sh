#!/bin/sh
# .cold parts.  kpt_cold_fn() jumps to kpt_cold_fn.cold on its unlikely
# path, and kpt_cold's thread sleeps in a call made from there, with no
# return address inside kpt_cold_fn() itself.  Patching kpt_cold_fn() must
# wait for it; so must unpatching p_cold, whose new_kpt_cold_fn() has a
# .cold part of its own, once the thread sleeps in that one.
. /kpatch/lib.sh
P=/sys/module/kpt_cold/parameters
KPARAM=/sys/module/kpatch/parameters
insmod $M/kpt_cold.ko || fail "insmod kpt_cold"
pid=$(cat $P/pid)
attempts0=$(cat $KPARAM/max_attempts)
echo 1 >$KPARAM/max_attempts

# call ARG: one call of kpt_cold_fn(ARG) that returns.
call() {
	c=$(cat $P/calls)
	echo "$1" >$P/arg
	echo 1 >$P/run
	wait_for "kpt_cold's call" '[ "$(cat $P/calls)" = $((c + 1)) ]'
}

# park VERSION: the thread sleeps on the unlikely path of that version.
park() {
	n=$(cat $P/parked)
	c=$(cat $P/calls)
	echo -42 >$P/arg
	echo 1 >$P/run
	wait_for "kpt_cold to sleep" '[ "$(cat $P/parked)" = $((n + 1)) ]'
	expect_eq "kpt_cold_fn version" "$(cat $P/version)" "$1"
}

release() {
	echo 1 >$P/release
	wait_for "kpt_cold's call" '[ "$(cat $P/calls)" = $((c + 1)) ]'
}

call 1
expect_eq "kpt_cold_fn(1)" "$(cat $P/result)" 2

park 1
dmesg_mark
insmod_fails p_cold "Device or resource busy"
dmesg_has "kpatch: p_cold: pid $pid (kpt_cold) is running kpt_cold_fn (kpt_cold_fn.cold+"
no_patches
ftrace_clean
release

insmod $M/p_cold.ko || fail "insmod p_cold with the thread out"
call 1
expect_eq "new kpt_cold_fn(1)" "$(cat $P/result)" 3

park 2
dmesg_mark
echo 0 >$PATCHES/p_cold/enabled 2>/dev/null &&
	fail "unpatching worked with the thread in new_kpt_cold_fn.cold"
dmesg_has "kpatch: p_cold: pid $pid (kpt_cold) is running code of the patch module p_cold (new_kpt_cold_fn.cold+"
expect_eq "p_cold enabled" "$(cat $PATCHES/p_cold/enabled)" 1
release

unload p_cold
call 1
expect_eq "kpt_cold_fn(1) again" "$(cat $P/result)" 2
echo "$attempts0" >$KPARAM/max_attempts
rmmod kpt_cold || fail "rmmod kpt_cold"
ftrace_clean
