#!/bin/sh
# Retries.  max_attempts and retry_delay_ms refuse values out of their
# bounds.  Each attempt starts with an empty switch log: kpt_retry's fail
# hook fills the log in the first attempt, past a CPU's room, and fails
# it; the second attempt must still find its tasks by the log.
. /kpatch/lib.sh
P=/sys/module/kpt_retry/parameters
KPARAM=/sys/module/kpatch/parameters

# refused PARAM VALUE MIN MAX
refused() {
	old=$(cat $KPARAM/$1)
	dmesg_mark
	echo "$2" >$KPARAM/$1 2>/dev/null && fail "$1 took $2"
	dmesg_has "kpatch: $1 must be a whole number from $3 to $4"
	expect_eq "$1 after $2" "$(cat $KPARAM/$1)" "$old"
}
refused max_attempts 0 1 1000
refused max_attempts 1001 1 1000
refused max_attempts many 1 1000
refused retry_delay_ms 1001 0 1000
refused retry_delay_ms -1 0 1000
attempts0=$(cat $KPARAM/max_attempts)
echo 1000 >$KPARAM/max_attempts || fail "max_attempts 1000"
expect_eq max_attempts "$(cat $KPARAM/max_attempts)" 1000
echo "$attempts0" >$KPARAM/max_attempts

insmod $M/kpt_retry.ko || fail "insmod kpt_retry"
echo 1 >$P/arm
insmod $M/p_cmdline1.ko || fail "insmod p_cmdline1"
expect_eq "fail hook" "$(cat $P/fired)" 1
cmdline_is kpatch-cmdline-1
expect_eq transition/attempts "$(cat $KP/transition/attempts)" 2
expect_eq transition/result "$(cat $KP/transition/result)" 0
expect_eq transition/phase2_log "$(cat $KP/transition/phase2_log)" 1
unload p_cmdline1
cmdline_is "$ORIG_CMDLINE"
rmmod kpt_retry || fail "rmmod kpt_retry"
no_patches
ftrace_clean
