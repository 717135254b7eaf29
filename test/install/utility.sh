#!/bin/bash
# The kpatch utility's own logic, on the host, without a VM: argument
# checks, paths with spaces, the checksum of a patch loaded twice,
# insmod's own error, and the lock.  insmod, rmmod, modinfo, modprobe and
# dmesg are stubs (below) acting on a fake sysfs tree (KPATCH_SYSFS), so
# nothing touches the machine; flock is the real one.
#
# Usage: utility.sh [KPATCH]   (default: the source tree's kpatch/kpatch;
# run.sh passes the installed one).  Prints one PASS/FAIL line per case.
#
# A fake module is a text file of modinfo lines (name=, kpatch=Y,
# vermagic=, kpatch_checksum=, description=, kpatch_fixes=), which the
# modinfo stub reads (kpatch package too), plus
# instructions for the insmod stub: insmod_error=MESSAGE (fail with it,
# after logging dmesg_line=TEXT) and insmod_wait=FIFO (block until a line
# can be read from FIFO).
# shellcheck disable=SC2317  # functions run through check
set -uo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

kpatch=$(readlink -f -- "${1:-$PROJECT_ROOT/kpatch/kpatch}")
[[ -x $kpatch ]] || { echo "FAIL: utility (no executable kpatch at '$kpatch')"; exit 1; }
# The work directory's name has a space, so every path below has one.
work=$(mktemp -d "/tmp/kpatch utility.XXXXXX")
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
rel=$(uname -r)
fail=0

stubs=$work/bin
mkdir -p "$stubs"
cat >"$stubs/modinfo" <<'EOF'
#!/bin/bash
# modinfo -F FIELD FILE
[[ $1 == -F && -f $3 ]] || { echo "modinfo stub: want -F FIELD FILE, got: $*" >&2; exit 1; }
sed -n "s/^$2=//p" "$3"
EOF
cat >"$stubs/insmod" <<'EOF'
#!/bin/bash
# insmod FILE: make the fake sysfs entries of FILE's module.
f=$1
field() { sed -n "s/^$1=//p" "$f"; }
echo "insmod $f" >>"$STUB_LOG"
[[ -n $(field insmod_wait) ]] && read -r _ <"$(field insmod_wait)"
if [[ -n $(field insmod_error) ]]; then
	[[ -n $(field dmesg_line) ]] && field dmesg_line >>"$STUB_DMESG"
	echo "insmod: ERROR: could not insert module $f: $(field insmod_error)" >&2
	exit 1
fi
name=$(field name)
if [[ $name == kpatch ]]; then
	mkdir -p "$KPATCH_SYSFS/patches"
else
	mkdir -p "$KPATCH_SYSFS/patches/$name"
	echo 1 >"$KPATCH_SYSFS/patches/$name/enabled"
	field kpatch_checksum >"$KPATCH_SYSFS/patches/$name/checksum"
