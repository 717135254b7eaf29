#!/bin/bash
# The distribution suite (make check-distro): the whole product on Debian's
# stock cloud kernels, unmodified.  For each release:
#
#   - kpatch-build -a RELEASE builds integration patches from Debian's own
#     packages (source, headers, -dbg vmlinux), some of them to a module
#     the cloud kernel ships (binfmt_misc), one to a function that 6.12
#     seals for IBT (may_linkat);
#   - kpatch.ko is built against linux-headers-RELEASE;
#   - Debian's vmlinuz boots under QEMU with a busybox initramfs, and the
#     integration suite's own guest tests load each patch, check the
#     patched behaviour, unload it and check the original is back;
#   - refusals particular to a Debian release give their exact message.
#
#   test/distro/run.sh [RELEASE...]
#
# The releases are the arguments, or those $KPATCH_DISTRO_RELEASE names,
# or else the newest installed linux-headers-*-cloud-amd64 of each series
# (6.1 and 6.12).  Not part of make check: the first run downloads about
# 310 MB of packages for each release.
# shellcheck disable=SC2317  # functions run through check and expect_*
set -uo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

here=$TEST_ROOT/distro
integ=$TEST_ROOT/integration
kb=$PROJECT_ROOT/kpatch-build/kpatch-build
work=$(mktemp -d /tmp/distro.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [[ $# -gt 0 ]]; then
	releases=("$@")
else
	mapfile -t releases < <(distro_releases)
fi
[[ ${#releases[@]} -gt 0 ]] || { echo "FAIL: release (no linux-headers-*-cloud-amd64 installed: scripts/install-deps.sh distro)"; exit 1; }

check build-create-diff-object make -s -C "$PROJECT_ROOT/kpatch-build" >/dev/null || exit 1

# The integration patches each release gets, as files: those written for
# its series (a "Kernels:" header line names the series a patch is for,
# when not all), in the series' own form where it has one
# (test/integration/SERIES/NAME.patch, as the integration suite takes).
patches_for() {
	local series=$1 name p k
	for name in cmdline-string meminfo-string uptime-static-local binfmt-misc-status binfmt-misc-warn may-linkat-setuid; do
		p=$integ/$name.patch
		[[ -e $integ/$series/$name.patch ]] && p=$integ/$series/$name.patch
		k=$(sed -n 's/^Kernels: //p' "$p" | head -n 1)
		[[ -z $k || " $k " == *" $series "* ]] && echo "$p"
	done
}

# The load side: the core module, built the way a user builds it against
# Debian's headers (the DKMS path), warning-free.
build_core() {
	build_module -k "$headers" "$PROJECT_ROOT/kmod/core" "$out/core" || return 1
	modinfo -F vermagic "$out/core/kpatch.ko" | grep -q "^$release SMP"
}

# The kernel to boot, and the modules the tests load, from the image
# package: downloaded once, never installed on this host.
fetch_image() {
	[[ -f $image/complete ]] && return 0
	rm -rf "$image"
	mkdir -p "$image/dl" "$image/root"
	(cd "$image/dl" && apt-get download "linux-image-$release") >"$out/dl.log" 2>&1 || {
		cat "$out/dl.log" >&2
		return 1
	}
	dpkg-deb -x "$image"/dl/*.deb "$image/root" || return 1
	# The package leaves modules.dep to the postinst's depmod.
	depmod -b "$image/root" "$release" || return 1
	rm -rf "$image/dl"
	touch "$image/complete"
}

# refuse NAME EXPECT KPATCH-BUILD-ARGS...: kpatch-build must fail, with
# EXPECT in its message.
refuse() {
	local name=$1 expect=$2
	shift 2
	expect_refusal "refuse $name on $release" 1 "$expect" \
		"$kb" -a "$release" -o "$out/refused" "$@"
}

# One release, end to end; returns 1 when any of its checks failed.
run_release() {
	local release=$1 series headers out image vmlinuz moddir p name rc=0
	local patches tests files
	series=$(cut -d. -f1-2 <<<"$release")
	headers=/usr/src/linux-headers-$release
	out=$work/$release
	image=${XDG_CACHE_HOME:-$HOME/.cache}/kpatch/distro/$release
	mkdir -p "$out"
	echo "release $release"

	check "build kpatch.ko against $(basename "$headers")" build_core || return 1
	check "fetch linux-image-$release" fetch_image || return 1
	vmlinuz=$image/root/boot/vmlinuz-$release

	# The guest gets the modules.* indexes and only the modules the tests
	# load, not the whole 100 MB tree.
	moddir=$out/moddir/lib/modules/$release
	mkdir -p "$moddir/kernel/fs"
	cp "$image/root/lib/modules/$release"/modules.* "$moddir/"
	cp "$image/root/lib/modules/$release/kernel/fs/binfmt_misc.ko"* "$moddir/kernel/fs/"

	mapfile -t patches < <(patches_for "$series")
	tests=()
	for p in "${patches[@]}"; do
		name=$(basename "$p" .patch)
		if expect_build "build $name for $release" \
			"$kb" -a "$release" -o "$out/modules" -n "$name" "$p"; then
			if modinfo -F vermagic "$out/modules/$name.ko" | grep -q "^$release SMP"; then
				tests+=("$integ/$name-LOADED.test")
			else
				echo "FAIL: vermagic of $name.ko ($(modinfo -F vermagic "$out/modules/$name.ko"))"
				rc=1
			fi
		else
			rc=1
		fi
	done

	refuse header-change "a header; finding every object that includes it needs the whole kernel built" "$here/header-change.patch" || rc=1
	# The packages of a release must all be the one upload.  A vmlinux
	# whose banner names another Debian version stands in for a
	# mismatched kernel.
	printf 'Linux version %s (debian-kernel@lists.debian.org) (gcc-12) #1 SMP PREEMPT_DYNAMIC Debian 6.1.1-1 (2023-01-01)\n' "$release" >"$out/other-vmlinux"
	refuse version-mismatch "but the kernel $release is Debian 6.1.1-1: the packages disagree" -v "$out/other-vmlinux" "$integ/cmdline-string.patch" || rc=1

	guest_files files "$release" "$out/core/kpatch.ko" "$out/modules"
	"$RUN_VM" --report -k "$vmlinuz" -M "$out/moddir" -t 600 "${files[@]}" \
		"$here/stock-kernel.sh" "${tests[@]}" || rc=1
	return $rc
}

fail=0
for release in "${releases[@]}"; do
	run_release "$release" || fail=1
done
exit $fail
