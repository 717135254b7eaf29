#!/bin/sh
# In the guest: the stop_machine() window of patching and unpatching 1, 10
# and 100 functions with about 200 sleeping processes, beside a bare
# stop_machine().  Figures are TSC cycles (the guest may have no usable
# clocksource), the minimum and median of RUNS tries each.
M=/kpatch
KP=/sys/kernel/kpatch
RUNS=${RUNS:-11}
SLEEPERS=${SLEEPERS:-200}

insmod $M/kpatch.ko || exit 1
insmod $M/kpb_target.ko || exit 1
i=0
while [ $i -lt "$SLEEPERS" ]; do
	sleep 100000 &
	i=$((i + 1))
done
sleep 1
ntasks=$(ls -d /proc/[0-9]* | wc -l)

dmesg -c >/dev/null
insmod $M/kpb_floor.ko runs=$RUNS || exit 1
rmmod kpb_floor
floor=$(dmesg | sed -n 's/.*kpb_floor: .* min \([0-9]*\) median.*/\1/p' | head -n 1)
[ -n "$floor" ] || exit 1

# stats FILE: "min median" of the numbers in FILE.
stats() {
	sort -n "$1" | awk '{ v[NR] = $1 } END { print v[1], v[int((NR + 1) / 2)] }'
}

echo "BENCH: tasks $ntasks (with $SLEEPERS sleeping), online CPUs $(grep -c '^processor' /proc/cpuinfo), $RUNS runs each, TSC cycles"
echo "BENCH: bare stop_machine(): min $floor"
for n in 1 10 100; do
	rm -f /tmp/patch /tmp/unpatch
	r=0
	while [ $r -lt "$RUNS" ]; do
		insmod $M/kpb_p$n.ko || exit 1
		[ "$(cat $KP/transition/attempts)" = 1 ] || exit 1
		cat $KP/transition/stop_machine_cycles >>/tmp/patch
		checked_patch=$(cat $KP/transition/tasks_checked)
		echo 0 >$KP/patches/kpb_p$n/enabled || exit 1
		cat $KP/transition/stop_machine_cycles >>/tmp/unpatch
		checked_unpatch=$(cat $KP/transition/tasks_checked)
		rmmod kpb_p$n || exit 1
		r=$((r + 1))
	done
	for what in patch unpatch; do
		set -- $(stats /tmp/$what)
		eval checked=\$checked_$what
		awk -v n=$n -v w=$what -v min=$1 -v med=$2 -v f=$floor -v c=$checked 'BEGIN {
			printf "BENCH: %-7s %3d functions: min %9d  median %9d  = %6.1f x floor (min), %d tasks checked\n",
				w, n, min, med, min / f, c }'
	done
done
