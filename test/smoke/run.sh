#!/bin/bash
# Smoke tests of the test kernel and the VM runner itself.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"

here=$TEST_ROOT/smoke
work=$(mktemp -d /tmp/smoke.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail=0

test_kernel_tree >/dev/null || exit 1
check build-hello-module build_module "$here/hello" "$work/hello" || fail=1
check build-warn-module build_module "$here/warn" "$work/warn" || fail=1
[[ $fail -eq 0 ]] || exit 1

# One guest for everything that should pass.
"$RUN_VM" --report -f "$work/hello/hello.ko" \
	"$here/guest/boot.sh" "$here/guest/hello-module.sh" \
	"$here/guest/intree-module.sh" || fail=1

# A second guest where two of three scripts must fail, each for its own
# reason: the runner has to tell them apart and return the first failure.
out=$("$RUN_VM" --report -f "$work/warn/warn.ko" \
	"$here/guest/exits-3.sh" "$here/guest/warns.sh" \
	"$here/guest/passes.sh" 2>"$work/neg.err")
rc=$?
expect=$'FAIL: exits-3.sh (exited 3)\nFAIL: warns.sh (exited 0 but the kernel printed an oops, BUG or WARN)\nPASS: passes.sh'
runner_ok() {
	[[ $rc -eq 3 && $out == "$expect" ]] && grep -q 'deliberate warning' "$work/neg.err"
}
if ! check runner-reports-failures runner_ok; then
	echo "runner exit status $rc, output:"
	echo "$out"
	fail=1
fi

# A guest that never finishes is ended by the timeout, and says so.
"$RUN_VM" -t 20 "$here/guest/hangs.sh" 2>"$work/hang.err"
rc=$?
if ! check runner-times-out eval '[[ $rc -eq 124 ]] && grep -q "TIMEOUT after 20 s" "$work/hang.err"'; then
	echo "runner exit status $rc"
	fail=1
fi
exit $fail
