#!/bin/bash
# kpatch-build wall time on the test kernel for a one-function patch
# (examples/cmdline-string.patch), phase by phase.  Prints figures and
# asserts nothing.
#
#   run.sh           warm: the cached original build, best of 3 runs
#   run.sh --cold    also cold (an empty cache) and, beside it, a plain
#                    build of the same kernel config, as the yardstick;
#                    about 20 minutes on 2 cores
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/test/lib.sh"

cold=0
[[ ${1:-} == --cold ]] && cold=1
tree=$(test_kernel_tree)
patch=$root/examples/cmdline-string.patch
make -s -C "$root/kpatch-build"
work=$(mktemp -d /tmp/bench-kpatch-build.XXXXXX)
trap 'rm -rf "$work"' EXIT

# One run; prints its total and, from kpatch-build's own "[ N s] phase"
# lines, how long each phase took.
run() {
	local label=$1 t0 t1
	t0=$(date +%s.%N)
	"$root/kpatch-build/kpatch-build" -s "$tree" -v "$tree/vmlinux" \
		-o "$work" "$patch" >"$work/out" 2>&1
	t1=$(date +%s.%N)
	printf '%-6s total %7.1f s\n' "$label" "$(echo "$t1 - $t0" | bc)"
	sed -n 's/^\[ *\([0-9]*\) s\] \(.*\)$/\1 \2/p' "$work/out" | awk '{
		t = $1; $1 = ""
		if (name != "") printf "         %-45s %5d s\n", name, t - prev
		name = $0; prev = t
	}'
}

echo "kpatch-build, $(basename "$patch"), $(nproc) CPUs, test kernel $tree"
if [[ $cold -eq 1 ]]; then
	CACHEDIR=$work/cache run cold
	rm -rf "$work/cache"

	# The yardstick: the same config, built plainly from a clean copy.
	cp -a "$tree" "$work/plain"
	make -s -C "$work/plain" mrproper
	cp "$tree/.config" "$work/plain/.config"
	make -s -C "$work/plain" olddefconfig >/dev/null
	t0=$(date +%s.%N)
	make -s -C "$work/plain" -j"$(nproc)" >/dev/null 2>&1
	t1=$(date +%s.%N)
	printf 'plain  total %7.1f s  (make -j%d of the same config)\n' \
		"$(echo "$t1 - $t0" | bc)" "$(nproc)"
	rm -rf "$work/plain"
fi
for i in 1 2 3; do
	run "warm$i"
done
