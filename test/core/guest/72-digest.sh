#!/bin/sh
# The running kernel must be the one a patch was built for.  A patch whose
# digest of cmdline_proc_show differs (bad_digest: one bit) is refused
# with the function's name and leaves nothing behind: no patch in sysfs,
# no ftrace user, no symbol in kallsyms, /proc/cmdline as it was.  The
# right digest (p_digest) loads, also while a kprobe sits inside the
# function: its int3 (or, once optimized, its jmp) is not the code's.
. /kpatch/lib.sh

dmesg_mark
insmod_fails bad_digest "Invalid argument"
dmesg_has "kpatch: bad_digest: vmlinux function cmdline_proc_show does not match the code this patch was built against"
cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean
! grep -q '\[bad_digest\]' /proc/kallsyms || fail "bad_digest left symbols in kallsyms"

dmesg_mark
insmod $M/p_digest.ko || fail "insmod p_digest: $(dmesg | tail -n 3)"
cmdline_is "kpatch-digest-checked"
at=$(cat /sys/module/p_digest/parameters/kprobe_at)
unload p_digest
cmdline_is "$ORIG_CMDLINE"
dmesg_lacks "does not match"

# A kprobe at an instruction that the digest covers.
probe=$TRACEFS/events/kprobes/kpt_digest
echo "p:kpt_digest cmdline_proc_show+$at" >>$TRACEFS/kprobe_events ||
	fail "can't add a kprobe at cmdline_proc_show+$at"
echo 1 >$probe/enable || fail "can't enable the kprobe"
cat /proc/cmdline >/dev/null
grep -q "cmdline_proc_show+$at" /sys/kernel/debug/kprobes/list 2>/dev/null ||
	grep -q kpt_digest $TRACEFS/kprobe_events || fail "the kprobe is not listed"
dmesg_mark
insmod $M/p_digest.ko ||
	fail "insmod p_digest with a kprobe at +$at: $(dmesg | tail -n 3)"
cmdline_is "kpatch-digest-checked"
unload p_digest
# The wrong digest stays wrong with the kprobe in place.
insmod_fails bad_digest "Invalid argument"
echo 0 >$probe/enable
echo "-:kpt_digest" >>$TRACEFS/kprobe_events
cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean
