#!/bin/sh
# The guest booted the test kernel and sees its own filesystems.
set -e
uname -r
grep -q ' /proc ' /proc/mounts
grep -q ' /sys ' /proc/mounts
test -d /sys/kernel/debug/tracing || test -d /sys/kernel/tracing
grep -q console=ttyS0 /proc/cmdline
# Two CPUs, or stop_machine() has nothing to stop and the core tests
# prove less than they claim.
test "$(grep -c '^processor' /proc/cpuinfo)" -eq 2
