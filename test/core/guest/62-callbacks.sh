#!/bin/sh
# Callbacks of a patch with a vmlinux and a module object (p_coming, on
# kpt_coming) in every load order, with the module loaded before and
# after the patch, unloaded before and after it is disabled, and with a
# module pre-patch callback that fails either way.  60-hooks.sh covers
# a vmlinux object alone.
. /kpatch/lib.sh
V=/sys/module/kpt_coming/parameters/value

# callbacks_are EXPECTED: the callbacks since the mark, joined by '|'.
callbacks_are() {
	expect_eq "callbacks" \
		"$(dmesg | grep -v "kpatch: " | grep -o "p_coming: .*" | sed 's/^p_coming: //' | tr '\n' '|')" "$1"
	dmesg_mark
}

patched="pre_patch vmlinux|pre_patch kpt_coming|post_patch vmlinux|post_patch kpt_coming|"
unpatched="pre_unpatch vmlinux|pre_unpatch kpt_coming|post_unpatch vmlinux|post_unpatch kpt_coming|"
module_patched="pre_patch kpt_coming|post_patch kpt_coming|"
module_unpatched="pre_unpatch kpt_coming|post_unpatch kpt_coming|"

# 1. The module before the patch; the patch goes first.
dmesg_mark
insmod $M/kpt_coming.ko || fail "insmod kpt_coming"
insmod $M/p_coming.ko || fail "insmod p_coming"
callbacks_are "$patched"
expect_eq "kpt_coming value" "$(cat $V)" 2
echo 0 >$PATCHES/p_coming/enabled || fail "disable p_coming"
callbacks_are "$unpatched"
expect_eq "kpt_coming value" "$(cat $V)" 1
rmmod p_coming || fail "rmmod p_coming"
rmmod kpt_coming || fail "rmmod kpt_coming"
callbacks_are ""

# 2. The module after the patch; the patch goes first.
insmod $M/p_coming.ko || fail "insmod p_coming"
callbacks_are "pre_patch vmlinux|post_patch vmlinux|"
insmod $M/kpt_coming.ko || fail "insmod kpt_coming"
callbacks_are "$module_patched"
expect_eq "kpt_coming value" "$(cat $V)" 2
echo 0 >$PATCHES/p_coming/enabled || fail "disable p_coming"
callbacks_are "$unpatched"
rmmod p_coming || fail "rmmod p_coming"
rmmod kpt_coming || fail "rmmod kpt_coming"
callbacks_are ""

# 3. The module before the patch; the module goes first.
insmod $M/kpt_coming.ko || fail "insmod kpt_coming"
insmod $M/p_coming.ko || fail "insmod p_coming"
callbacks_are "$patched"
rmmod kpt_coming || fail "rmmod kpt_coming"
callbacks_are "$module_unpatched"
unload p_coming
callbacks_are "pre_unpatch vmlinux|post_unpatch vmlinux|"

# 4. The module after the patch; the module goes first.
insmod $M/p_coming.ko || fail "insmod p_coming"
insmod $M/kpt_coming.ko || fail "insmod kpt_coming"
callbacks_are "pre_patch vmlinux|post_patch vmlinux|$module_patched"
rmmod kpt_coming || fail "rmmod kpt_coming"
callbacks_are "$module_unpatched"
unload p_coming
callbacks_are "pre_unpatch vmlinux|post_unpatch vmlinux|"

# 5. The module's pre-patch callback fails as it comes: the module is
# refused (busybox's insmod tries twice), the patch stays.
insmod $M/p_coming.ko fail_module=1 || fail "insmod p_coming"
callbacks_are "pre_patch vmlinux|post_patch vmlinux|"
insmod_fails kpt_coming "No such device"
dmesg_has "kpatch: p_coming: kpt_coming: pre-patch callback failed: -19"
dmesg_has "kpatch: p_coming: refusing to load module kpt_coming: -19"
callbacks_are "pre_patch kpt_coming fails|pre_patch kpt_coming fails|"
expect_eq "p_coming enabled" "$(cat $PATCHES/p_coming/enabled)" 1
expect_eq "old_addr" \
	"$(cat $PATCHES/p_coming/functions/kpt_coming/kpt_coming_value,1/old_addr)" 0x0
unload p_coming
callbacks_are "pre_unpatch vmlinux|post_unpatch vmlinux|"

# 6. The module's pre-patch callback fails as the patch loads: the patch
# is refused, and vmlinux's object is undone (twice, for busybox).
insmod $M/kpt_coming.ko || fail "insmod kpt_coming"
dmesg_mark
out=$(insmod $M/p_coming.ko fail_module=1 2>&1) && fail "insmod p_coming succeeded"
case $out in
*"No such device"*) ;;
*) fail "insmod p_coming: '$out'" ;;
esac
once="pre_patch vmlinux|pre_patch kpt_coming fails|post_unpatch vmlinux|"
callbacks_are "$once$once"
expect_eq "kpt_coming value" "$(cat $V)" 1
rmmod kpt_coming || fail "rmmod kpt_coming"
cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean
