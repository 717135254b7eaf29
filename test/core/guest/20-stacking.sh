#!/bin/sh
# Two patches of one function: the newest wins, in either unload order.
. /kpatch/lib.sh
insmod $M/p_cmdline1.ko || fail "insmod p_cmdline1"
insmod $M/p_cmdline2.ko || fail "insmod p_cmdline2"
cmdline_is kpatch-cmdline-2
unload p_cmdline2
cmdline_is kpatch-cmdline-1
unload p_cmdline1
cmdline_is "$ORIG_CMDLINE"

insmod $M/p_cmdline1.ko || fail "insmod p_cmdline1"
insmod $M/p_cmdline2.ko || fail "insmod p_cmdline2"
cmdline_is kpatch-cmdline-2
unload p_cmdline1
cmdline_is kpatch-cmdline-2
unload p_cmdline2
cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean
