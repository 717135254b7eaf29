#!/bin/bash
# Build, or reuse from the cache, a variant of the test kernel: the same
# tree and configuration with PATCH applied, rebuilt incrementally, so
# that its release string and every function but the patched ones are
# the test kernel's.  Prints the variant's bzImage on stdout.
#
# A patch built against the test kernel must be refused by this kernel
# when it replaces one of the changed functions: its digests were taken
# from other code.
#
# Usage: build-variant.sh TREE PATCH FUNC
#   TREE   the test kernel's built tree
#   PATCH  the change to the kernel's source
#   FUNC   the vmlinux function that PATCH changes: checked to have
#          other instructions in the variant, and no smaller a size
set -euo pipefail

[[ $# -eq 3 ]] || { sed -n '12,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
tree=$(cd "$1" && pwd) patch=$(realpath "$2") func=$3
log() { echo "build-variant: $*" >&2; }

# Bump when what this script produces changes.
recipe=2
key=$({ echo "$tree recipe $recipe $func"; cat "$tree/.config" "$patch"; } |
	sha256sum | cut -c1-16)
root=${XDG_CACHE_HOME:-$HOME/.cache}/kpatch/test-kernel-variant
dir=$root/$key
bzimage=$dir/bzImage
if [[ -e $dir/complete ]]; then
	echo "$bzimage"
	exit 0
fi

mkdir -p "$root"
exec 9>"$root/.lock"
flock 9
if [[ -e $dir/complete ]]; then
	echo "$bzimage"
	exit 0
fi
rm -rf "$dir"
mkdir -p "$dir/upper" "$dir/work"
start=$SECONDS
buildlog=$dir/build.log
fail() {
	log "FAILED: $1; see $buildlog"
	tail -n 20 "$buildlog" >&2
	exit 1
}

# The build runs in a private mount namespace, on an overlay mounted over
# the test kernel's own path: kbuild and objtool record absolute paths, so
# a copy elsewhere would rebuild everything, while the overlay keeps the
# paths and the timestamps, rebuilds only what the patch touches, and
# leaves the cached test kernel untouched (every write lands in upper/).
log "rebuilding the test kernel with $(basename "$patch") applied"
# shellcheck disable=SC2016  # expanded by the inner shell
unshare -m bash -euo pipefail -c '
	tree=$1 dir=$2 patch=$3 func=$4
	mount -t overlay overlay \
		-o "lowerdir=$tree,upperdir=$dir/upper,workdir=$dir/work" "$tree"
	cd "$tree"
	patch -p1 --no-backup-if-mismatch <"$patch"
	make -j"$(nproc)" bzImage
	cp vmlinux "$dir/vmlinux"
	cp arch/x86/boot/bzImage "$dir/bzImage"
	cp include/config/kernel.release "$dir/kernel.release"
' variant "$tree" "$dir" "$patch" "$func" >>"$buildlog" 2>&1 ||
	fail "the variant's build"
rm -rf "$dir/upper" "$dir/work"

# The variant is useful only if it differs where it should, and the core
# gets as far as its code check: same release, and a size that the
# core's size check accepts.
release=$(cat "$dir/kernel.release")
[[ $release == "$(cat "$tree/include/config/kernel.release")" ]] ||
	fail "the variant's release is $release, not the test kernel's"
sym() {
	readelf -sW "$1" | awk -v f="$func" '$4 == "FUNC" && $8 == f { print $2, $3; exit }'
}
read -r addr_a size_a <<<"$(sym "$tree/vmlinux")"
read -r addr_b size_b <<<"$(sym "$dir/vmlinux")"
[[ -n $size_a && -n $size_b && $size_b -ge $size_a ]] ||
	fail "$func has size '$size_b' in the variant, '$size_a' in the test kernel: the core would refuse on its size before its code"
insns() {
	objdump -d --no-show-raw-insn --start-address=0x"$2" \
		--stop-address=$((0x$2 + $3)) "$1" | grep -E '^ *[0-9a-f]+:' |
		sed 's/^ *[0-9a-f]*://; s/[0-9a-f]\{16\} <[^>]*>//g'
}
if cmp -s <(insns "$tree/vmlinux" "$addr_a" "$size_a") \
	<(insns "$dir/vmlinux" "$addr_b" "$size_a"); then
	fail "$func has the same instructions in the variant: PATCH changes nothing the digest sees"
fi
rm -f "$dir/vmlinux"
touch "$dir/complete"
log "done: $func is $size_a bytes in the test kernel, $size_b in the variant ($((SECONDS - start)) s)"
echo "$bzimage"
