#!/bin/sh
# The test kernel's own modules are in the guest and modprobe finds them.
set -e
modprobe binfmt_misc
grep -q '^binfmt_misc ' /proc/modules
modprobe -r binfmt_misc
! grep -q '^binfmt_misc ' /proc/modules
