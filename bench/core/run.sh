#!/bin/bash
# Benchmark of the core's stop_machine() window (not a test: it prints
# figures and asserts nothing).  Builds kpatch.ko and the benchmark
# modules against the test kernel and runs guest-bench.sh in the VM.
# Environment: RUNS (tries per figure, default 11), FUNCS (functions
# patched: 1, 10 or 100, default 10), SLEEPERS (the numbers of extra
# sleeping processes to measure with, default 0,200,1000), KERNELS (the
# test kernels to measure on, one table each, e.g. "6.1 6.12"; default:
# $KPATCH_TEST_KERNEL, or else 6.1).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [[ -n ${KERNELS:-} ]]; then
	for k in $KERNELS; do
		echo "kernel $k:"
		KERNELS='' KPATCH_TEST_KERNEL=$k "$0" | sed 's/^/  /'
	done
	exit 0
fi
# shellcheck source=../../test/lib.sh
. "$here/../../test/lib.sh"

work=$(mktemp -d /tmp/core-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
test_kernel_tree >/dev/null

build_module "$PROJECT_ROOT/kmod/core" "$work/core"
build_module "$here/modules/target" "$work/target"
sizes_h "$work/sizes.h" "$work/target/kpb_target.ko" '^kpb_fn_[0-9][0-9]$'
[[ $(grep -c '^#define SIZE_kpb_fn_' "$work/sizes.h") -eq 100 ]] || {
	echo "bench: expected 100 kpb_fn_* symbols in kpb_target.ko" >&2
	exit 1
}
build_module -f "$PROJECT_ROOT/kmod/core/kpatch.h" -f "$here/modules/target/kpb.h" \
	-f "$work/sizes.h" -e "$work/core/Module.symvers" \
	"$here/modules/patches" "$work/patches"

files=(-f "$work/core/kpatch.ko")
guest_modules files "$work/target" "$work/patches"
log=$work/console.log
"$RUN_VM" -t 1800 -a "RUNS=${RUNS:-11} FUNCS=${FUNCS:-10} SLEEPERS=${SLEEPERS:-0,200,1000}" \
	-l "$log" \
	"${files[@]}" "$here/guest-bench.sh" >/dev/null 2>&1 || {
	echo "bench: the guest run failed; console:" >&2
	cat "$log" >&2
	exit 1
}
grep -o 'BENCH: .*' "$log" | sed 's/^BENCH: //'
