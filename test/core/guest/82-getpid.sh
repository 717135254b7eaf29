#!/bin/sh
# getpid() patched and unpatched over and over while many processes call
# it in a loop: no oops (run-vm.sh watches the log) and every call
# returns the caller's pid.  Each cycle also checks that a call made
# while the patch is enabled runs the replacement.  GETPID_CYCLES and
# GETPID_PROCS (default 20 and 32; a cycle takes seconds under TCG) give a
# longer run by hand, such as 1000 and 128 under preempt=full: the kernel
# hands such NAME=VALUE words of its command line (run-vm.sh -a) to init
# as environment variables.
. /kpatch/lib.sh
cycles=${GETPID_CYCLES:-20}
procs=${GETPID_PROCS:-32}
C=/sys/module/p_getpid/parameters/calls

$M/kpt-getpid $procs >/tmp/getpid.out &
callers=$!
i=0
while [ $i -lt $cycles ]; do
	insmod $M/p_getpid.ko || { kill $callers; fail "cycle $i: insmod"; }
	$M/kpt-getpid once || { kill $callers; fail "cycle $i: a patched getpid() was wrong"; }
	[ "$(cat $C)" -gt 0 ] || { kill $callers; fail "cycle $i: the replacement was not called"; }
	echo 0 >$PATCHES/p_getpid/enabled || { kill $callers; fail "cycle $i: disable"; }
	rmmod p_getpid || { kill $callers; fail "cycle $i: rmmod"; }
	i=$((i + 1))
done
kill -TERM $callers
wait $callers || fail "callers: $(cat /tmp/getpid.out)"
echo "$cycles cycles, $procs processes: $(cat /tmp/getpid.out)"
$M/kpt-getpid once || fail "getpid() after the cycles"
no_patches
ftrace_clean
