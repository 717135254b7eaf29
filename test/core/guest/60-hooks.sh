#!/bin/sh
# Hooks run inside the switch, callbacks outside; a failing pre-patch
# callback aborts the load with nothing changed.
. /kpatch/lib.sh
dmesg_mark
insmod $M/p_hooks.ko || fail "insmod p_hooks"
cmdline_is kpatch-hooks
unload p_hooks
expect_eq "hooks and callbacks, in order" \
	"$(dmesg | grep -v 'kpatch: ' | grep -o 'p_hooks: .*' | tr '\n' '|')" \
	"p_hooks: pre_patch vmlinux, irqs_disabled=0|p_hooks: load hook, irqs_disabled=1|p_hooks: post_patch vmlinux|p_hooks: pre_unpatch vmlinux|p_hooks: unload hook, irqs_disabled=1|p_hooks: post_unpatch vmlinux|"

dmesg_mark
insmod_fails p_hooks_fail "No such device"
dmesg_has "p_hooks_fail: pre_patch vmlinux fails"
dmesg_has "kpatch: p_hooks_fail: vmlinux: pre-patch callback failed: -19"
dmesg_lacks "p_hooks_fail: load hook"
dmesg_lacks "p_hooks_fail: post_unpatch"
cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean
