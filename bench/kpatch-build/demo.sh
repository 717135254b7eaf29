#!/bin/bash
# make demo from cold caches, phase by phase: scripts/demo.sh with an
# empty XDG_CACHE_HOME, so that the test kernel and kpatch-build's tree are
# built from nothing.  Prints figures and asserts nothing.  The Debian
# packages are whatever this machine has: on a fresh one their
# installation comes first.
#
#   demo.sh                 everything cold: about 6 minutes on 2 CPUs
#   demo.sh --reuse-kernel  the test kernel already built (linked in from
#                           the usual cache); the rest cold
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

reuse=0
[[ ${1:-} == --reuse-kernel ]] && reuse=1
work=$(mktemp -d /tmp/bench-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cache/kpatch"
if [[ $reuse -eq 1 ]]; then
	tree=$("$root/test/kernel/build-kernel.sh")
	ln -s "$(dirname "$(dirname "$tree")")" "$work/cache/kpatch/test-kernel"
fi

echo "make demo, $(nproc) CPUs, empty caches in $work/cache$([[ $reuse -eq 1 ]] && echo ', test kernel reused')"
t0=$SECONDS
rc=0
XDG_CACHE_HOME=$work/cache KPATCH_TEST_CACHEDIR='' "$root/scripts/demo.sh" >"$work/out" 2>&1 || rc=$?
# demo.sh's steps: "==> [   N s] what".
sed -n 's/^==> \[ *\([0-9]*\) s\] \(.*\)$/\1 \2/p' "$work/out" | awk -v end=$((SECONDS - t0)) '
	{ if (name != "") printf "  %-72s %4d s\n", substr(name, 1, 72), $1 - prev; name = $0; sub(/^[0-9]+ /, "", name); prev = $1 }
	END { printf "  total %71d s  (load average now %s)\n", end, "'"$(cut -d' ' -f1 /proc/loadavg)"'" }'
if [[ $rc -ne 0 ]]; then
	echo "demo failed (exit $rc):"
	tail -n 25 "$work/out" | sed 's/^/    /'
fi
# kpatch-build's own phases, from its lines in the demo's output.
echo "  kpatch-build's phases:"
sed -n 's/^\[ *\([0-9]*\) s\] \(.*\)$/\1 \2/p' "$work/out" | awk '{
	t = $1; $1 = ""
	if (name != "") printf "    %-50s %5d s\n", name, t - prev
	name = $0; prev = t
}'
