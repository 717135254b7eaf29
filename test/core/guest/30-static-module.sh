#!/bin/sh
# A static function chosen by sympos, reaching a static variable through
# a dynrela; then the same patch loaded before its module, which is
# loaded, unloaded and loaded again.
. /kpatch/lib.sh
orig="dup1=1 dup2=2 greet=hello counter=42 notrace=2"
patched="dup1=1 dup2=142 greet=hello counter=42 notrace=2"
target() { expect_eq /proc/kpt_target "$(cat /proc/kpt_target)" "$1"; }

insmod $M/kpt_target.ko || fail "insmod kpt_target"
target "$orig"
dmesg_mark
insmod $M/p_static.ko || fail "insmod p_static"
target "$patched"
dmesg_has "p_static: pre_patch kpt_target, module kpt_target"
f=$PATCHES/p_static/functions/kpt_target/kpt_dup,2
dup2=$(awk '$3 == "kpt_dup" && $4 == "[kpt_target]" { n++; if (n == 2) print "0x" $1 }' /proc/kallsyms | sed 's/0x0*/0x/')
expect_eq "old_addr of kpt_dup,2" "$(cat $f/old_addr)" "$dup2"
unload p_static
target "$orig"
dmesg_has "p_static: post_unpatch kpt_target, module kpt_target"
rmmod kpt_target || fail "rmmod kpt_target"

dmesg_mark
insmod $M/p_static.ko || fail "insmod p_static without kpt_target"
expect_eq "old_addr while not loaded" "$(cat $f/old_addr)" 0x0
dmesg_lacks "p_static: pre_patch"
insmod $M/kpt_target.ko || fail "insmod kpt_target under p_static"
dmesg_has "kpatch: p_static: applied to module kpt_target"
dmesg_has "p_static: pre_patch kpt_target, module kpt_target"
target "$patched"
[ "$(cat $f/old_addr)" != 0x0 ] || fail "old_addr still 0"
rmmod kpt_target || fail "rmmod patched kpt_target"
expect_eq "old_addr after rmmod" "$(cat $f/old_addr)" 0x0
insmod $M/kpt_target.ko || fail "insmod kpt_target again"
target "$patched"
rmmod kpt_target || fail "rmmod kpt_target again"
unload p_static
insmod $M/kpt_target.ko || fail "insmod kpt_target unpatched"
target "$orig"
no_patches
ftrace_clean
