#!/bin/sh
# In the guest: the stop_machine() window of patching and unpatching FUNCS
# functions (1, 10 or 100; default 10) with 0, 200 and 1000 extra
# sleeping processes (SLEEPERS, comma-separated), under the full-walk
# check and the two-phase check, beside a bare stop_machine() with an
# empty callback, all in this one guest.  Each run makes one bare
# stop_machine() and patches and unpatches once in each mode, so that all
# see the same conditions.  Figures are TSC cycles (the guest may have no
# usable clocksource), the minimum and median of RUNS tries.
M=/kpatch
KP=/sys/kernel/kpatch
MODE=/sys/module/kpatch/parameters/full_walk
RUNS=${RUNS:-11}
FUNCS=${FUNCS:-10}
SLEEPERS=${SLEEPERS:-0,200,1000}
PATCH=kpb_p$FUNCS

insmod $M/kpatch.ko || exit 1
insmod $M/kpb_target.ko || exit 1

# stats FILE: "min median" of the numbers in FILE.
stats() {
	sort -n "$1" | awk '{ v[NR] = $1 } END { print v[1], v[int((NR + 1) / 2)] }'
}

# floor RUNS: the minimum of RUNS bare stop_machine() calls made back to
# back by one insmod of kpb_floor.
floor() {
	dmesg -c >/dev/null
	insmod $M/kpb_floor.ko runs=$1 || exit 1
	rmmod kpb_floor
	dmesg | sed -n 's/.*kpb_floor: .* min \([0-9]*\) median.*/\1/p' | head -n 1
}

# once MODE: patch and unpatch once with full_walk=MODE, keeping the
# windows in /tmp/<mode>.patch and /tmp/<mode>.unpatch, and for the
# two-phase mode what phase 1 cost (outside the window), how many tasks
# phase 2 walked again, and whether it went by the switch log.
once() {
	echo "$1" >$MODE
	insmod $M/$PATCH.ko || exit 1
	[ "$(cat $KP/transition/attempts)" = 1 ] || exit 1
	cat $KP/transition/stop_machine_cycles >>/tmp/$1.patch
	cat $KP/transition/phase1_cycles >>/tmp/$1.patch-phase1
	cat $KP/transition/phase2_rechecked >>/tmp/$1.patch-rechecked
	cat $KP/transition/phase2_log >>/tmp/$1.patch-log
	echo 0 >$KP/patches/$PATCH/enabled || exit 1
	cat $KP/transition/stop_machine_cycles >>/tmp/$1.unpatch
	cat $KP/transition/phase1_cycles >>/tmp/$1.unpatch-phase1
	cat $KP/transition/phase2_rechecked >>/tmp/$1.unpatch-rechecked
	cat $KP/transition/phase2_log >>/tmp/$1.unpatch-log
	rmmod $PATCH || exit 1
}

echo "BENCH: $(grep -c '^processor' /proc/cpuinfo) online CPUs, $FUNCS functions, $RUNS runs each, TSC cycles, minimum (x: over the bare minimum) and median"
echo "BENCH: bare: an empty stop_machine(), b2b: $RUNS back to back in one insmod; one: one per insmod, in each run, like a patch"
echo "BENCH: rewalked: tasks phase 2 walked (median); log: runs where phase 2 went by the switch log; phase 1: its duration, outside the window (median)"
echo "BENCH: sleepers tasks  bare b2b  bare one action   full walk: min     (x)     median  two-phase: min  (x)     median rewalked log    phase 1"
spawned=0
for want in $(echo "$SLEEPERS" | tr , ' '); do
	while [ $spawned -lt "$want" ]; do
		sleep 100000 &
		spawned=$((spawned + 1))
	done
	sleep 1
	ntasks=$(ls -d /proc/[0-9]* | wc -l)

	b2b=$(floor "$RUNS")
	[ -n "$b2b" ] || exit 1

	rm -f /tmp/0.* /tmp/1.* /tmp/bare
	r=0
	while [ $r -lt "$RUNS" ]; do
		floor 1 >>/tmp/bare
		once 1
		once 0
		r=$((r + 1))
	done
	set -- $(stats /tmp/bare)
	bare=$1
	for what in patch unpatch; do
		logged=$(grep -c 1 /tmp/0.$what-log)
		set -- $(stats /tmp/1.$what) $(stats /tmp/0.$what) \
			$(stats /tmp/0.$what-rechecked) $(stats /tmp/0.$what-phase1)
		awk -v s="$want" -v t="$ntasks" -v b2b="$b2b" -v f="$bare" \
			-v w="$what" -v fmin="$1" -v fmed="$2" -v tmin="$3" \
			-v tmed="$4" -v rw="$6" -v p1="$8" -v lg="$logged" 'BEGIN {
			printf "BENCH: %8d %5d %9d %9d %-8s %10d (%5.1fx) %10d %10d (%4.1fx) %10d %8d %3d %10d\n",
				s, t, b2b, f, w, fmin, fmin / f, fmed, tmin, tmin / f, tmed, rw, lg, p1 }'
	done
done
echo 0 >$MODE
