#!/bin/sh
# getpid() patched and unpatched over and over while many processes call
# it in a loop: no oops (run-vm.sh watches the log) and every call
# returns the caller's pid.  Each cycle also checks that a call made
# while the patch is enabled runs the replacement.  A caller preempted
# inside getpid() makes a switch fail with EBUSY, as the consistency
# model requires (under preempt=full that happens): such a refusal is
# counted and the step tried again, a bounded number of times; the
# callers sleep after every 20 calls, or some caller always is inside.
# GETPID_CYCLES and GETPID_PROCS (default 20 and 32; a cycle takes
# seconds under TCG) give a longer run by hand, such as 1000 and 128 under preempt=full: the kernel
# hands such NAME=VALUE words of its command line (run-vm.sh -a) to init
# as environment variables.
. /kpatch/lib.sh
cycles=${GETPID_CYCLES:-20}
procs=${GETPID_PROCS:-32}
C=/sys/module/p_getpid/parameters/calls

$M/kpt-getpid $procs >/tmp/getpid.out &
callers=$!
busy=0

# retry WHAT CMD: run CMD until it works, or fails other than with EBUSY,
# at most 50 times.
retry() {
	tries=0
	until out=$(eval "$2" 2>&1); do
		tries=$((tries + 1))
		case $out in
		*"Device or resource busy"*) busy=$((busy + 1)) ;;
		*) kill $callers; fail "cycle $i: $1: $out" ;;
		esac
		[ $tries -lt 50 ] || { kill $callers; fail "cycle $i: $1: busy $tries times"; }
	done
}

i=0
while [ $i -lt $cycles ]; do
	retry insmod "insmod $M/p_getpid.ko"
	$M/kpt-getpid once || { kill $callers; fail "cycle $i: a patched getpid() was wrong"; }
	[ "$(cat $C)" -gt 0 ] || { kill $callers; fail "cycle $i: the replacement was not called"; }
	retry disable "sh -c 'echo 0 >$PATCHES/p_getpid/enabled'"
	rmmod p_getpid || { kill $callers; fail "cycle $i: rmmod"; }
	i=$((i + 1))
done
kill -TERM $callers
wait $callers || fail "callers: $(cat /tmp/getpid.out)"
echo "$cycles cycles, $procs processes, $busy switches refused as busy: $(cat /tmp/getpid.out)"
$M/kpt-getpid once || fail "getpid() after the cycles"
no_patches
ftrace_clean
