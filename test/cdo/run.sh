#!/bin/bash
# The create-diff-object suite: builds create-diff-object (plain and with
# ASan+UBSan), runs every case against both, then the kernel-object
# cases and a bounded fuzz run.  Prints one PASS/FAIL/SKIP line per case
# and exits non-zero when any case failed.
#
# Environment: FUZZ_SECONDS (default 60; 0 skips fuzzing),
#   CDO_CASES (a glob of case names to run, default all),
#   CDO_KEEP=1 keeps the work directory.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib.sh"

WORK=$(mktemp -d /tmp/cdo-test.XXXXXX)
[[ ${CDO_KEEP:-} == 1 ]] || trap 'rm -rf "$WORK"' EXIT
export WORK

CDO=$root/kpatch-build/create-diff-object
CDO_ASAN=$root/kpatch-build/create-diff-object-asan
CDO_DUMP=$WORK/cdo-dump
failed=0

if ! make -s -C "$root/kpatch-build" all asan >"$WORK/build.log" 2>&1 ||
	! gcc -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -O1 \
		-I"$root/kmod/patch" -I"$root/kpatch-build" -o "$CDO_DUMP" "$here/cdo-dump.c" -lelf \
		>>"$WORK/build.log" 2>&1; then
	echo "FAIL: build"
	sed 's/^/    /' "$WORK/build.log" | tail -20
	exit 1
fi
echo "PASS: build"

pattern=${CDO_CASES:-*}
for src in "$here"/cases/$pattern.c; do
	[[ -e $src ]] || continue
	run_c_case "$src" || failed=1
done

# shellcheck source=bad-input.sh
. "$here/bad-input.sh"
run_bad_input_cases || failed=1

# shellcheck source=kernel.sh
. "$here/kernel.sh"
run_kernel_cases || failed=1

# shellcheck source=kernel-612.sh
. "$here/kernel-612.sh"
run_kernel612_cases || failed=1

# shellcheck source=insn-check.sh
. "$here/insn-check.sh"
run_insn_check || failed=1

# shellcheck source=self-check.sh
. "$here/self-check.sh"
run_self_check || failed=1

# shellcheck source=fuzz/fuzz.sh
. "$here/fuzz/fuzz.sh"
run_fuzz "${FUZZ_SECONDS:-60}" || failed=1

exit $failed
