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
# shellcheck source=../../test/lib.sh
. "$root/test/lib.sh"

cold=0
[[ ${1:-} == --cold ]] && cold=1
tree=$(test_kernel_tree)
patch=$root/examples/cmdline-string.patch
make -s -C "$root/kpatch-build"
work=$(mktemp -d /tmp/bench-kpatch-build.XXXXXX)
trap 'rm -rf "$work"' EXIT

# One run; prints its total and the time of each phase.
run() {
	timed_kpatch_build "$(printf '%-6s' "$1")" "$work/out" \
		-s "$tree" -v "$tree/vmlinux" -o "$work" "$patch"
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
	t0=$(now)
	make -s -C "$work/plain" -j"$(nproc)" >/dev/null 2>&1
	printf 'plain  total %7s s  (make -j%d of the same config)\n' \
		"$(seconds_since "$t0")" "$(nproc)"
	rm -rf "$work/plain"
fi
for i in 1 2 3; do
	run "warm$i"
done
