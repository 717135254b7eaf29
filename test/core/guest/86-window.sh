#!/bin/sh
# The ftrace handler's window: a task whose call of a patched function
# the handler has already redirected, but which has not jumped into the
# replacement yet, must keep that replacement's patch from being switched
# out, by an unpatch or by a replace patch: its stack holds only the
# handler and the return address of the ftrace call in the original, and
# once the patch module is gone the jump would land in freed text.
# kpt_window's thread stops in that window through the core's handler
# hook, waiting (every boot) or spinning with preemption enabled (on
# preempt=full, where the kernel preempts it there, as it can any task).
# And a switch is one flip: kpt_window's flip hook, inside the switch once
# the first function of p_window is in, sees neither of its functions
# live yet (mid: ten times kpt_window_fn's version plus kpt_window_fn2's).
. /kpatch/lib.sh
P=/sys/module/kpt_window/parameters
KPARAM=/sys/module/kpatch/parameters
insmod $M/kpt_window.ko || fail "insmod kpt_window"
pid=$(cat $P/pid)
attempts0=$(cat $KPARAM/max_attempts)
echo 1 >$KPARAM/max_attempts

# call VERSION: one call of kpt_window_fn(), which finds that version live.
call() {
	c=$(cat $P/calls)
	echo 1 >$P/run
	wait_for "kpt_window's call" '[ "$(cat $P/calls)" = $((c + 1)) ]'
	expect_eq "live kpt_window_fn" "$(cat $P/version)" "$1"
}

# park SPIN: the thread's next call stops in the handler's window.
park() {
	echo "$1" >$P/spin
	n=$(cat $P/parked)
	c=$(cat $P/calls)
	echo 1 >$P/arm
	echo 1 >$P/run
	wait_for "kpt_window to stop in the window" '[ "$(cat $P/parked)" = $((n + 1)) ]'
}

# unpark VERSION: the thread goes on, into that version.
unpark() {
	echo 1 >$P/release
	wait_for "kpt_window's call" '[ "$(cat $P/calls)" = $((c + 1)) ]'
	expect_eq "kpt_window_fn after the window" "$(cat $P/version)" "$1"
}

call 1
insmod $M/p_window.ko || fail "insmod p_window"
expect_eq "versions halfway through the switch to p_window" "$(cat $P/mid)" 11
call 2
expect_eq "kpt_window_fn2" "$(cat $P/version2)" 2

spins=0
case "$(cat /sys/kernel/debug/sched/preempt)" in
*"(full)"*) spins="0 1" ;;
esac
for spin in $spins; do
	park $spin
	dmesg_mark
	echo 0 >$PATCHES/p_window/enabled 2>/dev/null &&
		fail "unpatching worked with kpt_window in the handler's window (spin $spin)"
	dmesg_has "kpatch: p_window: pid $pid (kpt_window) is in kpatch's ftrace handler (kp_ftrace_handler+"
	expect_eq "p_window enabled" "$(cat $PATCHES/p_window/enabled)" 1
	expect_eq transition/result "$(cat $KP/transition/result)" -16
	dmesg_mark
	insmod_fails p_window_r "Device or resource busy"
	dmesg_has "kpatch: p_window_r: pid $pid (kpt_window) is in kpatch's ftrace handler (kp_ftrace_handler+"
	expect_eq transition/action "$(cat $KP/transition/action)" replace
	expect_eq "patches" "$(ls $PATCHES)" p_window
	unpark 2
done

unload p_window
call 1
insmod $M/p_window_r.ko || fail "insmod p_window_r"
expect_eq "versions halfway through the switch to p_window_r" "$(cat $P/mid)" 11
call 3
expect_eq "kpt_window_fn2" "$(cat $P/version2)" 3
unload p_window_r
call 1
echo "$attempts0" >$KPARAM/max_attempts
rmmod kpt_window || fail "rmmod kpt_window"
no_patches
ftrace_clean
