#!/bin/sh
# A replace-mode patch supersedes every other patch in one switch.
. /kpatch/lib.sh
orig="dup1=1 dup2=2 greet=hello counter=42 notrace=2"
insmod $M/p_cmdline1.ko || fail "insmod p_cmdline1"
insmod $M/p_static.ko || fail "insmod p_static"
expect_eq /proc/kpt_target "$(cat /proc/kpt_target)" \
	"dup1=1 dup2=142 greet=hello counter=42 notrace=2"
insmod $M/p_replace.ko || fail "insmod p_replace"
cmdline_is kpatch-cmdline-replace
expect_eq /proc/kpt_target "$(cat /proc/kpt_target)" "$orig"
expect_eq transition/action "$(cat $KP/transition/action)" replace
expect_eq "p_cmdline1 enabled" "$(cat $PATCHES/p_cmdline1/enabled)" 0
expect_eq "p_static enabled" "$(cat $PATCHES/p_static/enabled)" 0
rmmod p_cmdline1 || fail "rmmod superseded p_cmdline1"
rmmod p_static || fail "rmmod superseded p_static"
cmdline_is kpatch-cmdline-replace
unload p_replace
cmdline_is "$ORIG_CMDLINE"
no_patches
ftrace_clean
