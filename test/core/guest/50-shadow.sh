#!/bin/sh
# Shadow variables: API contract, then use from a patched function.
. /kpatch/lib.sh
dmesg_mark
insmod $M/p_shadow.ko || fail "insmod p_shadow"
dmesg_has "p_shadow: self-test passed"
cmdline_is "kpatch-shadow reads=1"
cmdline_is "kpatch-shadow reads=2"
cmdline_is "kpatch-shadow reads=3"
unload p_shadow
dmesg_has "p_shadow: freeing a shadow with reads=3"
cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean
