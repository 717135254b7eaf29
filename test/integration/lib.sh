# Guest-side helpers for the -LOADED.test scripts (POSIX sh).

fail() {
	echo "FAIL: $*"
	exit 1
}

# load NAME: kpatch load /kpatch/NAME.ko, as a sysadmin would.
load() {
	kpatch load "/kpatch/$1.ko" || fail "kpatch load $1.ko"
}

unload() {
	kpatch unload "$1" || fail "kpatch unload $1"
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}
