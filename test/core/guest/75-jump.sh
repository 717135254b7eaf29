#!/bin/sh
# A jump label in patched code whose key is an unexported tracepoint's:
# the core writes the key as the patch module comes, so the branch
# follows the event, whether it is enabled before the patch loads or
# after.  A key that can't be resolved refuses the module.
. /kpatch/lib.sh
ev=$TRACEFS/events/task/task_rename/enable
[ -e $ev ] || fail "no $ev"

dmesg_mark
insmod $M/p_jump.ko || fail "insmod p_jump"
cmdline_is kpt-jump-off
echo 1 >$ev || fail "enable task_rename"
cmdline_is kpt-jump-on
echo 0 >$ev || fail "disable task_rename"
cmdline_is kpt-jump-off
unload p_jump
cmdline_is "$ORIG_CMDLINE"

# Enabled first: jump_label patches the site as the module comes.
echo 1 >$ev || fail "enable task_rename"
insmod $M/p_jump.ko || fail "insmod p_jump, event enabled"
cmdline_is kpt-jump-on
echo 0 >$ev || fail "disable task_rename"
cmdline_is kpt-jump-off
unload p_jump
dmesg_has "kpatch: p_jump: enabled"
dmesg_has "p_jump: pre_patch vmlinux, mod NULL"

# A key in a module: the module is pinned while the patch is loaded.
key=/sys/module/kpt_target/parameters/key
grep -q '^kpt_target ' /proc/modules || insmod $M/kpt_target.ko ||
	fail "insmod kpt_target"
insmod $M/p_jump_mod.ko || fail "insmod p_jump_mod"
cmdline_is kpt-jump-off
echo 1 >$key || fail "enable kpt_target_key"
cmdline_is kpt-jump-on
rmmod kpt_target 2>/dev/null && fail "rmmod of a pinned kpt_target worked"
grep -q '^kpt_target ' /proc/modules || fail "kpt_target is gone"
echo 0 >$key || fail "disable kpt_target_key"
cmdline_is kpt-jump-off
unload p_jump_mod
rmmod kpt_target || fail "rmmod kpt_target once unpinned"
insmod $M/kpt_target.ko || fail "insmod kpt_target again"

dmesg_mark
insmod_fails bad_jump_key "unknown symbol in module"
dmesg_has "kpatch: bad_jump_key: vmlinux: no symbol '__tracepoint_kpt_no_such_event'"
dmesg_has "kpatch: bad_jump_key: can't resolve the jump label key __tracepoint_kpt_no_such_event in vmlinux: the patch must be built against the running kernel and modules"

dmesg_mark
insmod_fails bad_jump_mod "unknown symbol in module"
dmesg_has "kpatch: bad_jump_mod: a jump label uses the key kpt_absent_key of module kpt_absent, which is not loaded: load kpt_absent first, then the patch"

cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean
