#!/bin/bash
# kpatch-build wall time on the test kernel, phase by phase.  Prints
# figures and asserts nothing.
#
#   run.sh           warm: a one-function patch (examples/cmdline-string.patch)
#                    against the cached tree, best of 3 runs; then a
#                    header change (test/integration/header-inline.patch:
#                    fs/proc/fd.h, two objects), its objects first built
#                    in a fresh cache, then warm
#   run.sh --cold    also, first: cold (an empty cache) and, in the same
#                    run, a plain build of the same kernel config as the
#                    yardstick, with the ratio; about 6 minutes on 2 CPUs
#
# The machine's load average is printed with each figure: on a shared
# machine it says how far to trust it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../../test/lib.sh
. "$root/test/lib.sh"

cold=0
[[ ${1:-} == --cold ]] && cold=1
tree=$(test_kernel_tree)
patch=$root/examples/cmdline-string.patch
header=$root/test/integration/header-inline.patch
make -s -C "$root/kpatch-build"
work=$(mktemp -d /tmp/bench-kpatch-build.XXXXXX)
trap 'rm -rf "$work"' EXIT

load() { cut -d' ' -f1 /proc/loadavg; }

# run LABEL PATCH: one run; prints its total and the time of each phase.
run() {
	timed_kpatch_build "$(printf '%-7s' "$1")" "$work/out" \
		-s "$tree" -v "$tree/vmlinux" -o "$work" -n bench "$2"
	echo "        (load average $(load))"
}


echo "kpatch-build, $(nproc) CPUs, test kernel $tree"
if [[ $cold -eq 1 ]]; then
	t0=$(now)
	CACHEDIR=$work/cache run cold "$patch"
	tcold=$(seconds_since "$t0")
	rm -rf "$work/cache"

	# The yardstick: the same config, built plainly from a clean copy
	# (the objects left out, as kpatch-build leaves them out).
	mkdir "$work/plain"
	tar -C "$tree" -c --exclude='*.o' --exclude='*.ko' --exclude='*.a' --exclude='.*.cmd' . |
		tar -C "$work/plain" -x
	make -s -C "$work/plain" mrproper
	cp "$tree/.config" "$work/plain/.config"
	make -s -C "$work/plain" olddefconfig >/dev/null
	t0=$(now)
	make -s -C "$work/plain" -j"$(nproc)" >/dev/null 2>&1
	tplain=$(seconds_since "$t0")
	printf 'plain   total %7s s  (make -j%d of the same config; load average %s)\n' \
		"$tplain" "$(nproc)" "$(load)"
	rm -rf "$work/plain"
	printf 'ratio   cold kpatch-build / plain build: %s\n' "$(echo "scale=2; $tcold / $tplain" | bc)"
fi
for i in 1 2 3; do
	run "warm$i" "$patch"
done

# The header change: its two original objects compiled in a fresh tree
# of its own cache (the tree prepared first, and not counted), then warm.
CACHEDIR=$work/hcache "$root/kpatch-build/kpatch-build" -s "$tree" -v "$tree/vmlinux" \
	-o "$work" -n bench "$patch" >/dev/null 2>&1
CACHEDIR=$work/hcache run header "$header"
CACHEDIR=$work/hcache run header "$header"
