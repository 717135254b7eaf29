#!/bin/sh
# 200 load/unload cycles while two readers check that every read of
# /proc/cmdline is the old or the new text, never anything else.
. /kpatch/lib.sh
cycles=${STRESS_CYCLES:-200}
rm -f /tmp/stop /tmp/bad /tmp/reads.*

reader() {
	n=0
	while [ ! -e /tmp/stop ]; do
		s=$(cat /proc/cmdline)
		if [ "$s" != "$ORIG_CMDLINE" ] && [ "$s" != kpatch-cmdline-1 ]; then
			echo "reader $1: '$s'" >>/tmp/bad
		fi
		n=$((n + 1))
	done
	echo $n >/tmp/reads.$1
}
reader 1 &
reader 2 &

i=0
while [ $i -lt $cycles ]; do
	insmod $M/p_cmdline1.ko || { touch /tmp/stop; fail "cycle $i: insmod"; }
	echo 0 >$PATCHES/p_cmdline1/enabled || { touch /tmp/stop; fail "cycle $i: disable"; }
	rmmod p_cmdline1 || { touch /tmp/stop; fail "cycle $i: rmmod"; }
	i=$((i + 1))
done
touch /tmp/stop
wait
[ ! -e /tmp/bad ] || fail "bad reads: $(head -n 3 /tmp/bad)"
r1=$(cat /tmp/reads.1) r2=$(cat /tmp/reads.2)
echo "$cycles cycles; reads: $r1 and $r2"
[ "$r1" -gt 0 ] && [ "$r2" -gt 0 ] || fail "a reader made no reads"
cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean
