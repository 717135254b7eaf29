#!/bin/bash
# Install the Debian packages the project needs, and only those missing.
# Usage: install-deps.sh [GROUP...]   (default: build kernel vm fuzz)
#   build  - userspace tools and kpatch-build, and python3 for the cdo
#            suite's check of the instruction decoder against objdump
#   kernel - building the test kernel
#   vm     - booting it under QEMU
#   fuzz   - clang and its sanitizer runtimes
#   headers - Debian's cloud-amd64 kernel headers, to build kpatch.ko
#             against the stock kernel
#   package - building and checking the Debian packages (test/install)
#   docs   - groff and man, to lint the manual pages (test/docs); not on
#            a minimal Debian install (priority standard)
#   distro - patching Debian's stock kernel (make check-distro): its
#            source, headers and compiler, and pahole, without which
#            the kernel's config loses its BTF options
#   fleet  - real Debian guests (test/debian): mmdebstrap for their root
#            filesystem, qemu-img for their overlays, ssh to reach them,
#            QEMU itself, and reprepro and gnupg for the apt repository
#   rpm    - rpmbuild, to try contrib/kpatch.spec by hand (no suite needs it)
set -euo pipefail

declare -A GROUPS_PKGS=(
	[build]="gcc make binutils libelf-dev elfutils patch patchutils kmod gawk time bc python3"
	[kernel]="linux-source-6.1 bc bison flex libssl-dev libelf-dev cpio xz-utils ccache"
	[vm]="qemu-system-x86 busybox-static bash-static cpio kmod"
	[fuzz]="clang libclang-rt-14-dev"
	[headers]="linux-headers-cloud-amd64"
	[package]="build-essential dpkg-dev debhelper dh-dkms lintian dkms systemd man-db fakeroot"
	[fleet]="mmdebstrap qemu-utils qemu-system-x86 openssh-client e2fsprogs python3 reprepro gnupg lintian"
	[rpm]="rpm"
	[docs]="groff-base man-db"
	[distro]="linux-source-6.1 linux-headers-cloud-amd64 gcc-12 dwarves xz-utils"
)

groups=("$@")
[[ ${#groups[@]} -eq 0 ]] && groups=(build kernel vm fuzz)

want=()
for g in "${groups[@]}"; do
	[[ -n ${GROUPS_PKGS[$g]:-} ]] || { echo "install-deps: unknown group '$g'" >&2; exit 2; }
	for p in ${GROUPS_PKGS[$g]}; do
		status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
		[[ $status == installed ]] || want+=("$p")
	done
done

[[ ${#want[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
	echo "install-deps: missing packages: ${want[*]}" >&2
	echo "install-deps: run as root, or: apt-get install ${want[*]}" >&2
	exit 1
fi

echo "install-deps: installing ${want[*]}" >&2
start=$SECONDS
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt run (a second suite, another user) instead of failing.
apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${want[@]}" >&2
echo "install-deps: done in $((SECONDS - start)) s" >&2
