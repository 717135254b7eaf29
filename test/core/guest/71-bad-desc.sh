#!/bin/sh
# Descriptions that the core refuses at registration, with nothing
# changed: a function of size 0, whose range the activeness check could
# never find a task in; and one function listed at sympos 0 and 1, which
# name the same function.
. /kpatch/lib.sh

dmesg_mark
insmod_fails bad_zero "Invalid argument"
dmesg_has "kpatch: bad_zero: vmlinux: cmdline_proc_show has old_size 0 in the patch description"
cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean

dmesg_mark
insmod_fails bad_sympos01 "Invalid argument"
dmesg_has "kpatch: bad_sympos01: vmlinux: cmdline_proc_show is listed twice"
cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean
