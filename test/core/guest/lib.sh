# Helpers for the core's guest scripts (POSIX sh).  Each script sources
# this, and fails with a message saying what it expected.
KP=/sys/kernel/kpatch
PATCHES=$KP/patches
M=/kpatch
TRACEFS=/sys/kernel/tracing
[ -e $TRACEFS/enabled_functions ] || TRACEFS=/sys/kernel/debug/tracing

fail() {
	echo "FAILED: $*"
	exit 1
}

# expect_eq WHAT ACTUAL EXPECTED
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', expected '$3'"
}

# Forget the kernel log so far, so that dmesg_has sees only what follows.
dmesg_mark() {
	dmesg -c >/dev/null
}

# dmesg_has TEXT: the log since the mark has TEXT (a fixed string).
dmesg_has() {
	dmesg | grep -qF -- "$1" || {
		dmesg | tail -n 20
		fail "no '$1' in the kernel log"
	}
}

dmesg_lacks() {
	if dmesg | grep -qF -- "$1"; then
		fail "unexpected '$1' in the kernel log"
	fi
}

# insmod_fails MODULE ERRNO_TEXT: loading fails with that error text.
insmod_fails() {
	out=$(insmod "$M/$1.ko" 2>&1) && fail "insmod $1 succeeded"
	case $out in
	*"$2"*) ;;
	*) fail "insmod $1: '$out', expected '$2'" ;;
	esac
	! grep -q "^$1 " /proc/modules || fail "$1 stayed loaded"
}

# wait_for DESCRIPTION CONDITION: poll the shell code CONDITION (quoted,
# so that it is evaluated each time) for up to 30 s.
wait_for() {
	i=0
	until eval "$2"; do
		i=$((i + 1))
		[ $i -lt 300 ] || fail "timed out waiting for $1"
		sleep 0.1
	done
}

# unload PATCH: disable it through sysfs, then remove its module.
unload() {
	echo 0 >"$PATCHES/$1/enabled" || fail "can't disable $1"
	rmmod "$1" || fail "can't rmmod $1"
	[ ! -e "$PATCHES/$1" ] || fail "$PATCHES/$1 is still there"
}

no_patches() {
	expect_eq "registered patches" "$(ls $PATCHES)" ""
}

# No ftrace user is left on any function.
ftrace_clean() {
	expect_eq "ftrace users" "$(cat $TRACEFS/enabled_functions)" ""
}

ORIG_CMDLINE=$(cat /proc/cmdline)

cmdline_is() {
	expect_eq "/proc/cmdline" "$(cat /proc/cmdline)" "$1"
}

# The address of a symbol in /proc/kallsyms, as 0x... like sysfs.
kallsyms_addr() {
	awk -v s="$1" '$3 == s { print "0x" $1; exit }' /proc/kallsyms |
		sed 's/0x0*/0x/'
}
