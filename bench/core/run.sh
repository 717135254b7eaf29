#!/bin/bash
# Benchmark of the core's stop_machine() window (not a test: it prints
# figures and asserts nothing).  Builds kpatch.ko and the benchmark
# modules against the test kernel and runs guest-bench.sh in the VM.
# Environment: RUNS (tries per figure, default 11), FUNCS (functions
# patched: 1, 10 or 100, default 10), SLEEPERS (the numbers of extra
# sleeping processes to measure with, default 0,200,1000).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../test/lib.sh"

work=$(mktemp -d /tmp/core-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
tree=$(test_kernel_tree)

build_module "$PROJECT_ROOT/kmod/core" "$work/core"
build_module "$here/modules/target" "$work/target"

mkdir -p "$work/patches"
cp -a "$here/modules/patches/." "$work/patches/"
cp "$PROJECT_ROOT/kmod/core/kpatch.h" "$here/modules/target/kpb.h" \
	"$work/patches/"
readelf -sW "$work/target/kpb_target.ko" | awk '
	$8 ~ /^kpb_fn_[0-9][0-9]$/ { printf "#define SIZE_%s %s\n", $8, $3 }' \
	>"$work/patches/sizes.h"
[[ $(wc -l <"$work/patches/sizes.h") -eq 100 ]] || {
	echo "bench: expected 100 kpb_fn_* symbols in kpb_target.ko" >&2
	exit 1
}
make -s -C "$tree" M="$work/patches" W=1 KCFLAGS=-Werror \
	KBUILD_EXTRA_SYMBOLS="$work/core/Module.symvers" modules

files=(-f "$work/core/kpatch.ko")
for ko in "$work"/target/*.ko "$work"/patches/*.ko; do
	files+=(-f "$ko")
done
log=$work/console.log
"$RUN_VM" -t 1800 -a "RUNS=${RUNS:-11} FUNCS=${FUNCS:-10} SLEEPERS=${SLEEPERS:-0,200,1000}" \
	-l "$log" \
	"${files[@]}" "$here/guest-bench.sh" >/dev/null 2>&1 || {
	echo "bench: the guest run failed; console:" >&2
	cat "$log" >&2
	exit 1
}
grep -o 'BENCH: .*' "$log" | sed 's/^BENCH: //'
