#!/bin/sh
# The guest runs Debian's kernel as shipped, and takes the core module
# built against Debian's headers.
. /kpatch/lib.sh

release=$(uname -r)
case $(cat /proc/version) in
*"(debian-kernel@lists.debian.org)"*" Debian "*) ;;
*) fail "not a Debian kernel: $(cat /proc/version)" ;;
esac
[ -f "/lib/modules/$release/extra/kpatch/kpatch.ko" ] || fail "no kpatch.ko for $release"
insmod "/lib/modules/$release/extra/kpatch/kpatch.ko" || fail "insmod kpatch.ko"
[ -d /sys/kernel/kpatch/patches ] || fail "no /sys/kernel/kpatch/patches"
rmmod kpatch || fail "rmmod kpatch"
echo "stock kernel: $(cat /proc/version)"
