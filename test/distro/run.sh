#!/bin/bash
# The distribution suite (make check-distro): the whole product on Debian's
# stock cloud kernel, unmodified.
#
#   - kpatch-build -a RELEASE builds integration patches from Debian's own
#     packages (source, headers, -dbg vmlinux), one of them to a module
#     the cloud kernel ships (binfmt_misc);
#   - kpatch.ko is built against linux-headers-RELEASE;
#   - Debian's vmlinuz boots under QEMU with a busybox initramfs, and the
#     integration suite's own guest tests load each patch, check the
#     patched behaviour, unload it and check the original is back;
#   - refusals particular to a Debian release give their exact message.
#
# RELEASE is the newest installed linux-headers-*-cloud-amd64, or
# $KPATCH_DISTRO_RELEASE.  Not part of make check: the first run downloads
# about 310 MB of packages.
# shellcheck disable=SC2317  # functions run through check and expect_*
set -uo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

here=$TEST_ROOT/distro
integ=$TEST_ROOT/integration
kb=$PROJECT_ROOT/kpatch-build/kpatch-build
work=$(mktemp -d /tmp/distro.XXXXXX)
trap 'rm -rf "$work"' EXIT

release=$(distro_release)
[[ -n $release ]] || { echo "FAIL: release (no linux-headers-*-cloud-amd64 installed: scripts/install-deps.sh distro)"; exit 1; }
headers=/usr/src/linux-headers-$release
echo "release $release"

check build-create-diff-object make -s -C "$PROJECT_ROOT/kpatch-build" >/dev/null || exit 1

# The load side: the core module, built the way a user builds it against
# Debian's headers (the DKMS path), warning-free.
build_core() {
	build_module -k "$headers" "$PROJECT_ROOT/kmod/core" "$work/core" || return 1
	modinfo -F vermagic "$work/core/kpatch.ko" | grep -q "^$release SMP"
}
check "build kpatch.ko against $(basename "$headers")" build_core || exit 1

# The kernel to boot, and the modules the tests load, from the image
# package: downloaded once, never installed on this host.
image=${XDG_CACHE_HOME:-$HOME/.cache}/kpatch/distro/$release
fetch_image() {
	[[ -f $image/complete ]] && return 0
	rm -rf "$image"
	mkdir -p "$image/dl" "$image/root"
	(cd "$image/dl" && apt-get download "linux-image-$release") >"$work/dl.log" 2>&1 || {
		cat "$work/dl.log" >&2
		return 1
	}
	dpkg-deb -x "$image"/dl/*.deb "$image/root" || return 1
	# The package leaves modules.dep to the postinst's depmod.
	depmod -b "$image/root" "$release" || return 1
	rm -rf "$image/dl"
	touch "$image/complete"
}
check "fetch linux-image-$release" fetch_image || exit 1
vmlinuz=$image/root/boot/vmlinuz-$release

# The guest gets the modules.* indexes and only the modules the tests
# load, not the whole 100 MB tree.
moddir=$work/moddir/lib/modules/$release
mkdir -p "$moddir/kernel/fs"
cp "$image/root/lib/modules/$release"/modules.* "$moddir/"
cp "$image/root/lib/modules/$release/kernel/fs/binfmt_misc.ko" "$moddir/kernel/fs/"

fail=0
patches=(cmdline-string meminfo-string uptime-static-local binfmt-misc-status)
for name in "${patches[@]}"; do
	if expect_build "build $name for $release" \
		"$kb" -a "$release" -o "$work/modules" -n "$name" "$integ/$name.patch"; then
		modinfo -F vermagic "$work/modules/$name.ko" | grep -q "^$release SMP" || {
			echo "FAIL: vermagic of $name.ko ($(modinfo -F vermagic "$work/modules/$name.ko"))"
			fail=1
		}
	else
		fail=1
	fi
done

# refuse NAME EXPECT KPATCH-BUILD-ARGS...: kpatch-build must fail, with
# EXPECT in its message.
refuse() {
	local name=$1 expect=$2
	shift 2
	expect_refusal "refuse $name" 1 "$expect" \
		"$kb" -a "$release" -o "$work/refused" "$@" || fail=1
}
refuse header-change "a header; finding every object that includes it needs the whole kernel built" "$here/header-change.patch"
# The packages of a release must all be the one upload.  A vmlinux whose
# banner names another Debian version stands in for a mismatched kernel.
printf 'Linux version %s (debian-kernel@lists.debian.org) (gcc-12) #1 SMP PREEMPT_DYNAMIC Debian 6.1.1-1 (2023-01-01)\n' "$release" >"$work/other-vmlinux"
refuse version-mismatch "but the kernel $release is Debian 6.1.1-1: the packages disagree" -v "$work/other-vmlinux" "$integ/cmdline-string.patch"

tests=()
for name in "${patches[@]}"; do
	tests+=("$integ/$name-LOADED.test")
done
guest_files files "$release" "$work/core/kpatch.ko" "$work/modules"
"$RUN_VM" --report -k "$vmlinuz" -M "$work/moddir" -t 600 "${files[@]}" \
	"$here/stock-kernel.sh" "${tests[@]}" || fail=1
exit $fail
