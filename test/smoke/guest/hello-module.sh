#!/bin/sh
# An out-of-tree module built against the test tree loads and unloads.
set -e
insmod /kpatch/hello.ko
dmesg | grep -q 'kpatch-smoke: hello loaded'
grep -q '^hello ' /proc/modules
rmmod hello
dmesg | grep -q 'kpatch-smoke: hello unloaded'
! grep -q '^hello ' /proc/modules
