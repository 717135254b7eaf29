#!/bin/bash
# Tests of the core module (kmod/core) in the VM, with hand-written patch
# modules.  Builds kpatch.ko, the target modules and the patch modules
# against the test kernel, then runs every guest script in one guest, and
# again in a second guest booted with preempt=full: the test kernel is
# PREEMPT_DYNAMIC, voluntary by default, as Debian's is.
#
# Usage: run.sh [SCRIPT...]  With names of guest scripts (75-jump.sh),
# runs only those, after 00-load-core.sh, which loads kpatch.ko.
# shellcheck disable=SC2317  # functions run through check
set -uo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

here=$TEST_ROOT/core
work=$(mktemp -d /tmp/core-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail=0

tree=$(test_kernel_tree) || exit 1

# sizes.h: the old_size of every function the patch modules replace,
# taken from the symbol tables, as kpatch-build does.
build_patches() {
	sizes_h "$work/sizes.h" \
		"$tree/vmlinux" '^cmdline_proc_show$' \
		"$work/targets/kpt_target.ko" '^(kpt_dup|kpt_notrace)$' \
		"$work/targets/kpt_busy.ko" '^kpt_busy_wait$' \
		"$work/gap/kpt_gap.ko" '^kpt_gap_wait$' \
		"$work/targets/kpt_cold.ko" '^kpt_cold_fn$' \
		"$work/window/kpt_window.ko" '^kpt_window_fn2?$' || return 1
	# p_digest's digest of cmdline_proc_show, as create-diff-object would
	# (the relocations from its object: 6.12's vmlinux has none).
	"$here/digest-h.py" "$tree/vmlinux" cmdline_proc_show "$work/digest.h" \
		"$tree/fs/proc/cmdline.o" || return 1
	build_module -f "$PROJECT_ROOT/kmod/core/kpatch.h" \
		-f "$PROJECT_ROOT/kmod/core/kpatch-digest.h" -f "$work/digest.h" \
		-f "$here/modules/targets/kpt_busy.h" -f "$here/modules/gap/kpt_gap.h" \
		-f "$here/modules/targets/kpt_cold.h" \
		-f "$here/modules/window/kpt_window.h" \
		-f "$work/sizes.h" -e "$work/core/Module.symvers" \
		-e "$work/targets/Module.symvers" -e "$work/gap/Module.symvers" \
		-e "$work/window/Module.symvers" \
		"$here/modules/patches" "$work/patches"
}

# has_cold KO FUNC: gcc split FUNC of KO into FUNC and FUNC.cold, as
# 87-cold.sh needs.
has_cold() {
	readelf -sW "$1" | awk -v f="$2.cold" '$4 == "FUNC" && $8 == f { ok = 1 } END { exit !ok }' || {
		echo "no $2.cold in $1: gcc did not split $2" >&2
		return 1
	}
}

# The patches of more-patches, against vmlinux and more-targets.
build_more_patches() {
	sizes_h "$work/more-sizes/sizes.h" \
		"$tree/vmlinux" '^(cmdline_proc_show|__x64_sys_getpid)$' \
		"$work/more-targets/kpt_coming.ko" '^kpt_coming_value$' || return 1
	build_module -f "$PROJECT_ROOT/kmod/core/kpatch.h" \
		-f "$here/modules/patches/common.h" -f "$work/more-sizes/sizes.h" \
		-e "$work/core/Module.symvers" \
		"$here/modules/more-patches" "$work/more-patches"
}

# Patch modules linked with the patch-module template, as kpatch-build
# links them: each module gets its own copy of the template.
build_early() {
	local src=$work/early-src m
	mkdir -p "$src"
	cp -a "$here/modules/early/." "$src/"
	for m in $(sed -n 's/^obj-m := //p' "$src/Kbuild"); do
		cp "$PROJECT_ROOT/kmod/patch/kpatch-patch-init.c" "$src/${m%.o}-tmpl.c"
	done
	build_module -f "$PROJECT_ROOT/kmod/patch/kpatch.lds" \
		-f "$PROJECT_ROOT/kmod/core/kpatch.h" -f "$work/sizes.h" \
		$(printf -- '-f %s ' "$PROJECT_ROOT"/kmod/patch/kpatch-*.h) \
		-e "$work/core/Module.symvers" "$src" "$work/early"
}

# With the hook between the two phases of the activeness check that
# 85-gap.sh needs (make takes KPATCH_TEST_HOOKS from the environment).
KPATCH_TEST_HOOKS=y check build-core \
	build_module "$PROJECT_ROOT/kmod/core" "$work/core" || exit 1
check build-targets build_module "$here/modules/targets" "$work/targets" ||
	exit 1
# kpt_gap calls the core's test hook, declared in kpatch-test.h.
check build-gap build_module -f "$PROJECT_ROOT/kmod/core/kpatch-test.h" \
	-e "$work/core/Module.symvers" "$here/modules/gap" "$work/gap" || exit 1
check build-window build_module -f "$PROJECT_ROOT/kmod/core/kpatch-test.h" \
	-e "$work/core/Module.symvers" "$here/modules/window" "$work/window" ||
	exit 1
check build-patches build_patches || exit 1
mkdir -p "$work/more-sizes" "$work/user"
check build-more-targets build_module "$here/modules/more-targets" \
	"$work/more-targets" || exit 1
check build-more-patches build_more_patches || exit 1
check build-user gcc -static -O2 -Wall -Wextra -Werror -std=c11 \
	-D_DEFAULT_SOURCE -o "$work/user/kpt-getpid" \
	"$here/modules/user/kpt-getpid.c" || exit 1
check build-early build_early || exit 1
check cold-split has_cold "$work/targets/kpt_cold.ko" kpt_cold_fn || exit 1
check cold-split-patch has_cold "$work/patches/p_cold.ko" new_kpt_cold_fn ||
	exit 1

files=(-f "$work/core/kpatch.ko" -f "$here/guest/lib.sh"
	-f "$work/user/kpt-getpid")
guest_modules files "$work/targets" "$work/gap" "$work/window" \
	"$work/patches" "$work/early" "$work/more-targets" "$work/more-patches"

scripts=()
for s in "$here"/guest/[0-9]*.sh; do
	name=${s##*/}
	if [[ $# -eq 0 || $name == 00-load-core.sh || " $* " == *" $name "* ]]; then
		scripts+=("$s")
	fi
done
# The second boot's PASS and FAIL lines name it.
for append in "" "preempt=full"; do
	echo "core: booting with '${append:-the default command line}'"
	tag=${append:+ [$append]}
	"$RUN_VM" --report -t 600 ${append:+-a "$append"} "${files[@]}" \
		"${scripts[@]}" | sed -E "s/^((PASS|FAIL): .*)\$/\1$tag/" ||
		fail=1
done
exit $fail
