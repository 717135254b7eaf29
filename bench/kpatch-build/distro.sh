#!/bin/bash
# kpatch-build wall time against Debian's stock cloud kernel
# (kpatch-build -a RELEASE), from an empty cache and then warm:
#   cold      nothing cached: download the -dbg package, unpack the
#             vmlinux and the source, prepare the tree, build one object
#   warm      the same patch again
#   other     another object of vmlinux (fs/proc/meminfo.o), first use
#   module    a module object (binfmt_misc), first use: unpacks its
#             debug .ko from the package
# The release is the argument, or else the newest installed cloud
# headers' (see distro_releases in test/lib.sh).
# Prints figures and asserts nothing.  Downloads about 300 MB.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../../test/lib.sh
. "$root/test/lib.sh"
integ=$root/test/integration
release=${1:-$(distro_releases | tail -n 1)}
[[ -n $release ]] || { echo "no linux-headers-*-cloud-amd64: scripts/install-deps.sh distro" >&2; exit 1; }
make -s -C "$root/kpatch-build"
work=$(mktemp -d /tmp/bench-distro.XXXXXX)
trap 'rm -rf "$work"' EXIT
export CACHEDIR=$work/cache

run() {
	timed_kpatch_build "$(printf '%-7s %-22s' "$1" "$(basename "$2" .patch)")" \
		"$work/log" -a "$release" -o "$work/out" "$2"
}

echo "kpatch-build -a $release, $(nproc) CPUs, empty cache in $CACHEDIR"
run cold "$integ/cmdline-string.patch"
run warm "$integ/cmdline-string.patch"
run other "$integ/meminfo-string.patch"
# The module patch in the form written for the release's series.
module_patch=$integ/binfmt-misc-status.patch
series=$(cut -d. -f1-2 <<<"$release")
[[ -e $integ/$series/binfmt-misc-status.patch ]] && module_patch=$integ/$series/binfmt-misc-status.patch
run module "$module_patch"
run warm "$module_patch"
