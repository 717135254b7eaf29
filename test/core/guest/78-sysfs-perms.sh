#!/bin/sh
# As a user other than root, nothing under /sys/kernel/kpatch can be
# written, and the addresses of functions (which would defeat KASLR)
# can't be read.
. /kpatch/lib.sh
grep -q '^kpt_nobody:' /etc/passwd 2>/dev/null ||
	echo 'kpt_nobody:x:65534:65534:kpt_nobody:/:/bin/sh' >>/etc/passwd

# as_user CMD: run the shell code CMD as kpt_nobody.
as_user() {
	su -s /bin/sh kpt_nobody -c "$1"
}
expect_eq "uid of the test user" "$(as_user 'id -u')" 65534

insmod $M/p_cmdline1.ko || fail "insmod p_cmdline1"
files=$(find $KP -type f)
[ -n "$files" ] || fail "no files under $KP"
for f in $files; do
	as_user "echo 0 >$f" 2>/dev/null && fail "kpt_nobody could write $f"
	case $f in
	*/old_addr | */new_addr)
		as_user "cat $f" >/dev/null 2>&1 && fail "kpt_nobody could read $f"
		cat "$f" >/dev/null || fail "root can't read $f"
		;;
	esac
done
[ -n "$(find $KP -name old_addr)" ] || fail "no old_addr under $KP"
expect_eq "p_cmdline1 enabled" "$(cat $PATCHES/p_cmdline1/enabled)" 1
cmdline_is kpatch-cmdline-1
unload p_cmdline1
