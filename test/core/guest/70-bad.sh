#!/bin/sh
# Bad patch modules: each is refused with its own message, and leaves no
# patch, no ftrace user and no change behind.
. /kpatch/lib.sh
orig="dup1=1 dup2=2 greet=hello counter=42 notrace=2"
grep -q '^kpt_target ' /proc/modules || insmod $M/kpt_target.ko ||
	fail "insmod kpt_target"

unchanged() {
	cmdline_is "$ORIG_CMDLINE"
	expect_eq /proc/kpt_target "$(cat /proc/kpt_target)" "$orig"
	no_patches
	ftrace_clean
}

dmesg_mark
insmod_fails bad_name "unknown symbol in module"
dmesg_has "kpatch: bad_name: vmlinux: no symbol 'kpt_no_such_function'"
unchanged

dmesg_mark
insmod_fails bad_size "Invalid argument"
# bad_size asks for 100 bytes more than the symbol table says; kallsyms'
# size also counts the padding after the function (at -O2, up to 16).
msg="kpatch: bad_size: vmlinux: size mismatch for cmdline_proc_show: the patch expects"
dmesg_has "$msg"
sizes=$(dmesg | grep -F "$msg" | head -n 1 |
	sed -n 's/.* expects \([0-9]*\) bytes, the running kernel has \([0-9]*\)$/\1 \2/p')
set -- $sizes
[ $# -eq 2 ] && [ $(($1 - 100)) -le $2 ] && [ $2 -lt $(($1 - 100 + 64)) ] ||
	fail "bad_size: expected and running sizes '$sizes'"
unchanged

dmesg_mark
insmod_fails bad_notrace "Invalid argument"
dmesg_has "kpatch: bad_notrace: kpt_target: kpt_notrace can't be patched: it has no ftrace location (notrace?)"
unchanged

dmesg_mark
insmod_fails bad_sympos "Invalid argument"
dmesg_has "kpatch: bad_sympos: kpt_target: 2 symbols are named 'kpt_dup': a sympos is needed"
unchanged

dmesg_mark
insmod_fails bad_dynrela "unknown symbol in module"
dmesg_has "kpatch: bad_dynrela: kpt_target: no symbol 'kpt_no_such_symbol'"
dmesg_has "bad_dynrela: the displacement is untouched"
unchanged

dmesg_mark
insmod_fails bad_double "File exists"
dmesg_has "kpatch: bad_double: already registered"
unchanged

# A function that livepatch already redirects can't be taken.
modprobe livepatch-sample || fail "modprobe livepatch-sample"
lp=/sys/kernel/livepatch/livepatch_sample
wait_for "livepatch transition" '[ "$(cat $lp/transition)" = 0 ]'
livepatched=$(cat /proc/cmdline)
[ "$livepatched" != "$ORIG_CMDLINE" ] || fail "livepatch-sample did nothing"
dmesg_mark
insmod_fails p_cmdline1 "Device or resource busy"
dmesg_has "kpatch: p_cmdline1: vmlinux: cmdline_proc_show is already redirected by another ftrace user (such as livepatch)"
cmdline_is "$livepatched"
no_patches
echo 0 >$lp/enabled
wait_for "livepatch disable" '[ ! -e $lp ]'
rmmod livepatch_sample || fail "rmmod livepatch_sample"
unchanged