fi
echo "insmod $f: done" >>"$STUB_LOG"
EOF
cat >"$stubs/rmmod" <<'EOF'
#!/bin/bash
echo "rmmod $1" >>"$STUB_LOG"
rm -rf "${KPATCH_SYSFS:?}/patches/$1"
EOF
cat >"$stubs/dmesg" <<'EOF'
#!/bin/bash
cat "$STUB_DMESG"
EOF
printf '#!/bin/sh\nexit 1\n' >"$stubs/modprobe"
chmod +x "$stubs"/*

export PATH="$stubs:$PATH" STUB_LOG="$work/log" STUB_DMESG="$work/dmesg"
export KPATCH_SYSFS="$work/sys/kernel/kpatch" KPATCH_VARDIR="$work/var dir/kpatch"
export KPATCH_LOCK="$work/run/kpatch.lock" KPATCH_CORE="$work/core dir/kpatch.ko"

# fresh: an empty machine, the core module not loaded.
fresh() {
	rm -rf "${work:?}/sys" "$work/var dir" "$work/run" "$work/my dir"
	mkdir -p "$work/run" "$work/my dir" "$work/core dir"
	: >"$STUB_LOG"
	echo "[    1.0] kpatch: old_patch: a message from an earlier load" >"$STUB_DMESG"
	module "$KPATCH_CORE" kpatch
}

# module FILE NAME [LINE...]: a fake patch module for this kernel.
module() {
	local f=$1 name=$2
	shift 2
	printf '%s\n' "name=$name" kpatch=Y "vermagic=$rel SMP preempt mod_unload" \
		kpatch_checksum=1111 "$@" >"$f"
}

# run ARGS...: kpatch ARGS, its output in $out and its status in $rc.
run() {
	out=$("$kpatch" "$@" 2>&1)
	rc=$?
}

# expect WHAT STATUS TEXT: the last run exited STATUS and said TEXT.
expect() {
	[[ $rc -eq $2 && $out == *"$3"* ]] && return 0
	echo "    $1: exit $rc (want $2), output (want '$3'):"
	printf '%s\n' "$out" | sed 's/^/      /'
	return 1
}

no_module_calls() {
	! grep -q '^\(insmod\|rmmod\)' "$STUB_LOG" || {
		echo "    insmod or rmmod ran:"; sed 's/^/      /' "$STUB_LOG"; return 1; }
}

# unload ../../livepatch/X must not reach livepatch's sysfs, which is
# two levels above the patches directory.
unload_name() {
	fresh
	mkdir -p "$work/sys/kernel/livepatch/X" "$KPATCH_SYSFS/patches"
	echo 1 >"$work/sys/kernel/livepatch/X/enabled"
	run unload ../../livepatch/X
	expect "unload ../../livepatch/X" 2 "'../../livepatch/X' is neither a module name" || return 1
	[[ $(cat "$work/sys/kernel/livepatch/X/enabled") == 1 ]] || {
		echo "    livepatch's X was written to"; return 1; }
	no_module_calls || return 1
	# A bad name among good ones: nothing is unloaded.
	module "$work/my dir/kpatch-a.ko" kpatch_a
	"$kpatch" load "$work/my dir/kpatch-a.ko" >/dev/null 2>&1 || { echo "    load kpatch-a"; return 1; }
	: >"$STUB_LOG"
	run unload kpatch_a 'a b'
	expect "unload kpatch_a 'a b'" 2 "'a b' is neither" && no_module_calls || return 1
	run info ../x
	expect "info ../x" 2 "'../x' is neither"
}
check utility-unload-bad-name unload_name || fail=1

# uninstall -k .. --all must not delete outside the patch directory.
release_arg() {
	local k
	fresh
	mkdir -p "$KPATCH_VARDIR/$rel"
	touch "$work/var dir/outside.ko" "$KPATCH_VARDIR/outside.ko" "$KPATCH_VARDIR/$rel/kpatch-a.ko"
	for k in .. ../.. . ../x /etc 'a b' ''; do
		run uninstall -k "$k" --all
		expect "uninstall -k '$k' --all" 2 "'$k' is not a kernel release" || return 1
	done
	[[ -f $work/var\ dir/outside.ko && -f $KPATCH_VARDIR/outside.ko && -f $KPATCH_VARDIR/$rel/kpatch-a.ko ]] || {
		echo "    a file outside the release's directory was deleted"; return 1; }
	module "$work/my dir/kpatch-a.ko" kpatch_a
	run install -k ../.. "$work/my dir/kpatch-a.ko"
	expect "install -k ../.." 2 "'../..' is not a kernel release" || return 1
	[[ ! -e $work/var\ dir/kpatch-a.ko && ! -e $work/kpatch-a.ko ]] || { echo "    installed outside"; return 1; }
	# The release a module's vermagic names is checked too.
	module "$work/my dir/kpatch-b.ko" kpatch_b
	sed -i 's/^vermagic=.*/vermagic=..\/.. SMP/' "$work/my dir/kpatch-b.ko"
	run install "$work/my dir/kpatch-b.ko"
	expect "install of a module with vermagic ../.." 1 "its vermagic names '../..'" || return 1
	run uninstall -k "$rel" --all
	expect "uninstall -k $rel --all" 0 "uninstalled all patches for kernel $rel" || return 1
	[[ ! -e $KPATCH_VARDIR/$rel/kpatch-a.ko && -f $KPATCH_VARDIR/outside.ko ]]
}
check utility-release-arg release_arg || fail=1

