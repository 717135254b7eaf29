#!/bin/sh
# The preemption mode of this boot is the one its command line asks for:
# the test kernel is PREEMPT_DYNAMIC, voluntary by default, and run.sh
# boots it a second time with preempt=full.
. /kpatch/lib.sh
f=/sys/kernel/debug/sched/preempt
[ -r $f ] || fail "no $f"
# shellcheck disable=SC2046  # the words, without the trailing blank
mode=$(echo $(cat $f))
case " $(cat /proc/cmdline) " in
*" preempt=full "*) want="none voluntary (full)" ;;
*) want="none (voluntary) full" ;;
esac
expect_eq "preemption mode" "$mode" "$want"
echo "preemption: $mode"
