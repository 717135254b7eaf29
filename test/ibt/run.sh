#!/bin/bash
# The static IBT check: no sealed function of the 6.12 test kernel is
# reached from kpatch.ko through a pointer (see ibt-check.py).  No guest:
# it reads the 6.12 test vmlinux and kpatch.ko built against it.  It also
# builds the core with KPATCH_TEST_IBT_POINTER=y, which calls the sealed
# ftrace_location() through a pointer, and checks that this variant is
# rejected, so that the check is known to be able to fail.  Debian's
# 6.12 debug vmlinux, when installed, is reported on too.
# shellcheck disable=SC2317  # functions run through check
set -uo pipefail
export KPATCH_TEST_KERNEL=6.12
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

here=$TEST_ROOT/ibt
work=$(mktemp -d /tmp/ibt-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail=0

tree=$(test_kernel_tree) || exit 1
debian=()
for v in /usr/lib/debug/boot/vmlinux-6.12*-cloud-amd64; do
	[[ -e $v ]] && debian+=("$v")
done

check ibt/build-core build_module "$PROJECT_ROOT/kmod/core" "$work/core" || exit 1
KPATCH_TEST_IBT_POINTER=y check ibt/build-core-pointer \
	build_module "$PROJECT_ROOT/kmod/core" "$work/pointer" || exit 1

"$here/ibt-check.py" "$tree/vmlinux" "$work/core/kpatch.ko" "${debian[@]}" ||
	fail=1

# The variant must fail, and for the right reason: its FAIL lines are
# the check's output, not this suite's, so they are indented.
"$here/ibt-check.py" "$tree/vmlinux" "$work/pointer/kpatch.ko" >"$work/pointer.out"
rc=$?
sed 's/^/  variant: /' "$work/pointer.out"
if [[ $rc -eq 1 ]] &&
	grep -q '^FAIL: ibt/pointer/ftrace_location (.* is sealed in' "$work/pointer.out"; then
	echo "PASS: ibt/pointer-variant-rejected"
else
	echo "FAIL: ibt/pointer-variant-rejected (ibt-check.py exited $rc on a core that calls the sealed ftrace_location through a pointer)"
	fail=1
fi
exit $fail