# The whole life of a patch from a directory with a space, with the
# patch directory, the core module and the lock in such directories too.
spaces() {
	fresh
	module "$work/my dir/kpatch-x.ko" kpatch_x
	run load "$work/my dir/kpatch-x.ko"
	expect "load from 'my dir'" 0 "loaded patch module kpatch_x ($work/my dir/kpatch-x.ko)" || return 1
	[[ $out == *"loaded core module $KPATCH_CORE"* ]] || { echo "    core not loaded from 'core dir': $out"; return 1; }
	run info "$work/my dir/kpatch-x.ko"
	expect "info" 0 "State: enabled" || return 1
	run install "$work/my dir/kpatch-x.ko"
	expect "install" 0 "installed kpatch-x.ko for kernel $rel" || return 1
	[[ -f $KPATCH_VARDIR/$rel/kpatch-x.ko ]] || { echo "    not in '$KPATCH_VARDIR/$rel'"; return 1; }
	run list
	expect "list" 0 "kpatch_x ($rel)" || return 1
	run unload "$work/my dir/kpatch-x.ko"
	expect "unload by file" 0 "unloaded patch module kpatch_x" || return 1
	run load --all
	expect "load --all" 0 "1 installed patch(es) for kernel $rel in force" || return 1
	run unload --all
	expect "unload --all" 0 "unloaded patch module kpatch_x" || return 1
	run uninstall kpatch-x
	expect "uninstall" 0 "uninstalled kpatch_x for kernel $rel" || return 1
	[[ ! -e $KPATCH_VARDIR/$rel/kpatch-x.ko ]]
}
check utility-spaces spaces || fail=1

# A patch loaded again: the same build is left alone; another build of
# the same name is refused, and nothing changes.
checksum() {
	fresh
	module "$work/my dir/kpatch-x.ko" kpatch_x
	"$kpatch" load "$work/my dir/kpatch-x.ko" >/dev/null 2>&1 || { echo "    first load"; return 1; }
	: >"$STUB_LOG"
	run load "$work/my dir/kpatch-x.ko"
	expect "the same build again" 0 "kpatch_x is already loaded and enabled" && no_module_calls || return 1
	module "$work/my dir/kpatch-x.ko" kpatch_x
	sed -i 's/^kpatch_checksum=.*/kpatch_checksum=2222/' "$work/my dir/kpatch-x.ko"
	run load "$work/my dir/kpatch-x.ko"
	expect "a rebuilt patch of the same name" 1 "another build of kpatch_x is loaded (checksum 1111; $work/my dir/kpatch-x.ko has 2222)" || return 1
	expect "the way out" 1 "kpatch unload kpatch_x" && no_module_calls || return 1
	[[ $(cat "$KPATCH_SYSFS/patches/kpatch_x/checksum") == 1111 ]] || { echo "    the loaded patch changed"; return 1; }
	# A build without a checksum can't be told apart: refused too.
	sed -i '/^kpatch_checksum=/d' "$work/my dir/kpatch-x.ko"
	run load "$work/my dir/kpatch-x.ko"
	expect "no checksum" 1 "can't tell whether" && no_module_calls || return 1
	# Disabled, it is out of force: the new build replaces it.
	module "$work/my dir/kpatch-x.ko" kpatch_x
	sed -i 's/^kpatch_checksum=.*/kpatch_checksum=3333/' "$work/my dir/kpatch-x.ko"
	echo 0 >"$KPATCH_SYSFS/patches/kpatch_x/enabled"
	run load "$work/my dir/kpatch-x.ko"
	expect "a disabled patch, another build" 0 "loaded patch module kpatch_x" || return 1
	[[ $(cat "$KPATCH_SYSFS/patches/kpatch_x/checksum") == 3333 ]] || { echo "    the new build is not loaded"; return 1; }
}
check utility-checksum checksum || fail=1

# insmod's own message is shown, with the kernel's lines of this load
# (not those of an earlier one); a busy function gets its hint.
insmod_error() {
	fresh
	module "$work/my dir/kpatch-x.ko" kpatch_x "insmod_error=Unknown symbol in module" \
		"dmesg_line=[    2.0] kpatch_x: Unknown symbol frob (err -2)"
	run load "$work/my dir/kpatch-x.ko"
	expect "insmod's message" 1 "could not insert module $work/my dir/kpatch-x.ko: Unknown symbol in module" || return 1
	expect "the kernel's line" 1 "dmesg: [    2.0] kpatch_x: Unknown symbol frob" || return 1
	expect "the summary" 1 "failed to load kpatch_x (insmod exit status 1)" || return 1
	[[ $out != *"an earlier load"* ]] || { echo "    showed an earlier load's dmesg line: $out"; return 1; }
	module "$work/my dir/kpatch-y.ko" kpatch_y "insmod_error=Device or resource busy" \
		"dmesg_line=[    3.0] kpatch: kpatch_y: pid 7 (cat) is running frob (frob+0x4/0x10); gave up after 10 attempts"
	run load "$work/my dir/kpatch-y.ko"
	expect "busy: insmod's message" 1 "Device or resource busy" || return 1
	expect "busy: the kernel's line" 1 "pid 7 (cat) is running frob" || return 1
	expect "busy: the hint" 1 "was busy at every attempt" || return 1
}
check utility-insmod-error insmod_error || fail=1

