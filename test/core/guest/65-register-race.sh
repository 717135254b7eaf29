#!/bin/sh
# A registration that fails while a writer of "enabled" waits for the
# core's mutex.  The writer holds the sysfs file (a kernfs active
# reference) while it waits, and removing the file waits for that
# reference: the failing registration must remove its sysfs tree only
# after dropping the mutex, or both wait for each other forever (and
# every module load with them).  The core's test hook holds the
# registration of p_cmdline1 once its sysfs tree exists, until released,
# and then fails it with ECANCELED.
. /kpatch/lib.sh
KPARAM=/sys/module/kpatch/parameters
ECANCELED=125

echo 1 >$KPARAM/test_register_hold
echo $ECANCELED >$KPARAM/test_register_fail
dmesg_mark
insmod $M/p_cmdline1.ko >/tmp/insmod.out 2>&1 &
insmod_pid=$!
wait_for "the registration to be held" '[ "$(cat $KPARAM/test_register_held)" = Y ]'
[ -e $PATCHES/p_cmdline1/enabled ] || fail "no sysfs tree while held"

# The writer blocks on the mutex ("D" in /proc/PID/stat) with the file open.
sh -c "echo 0 >$PATCHES/p_cmdline1/enabled" &
writer=$!
wait_for "the writer to wait for the mutex" \
	'[ "$(cut -d" " -f3 /proc/$writer/stat)" = D ]'

echo 1 >$KPARAM/test_register_release
# Busybox's insmod tries again with init_module(); the hook is released
# by then, and that registration fails at once.
wait_for "insmod to finish (a deadlock?)" '! kill -0 $insmod_pid 2>/dev/null'
wait $insmod_pid && fail "insmod p_cmdline1 succeeded"
grep -qF "Operation canceled" /tmp/insmod.out ||
	fail "insmod: '$(cat /tmp/insmod.out)', expected 'Operation canceled'"
wait_for "the writer to finish" '! kill -0 $writer 2>/dev/null'
# It found the patch disabled: nothing to do, and no error.
wait $writer || fail "the writer of enabled failed"

echo 0 >$KPARAM/test_register_fail
! grep -q '^p_cmdline1 ' /proc/modules || fail "p_cmdline1 stayed loaded"
cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean

# The same patch loads normally afterwards.
insmod $M/p_cmdline1.ko || fail "insmod p_cmdline1"
cmdline_is kpatch-cmdline-1
unload p_cmdline1
