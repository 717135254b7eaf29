#!/bin/sh
# The core module loads and sets up its sysfs tree.
. /kpatch/lib.sh
dmesg_mark
insmod $M/kpatch.ko || fail "insmod kpatch.ko"
dmesg_has "kpatch: loaded"
[ -d $PATCHES ] || fail "no $PATCHES"
expect_eq "transition/action before any patch" "$(cat $KP/transition/action)" none
no_patches
ftrace_clean