# wait_for FILE TEXT: until FILE says TEXT (a hang guard, not a timing).
wait_for() {
	local i
	for ((i = 0; i < 300; i++)); do
		grep -qF -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "    '$2' never appeared in $1:"
	sed 's/^/      /' "$1"
	return 1
}

# A command that changes something waits for one in progress: an unload
# started during a load (blocked in insmod) runs after it.  With the
# lock held past KPATCH_LOCK_TIMEOUT, it fails and names the holder.
lock() {
	local fifo=$work/fifo first
	fresh
	mkfifo "$fifo"
	module "$work/my dir/kpatch-y.ko" kpatch_y
	"$kpatch" load "$work/my dir/kpatch-y.ko" >/dev/null 2>&1 || { echo "    load kpatch_y"; return 1; }
	module "$work/my dir/kpatch-x.ko" kpatch_x "insmod_wait=$fifo"
	: >"$STUB_LOG"
	"$kpatch" load "$work/my dir/kpatch-x.ko" >"$work/first.out" 2>&1 &
	first=$!
	wait_for "$STUB_LOG" "insmod $work/my dir/kpatch-x.ko" || return 1
	KPATCH_LOCK_TIMEOUT=0 run unload kpatch_y
	expect "unload with the lock held, no wait" 1 "another kpatch command still holds $KPATCH_LOCK" || return 1
	expect "the holder" 1 "pid $first: kpatch load $work/my dir/kpatch-x.ko" && no_rmmod || return 1
	"$kpatch" unload kpatch_y >"$work/second.out" 2>&1 &
	wait_for "$work/second.out" "waiting for another kpatch command to finish (pid $first: kpatch load" || return 1
	no_rmmod || return 1
	echo go >"$fifo"
	wait "$first" || { echo "    the first load failed:"; sed 's/^/      /' "$work/first.out"; return 1; }
	wait $! || { echo "    the waiting unload failed:"; sed 's/^/      /' "$work/second.out"; return 1; }
	# The log: insmod x, insmod x done, rmmod y, in that order.
	[[ $(grep -c . "$STUB_LOG") -eq 3 && $(tail -n 1 "$STUB_LOG") == "rmmod kpatch_y" ]] || {
		echo "    interleaved:"; sed 's/^/      /' "$STUB_LOG"; return 1; }
	# list and info don't take the lock.
	local fd
	exec {fd}>>"$KPATCH_LOCK"
	flock "$fd"
	KPATCH_LOCK_TIMEOUT=0 run list
	exec {fd}>&-
	expect "list while locked" 0 "kpatch_x [enabled]"
}
no_rmmod() {
	! grep -q '^rmmod' "$STUB_LOG" || { echo "    rmmod ran with the lock held"; return 1; }
}
check utility-lock lock || fail=1

# json_check FILE PYTHON: FILE is valid JSON (json.tool), and the Python
# expression PYTHON, on it as j (with the environment as env), is true;
# prints FILE when not.
json_check() {
	python3 -m json.tool "$1" >/dev/null 2>"$work/json.err" &&
		python3 -c 'import json, os, sys
j = json.load(open(sys.argv[1]))
env = os.environ
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)' "$1" "$2" && return 0
	echo "    not valid, or not '$2':"
	sed 's/^/      /' "$1" "$work/json.err"
	return 1
}

