#!/bin/sh
# A patch registered while its target module is coming.  kpt_hold, a
# module notifier, holds kpt_coming's COMING notification and then
# refuses it.  Before kpatch's own notifier has taken the module
# (kpt_hold runs first), the patch must leave the module alone: ftrace
# may not have enabled its records yet, and when kpt_hold refuses it, no
# GOING reaches kpatch, so the patch would point into a freed module.
# The notifier applies the patch if the module does load.  Once kpatch's
# notifier has taken it (kpt_hold runs after), the patch applies at once,
# and the refusal's GOING takes it out again.
. /kpatch/lib.sh
H=/sys/module/kpt_hold/parameters
ADDR=$PATCHES/p_coming/functions/kpt_coming/kpt_coming_value,1/old_addr
ECANCELED=125

# held_load: load kpt_coming in the background, held by kpt_hold, which
# then refuses it; returns once it is held.
held_load() {
	echo 1 >$H/hold
	echo $ECANCELED >$H/fail
	insmod $M/kpt_coming.ko >/tmp/insmod.out 2>&1 &
	coming_pid=$!
	wait_for "kpt_hold to hold kpt_coming" '[ "$(cat $H/held)" = Y ]'
}

# refused_load: release it; the load fails (both of busybox's tries).
refused_load() {
	echo 1 >$H/release
	wait_for "insmod kpt_coming to finish" '! kill -0 $coming_pid 2>/dev/null'
	wait $coming_pid && fail "insmod kpt_coming succeeded"
	grep -qF "Operation canceled" /tmp/insmod.out ||
		fail "insmod kpt_coming: '$(cat /tmp/insmod.out)'"
	! grep -q '^kpt_coming ' /proc/modules || fail "kpt_coming stayed loaded"
	echo 0 >$H/fail
}

# A normal load of kpt_coming with p_coming on: patched by the notifier.
patched_load() {
	insmod $M/kpt_coming.ko || fail "insmod kpt_coming"
	expect_eq "kpt_coming value" "$(cat /sys/module/kpt_coming/parameters/value)" 2
	[ "$(cat $ADDR)" != 0x0 ] || fail "kpt_coming_value has no old_addr"
	rmmod kpt_coming || fail "rmmod kpt_coming"
	expect_eq "old_addr after rmmod" "$(cat $ADDR)" 0x0
}

# Before kpatch's notifier.
insmod $M/kpt_hold.ko priority=10 || fail "insmod kpt_hold"
held_load
dmesg_mark
insmod $M/p_coming.ko || fail "insmod p_coming"
cmdline_is kpatch-coming
expect_eq "old_addr of the held module's function" "$(cat $ADDR)" 0x0
dmesg_lacks "p_coming: pre_patch kpt_coming"
refused_load
expect_eq "old_addr after the refusal" "$(cat $ADDR)" 0x0
patched_load
unload p_coming
rmmod kpt_hold || fail "rmmod kpt_hold"
ftrace_clean

# After kpatch's notifier.
insmod $M/kpt_hold.ko priority=-10 || fail "insmod kpt_hold"
held_load
dmesg_mark
insmod $M/p_coming.ko || fail "insmod p_coming"
[ "$(cat $ADDR)" != 0x0 ] || fail "the taken module was not patched"
dmesg_has "p_coming: post_patch kpt_coming"
refused_load
expect_eq "old_addr after the refusal" "$(cat $ADDR)" 0x0
dmesg_has "p_coming: post_unpatch kpt_coming"
patched_load
unload p_coming
rmmod kpt_hold || fail "rmmod kpt_hold"
cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean
