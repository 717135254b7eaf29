#!/bin/sh
# The boot-time path of kpatch.service, without systemd: this guest has the
# installed kpatch at the unit's ExecStart path, kpatch.ko where make
# install puts it, a patch installed under /var/lib/kpatch/<release>/, and
# the installed unit at /kpatch/kpatch.service.  It evaluates the unit's
# own ConditionKernelCommandLine= lines against /proc/cmdline as systemd
# does, and runs the unit's own ExecStart= line, so that the test follows
# the unit as it is.  /kpatch/expect says what must happen: "load" or
# "skip".
unit=/kpatch/kpatch.service
rel=$(uname -r)
expect=$(cat /kpatch/expect)

fail() {
	echo "FAIL: $*"
	exit 1
}

[ -f "/var/lib/kpatch/$rel/cmdline-string.ko" ] || fail "no patch installed for $rel"
orig=$(cat /proc/cmdline)

# ConditionKernelCommandLine=[!]WORD: WORD with '=' must appear as it is;
# WORD without '=' matches WORD or WORD=anything.  '!' negates.  All must
# hold (triggering conditions, '|', aren't used by the unit).
skip=
conds=$(sed -n 's/^ConditionKernelCommandLine=//p' "$unit")
[ -n "$conds" ] || fail "the unit has no ConditionKernelCommandLine="
for c in $conds; do
	neg=0
	case $c in
	'|'*) fail "triggering condition '$c' not handled by this test" ;;
	'!'*) neg=1; c=${c#!} ;;
	esac
	found=0
	for w in $orig; do
		case $c in
		*=*) [ "$w" = "$c" ] && found=1 ;;
		*) case $w in "$c"|"$c"=*) found=1 ;; esac ;;
		esac
	done
	[ $found -ne $neg ] || skip="ConditionKernelCommandLine=$( [ $neg -eq 1 ] && echo '!')$c"
done

exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
[ "$(echo "$exec_start" | wc -l)" -eq 1 ] && [ -n "$exec_start" ] ||
	fail "the unit must have exactly one ExecStart= line, not '$exec_start'"
# Strip systemd's command prefixes (-, @, :, +, !).
cmd=$(echo "$exec_start" | sed 's/^[-@:+!]*//')

if [ -n "$skip" ]; then
	echo "boot-path: kpatch.service skipped: $skip is not met (kernel command line: $orig)"
	[ "$expect" = skip ] || fail "the unit would be skipped, but it should load the patch"
	[ ! -d /sys/kernel/kpatch ] || fail "the core module is loaded"
	[ "$(cat /proc/cmdline)" = "$orig" ] || fail "/proc/cmdline changed"
	echo "boot-path: nothing loaded, as expected"
	exit 0
fi

[ "$expect" = load ] || fail "the unit's condition held, but it should have been skipped"
echo "boot-path: running the unit's ExecStart: $cmd"
# Word splitting is the parsing systemd does for this simple line.
# shellcheck disable=SC2086
out=$($cmd 2>&1)
rc=$?
# What the unit would leave in the journal (SyslogIdentifier=kpatch).
echo "$out" | sed 's/^/journal: kpatch: /'
[ $rc -eq 0 ] || fail "ExecStart exited $rc"
echo "$out" | grep -q "^loaded patch module cmdline_string " || fail "the journal lines don't name the loaded patch"
[ "$(cat /proc/cmdline)" = "$orig kpatch=1" ] || fail "/proc/cmdline is not patched: $(cat /proc/cmdline)"
kpatch list | grep -qx 'cmdline_string \[enabled\]' || fail "kpatch list: $(kpatch list)"
echo "boot-path: patched /proc/cmdline: $(cat /proc/cmdline)"
kpatch unload --all || fail "unload --all"
[ "$(cat /proc/cmdline)" = "$orig" ] || fail "not restored after unload"

# What load --all tells the journal in the other cases: nothing installed;
# and a bad file among the installed ones, which must not keep the next
# one (in name order) from loading, and makes the unit fail.
out=$(KPATCH_VARDIR=/tmp/none kpatch load --all 2>&1) || fail "load --all with nothing installed: $out"
echo "$out" | sed 's/^/journal (nothing installed): kpatch: /'
echo "$out" | grep -q "^no patches installed for kernel $rel" || fail "no 'no patches installed' line"
mkdir -p "/tmp/v/$rel"
cp "$(find "/lib/modules/$rel" -name binfmt_misc.ko)" "/var/lib/kpatch/$rel/cmdline-string.ko" "/tmp/v/$rel/"
out=$(KPATCH_VARDIR=/tmp/v kpatch load --all 2>&1) && fail "load --all succeeded with a bad file"
echo "$out" | sed 's/^/journal (a bad file): kpatch: /'
echo "$out" | grep -q "binfmt_misc.ko is not a kpatch patch module" || fail "the bad file is not named"
echo "$out" | grep -q "^loaded patch module cmdline_string " || fail "the good patch was not loaded after the bad file"
echo "$out" | grep -q "1 of the 2 installed patch(es) for kernel $rel failed to load" || fail "no summary of the failure"
kpatch unload --all || fail "unload --all"