# The metadata of a patch (kpatch-build's description and kpatch_fixes)
# in info and list, and both --json forms: valid JSON whatever the
# description holds (quotes, backslashes, a tab), with the state, the
# releases, the checksum, the fixes and the core's last transition.
metadata() {
	local t f
	export DESC=$'say "hi" \\ to\tall'
	fresh
	module "$work/my dir/kpatch-x.ko" kpatch_x "description=$DESC" "kpatch_fixes=CVE-2026-0001 CVE-2026-0002"
	module "$work/my dir/kpatch-y.ko" kpatch_y
	"$kpatch" install "$work/my dir/kpatch-x.ko" >/dev/null 2>&1 &&
		"$kpatch" install -k 9.9.9-other "$work/my dir/kpatch-y.ko" >/dev/null 2>&1 &&
		"$kpatch" load --all >/dev/null 2>&1 || { echo "    install and load"; return 1; }
	t=$KPATCH_SYSFS/transition
	mkdir -p "$t"
	echo kpatch_x >"$t/patch"
	echo patch >"$t/action"
	echo 0 >"$t/result"
	echo 1 >"$t/attempts"
	echo two-phase >"$t/check"
	run info kpatch_x
	expect "info by name" 0 "Description: $DESC" &&
		expect "info: fixes" 0 "Fixes: CVE-2026-0001 CVE-2026-0002" || return 1
	run list
	expect "list: fixes" 0 $'kpatch_x [enabled]\n  fixes: CVE-2026-0001 CVE-2026-0002' || return 1
	"$kpatch" list --json >"$work/list.json" 2>&1 || { echo "    list --json failed"; cat "$work/list.json"; return 1; }
	json_check "$work/list.json" "j['kernel_release'] == '$rel' and j['core_loaded'] and
		[p['name'] for p in j['patches']] == ['kpatch_x', 'kpatch_y'] and
		j['patches'][0]['enabled'] and j['patches'][0]['installed'] == ['$rel'] and
		j['patches'][0]['built_for'] == '$rel' and j['patches'][0]['checksum'] == '1111' and
		j['patches'][0]['description'] == env['DESC'] and
		j['patches'][0]['fixes'] == ['CVE-2026-0001', 'CVE-2026-0002'] and
		not j['patches'][1]['loaded'] and j['patches'][1]['installed'] == ['9.9.9-other'] and
		j['patches'][1]['fixes'] == [] and
		j['last_transition'] == {'patch': 'kpatch_x', 'action': 'patch', 'result': 0, 'attempts': 1, 'check': 'two-phase'}" ||
		return 1
	f=$KPATCH_SYSFS/patches/kpatch_x/functions/vmlinux/cmdline_proc_show,1
	mkdir -p "$f"
	echo 0xffff >"$f/old_addr"
	echo 0xeeee >"$f/new_addr"
	"$kpatch" info --json "$work/my dir/kpatch-x.ko" >"$work/info.json" 2>&1 ||
		{ echo "    info --json failed"; cat "$work/info.json"; return 1; }
	json_check "$work/info.json" "j['name'] == 'kpatch_x' and j['file'] == '$work/my dir/kpatch-x.ko' and
		j['enabled'] and j['fixes'] == ['CVE-2026-0001', 'CVE-2026-0002'] and
		j['functions'] == [{'object': 'vmlinux', 'function': 'cmdline_proc_show,1', 'old_addr': '0xffff', 'new_addr': '0xeeee'}]" ||
		return 1
	# Nothing loaded, nothing installed: still JSON, with empty lists.
	fresh
	"$kpatch" list --json >"$work/list.json" 2>&1 &&
		json_check "$work/list.json" "j['patches'] == [] and not j['core_loaded'] and j['last_transition'] is None" ||
		return 1
	"$kpatch" info --json kpatch_z >"$work/info.json" 2>&1 &&
		json_check "$work/info.json" "not j['loaded'] and j['file'] is None and j['functions'] == []"
}
check utility-metadata metadata || fail=1

# kpatch package puts the description and the CVEs in the package's
# Description, folded to Debian's width.
package_description() {
	local deb d
	fresh
	module "$work/my dir/kpatch-x.ko" kpatch_x \
		"description=proc: a \"quoted\" fix, with a description long enough to be folded onto a second line" \
		"kpatch_fixes=CVE-2026-0001 CVE-2026-0002"
	run package -m 'kpatch tests <tests@example.org>' -o "$work/debs" -p fix -V 3 "$work/my dir/kpatch-x.ko"
	expect "package" 0 "built $work/debs/kpatch-patch-fix_3_amd64.deb" || return 1
	deb=$work/debs/kpatch-patch-fix_3_amd64.deb
	d=$(dpkg-deb -f "$deb" Description)
	[[ $d == *$' proc: a "quoted" fix, with a description long enough to be folded onto\n a second line\n'* &&
		$d == *$'\n .\n Fixes: CVE-2026-0001 CVE-2026-0002' ]] || {
		echo "    Description:"; printf '%s\n' "$d" | sed 's/^/      /'; return 1; }
}
check utility-package-description package_description || fail=1

exit $fail
