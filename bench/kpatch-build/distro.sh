#!/bin/bash
# kpatch-build wall time against Debian's stock cloud kernel
# (kpatch-build -a RELEASE), from an empty cache and then warm:
#   cold      nothing cached: download the -dbg package, unpack the
#             vmlinux and the source, prepare the tree, build one object
#   warm      the same patch again
#   other     another object of vmlinux (fs/proc/meminfo.o), first use
#   module    a module object (binfmt_misc), first use: unpacks its
#             debug .ko from the package
# Prints figures and asserts nothing.  Downloads about 283 MB.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
integ=$root/test/integration
release=${KPATCH_DISTRO_RELEASE:-$(find /usr/src -maxdepth 1 -name 'linux-headers-*-cloud-amd64' -printf '%f\n' | sed 's/^linux-headers-//' | sort -V | tail -n 1)}
[[ -n $release ]] || { echo "no linux-headers-*-cloud-amd64: scripts/install-deps.sh distro" >&2; exit 1; }
make -s -C "$root/kpatch-build"
work=$(mktemp -d /tmp/bench-distro.XXXXXX)
trap 'rm -rf "$work"' EXIT
export CACHEDIR=$work/cache

run() {
	local label=$1 patch=$2 t0 t1
	t0=$(date +%s.%N)
	"$root/kpatch-build/kpatch-build" -a "$release" -o "$work/out" "$patch" >"$work/log" 2>&1
	t1=$(date +%s.%N)
	printf '%-7s %-22s total %7.1f s\n' "$label" "$(basename "$patch" .patch)" "$(echo "$t1 - $t0" | bc)"
	sed -n 's/^\[ *\([0-9]*\) s\] \(.*\)$/\1 \2/p' "$work/log" | awk '{
		t = $1; $1 = ""
		if (name != "") printf "          %-50s %5d s\n", name, t - prev
		name = $0; prev = t
	}'
}

echo "kpatch-build -a $release, $(nproc) CPUs, empty cache in $CACHEDIR"
run cold "$integ/cmdline-string.patch"
run warm "$integ/cmdline-string.patch"
run other "$integ/meminfo-string.patch"
run module "$integ/binfmt-misc-status.patch"
run warm "$integ/binfmt-misc-status.patch"
