#!/bin/sh
# A switch that waits for a busy task lets go of kpatch_mutex while it
# sleeps between attempts, so that modules still load (the module
# notifier takes the mutex), while other patch operations are refused
# until it is over.  kpt_busy's thread stays in kpt_busy_wait() while
# p_busy's load retries; meanwhile kpt_cold loads and unloads, and
# p_cmdline1 is refused; then the thread leaves and p_busy applies.
. /kpatch/lib.sh
P=/sys/module/kpt_busy/parameters
KPARAM=/sys/module/kpatch/parameters
attempts0=$(cat $KPARAM/max_attempts)
delay0=$(cat $KPARAM/retry_delay_ms)
insmod $M/kpt_busy.ko || fail "insmod kpt_busy"
echo 1 >$P/hold
wait_for "kpt_busy to enter" '[ "$(cat $P/entered)" = 1 ]'
echo 1000 >$KPARAM/max_attempts
echo 50 >$KPARAM/retry_delay_ms

loading() {
	grep -q '^p_busy .* Loading' /proc/modules
}

dmesg_mark
insmod $M/p_busy.ko &
bg=$!
wait_for "p_busy to start loading" loading
insmod $M/kpt_cold.ko || fail "insmod kpt_cold during the switch"
rmmod kpt_cold || fail "rmmod kpt_cold during the switch"
loading || fail "p_busy's switch ended before kpt_cold loaded"
insmod_fails p_cmdline1 "Device or resource busy"
dmesg_has "kpatch: p_cmdline1: the switch of p_busy is waiting to retry: try again once it is over"
loading || fail "p_busy's switch ended before p_cmdline1 was refused"

echo 0 >$P/hold
wait $bg || fail "insmod p_busy once the thread left"
expect_eq "p_busy enabled" "$(cat $PATCHES/p_busy/enabled)" 1
[ "$(cat $KP/transition/attempts)" -gt 1 ] ||
	fail "attempts: $(cat $KP/transition/attempts)"
echo "$attempts0" >$KPARAM/max_attempts
echo "$delay0" >$KPARAM/retry_delay_ms
unload p_busy
rmmod kpt_busy || fail "rmmod kpt_busy"
no_patches
ftrace_clean
