#!/bin/bash
# Install the Debian packages the project needs, and only those missing.
# Usage: install-deps.sh [GROUP...]   (default: build kernel vm fuzz)
#   build  - userspace tools and kpatch-build (libc6-dev: the core
#            suite's static test program), and python3 for the cdo
#            suite's check of the instruction decoder against objdump
#   kernel - building the 6.1 test kernel
#   kernel-6.12 - building the 6.12 test kernel (KPATCH_TEST_KERNEL=6.12),
#            and the cdo suite's 6.12 tree, which takes Debian's 6.12 cloud
#            config from the newest linux-headers-6.12 cloud package
#   vm     - booting it under QEMU
#   fuzz   - clang and its sanitizer runtimes
#   headers - Debian's cloud-amd64 kernel headers, to build kpatch.ko
#             against the stock kernel
#   package - building and checking the Debian packages (test/install)
#   docs   - groff and man, to lint the manual pages (test/docs); not on
#            a minimal Debian install (priority standard)
#   distro - patching Debian's stock 6.1 and 6.12 kernels (make check-distro): their
#            source, headers and compiler, and pahole, without which
#            the kernel's config loses its BTF options
#   fleet  - real Debian guests (test/debian): mmdebstrap for their root
#            filesystem, qemu-img for their overlays, ssh to reach them,
#            QEMU itself, reprepro and gnupg for the apt repository,
#            and ansible-core for the staged rollout (contrib/ansible)
#   rpm    - rpmbuild, to try contrib/kpatch.spec by hand (no suite needs it)
#
# apt's output goes to $KPATCH_DEPS_LOG (default
# ~/.cache/kpatch/install-deps.log), and its end is shown when it fails;
# the terminal gets one line per group.
set -euo pipefail

declare -A GROUPS_PKGS=(
	[build]="gcc libc6-dev make binutils libelf-dev elfutils patch patchutils kmod gawk time bc python3"
	[kernel]="linux-source-6.1 bc bison flex libssl-dev libelf-dev cpio xz-utils ccache"
	[kernel-6.12]="linux-source-6.12 linux-headers-6.12-cloud-amd64 bc bison flex libssl-dev libelf-dev cpio xz-utils ccache"
	[vm]="qemu-system-x86 busybox-static bash-static cpio kmod"
	[fuzz]="clang libclang-rt-14-dev"
	[headers]="linux-headers-cloud-amd64"
	[package]="build-essential dpkg-dev debhelper dh-dkms lintian dkms systemd man-db fakeroot"
	[fleet]="mmdebstrap qemu-utils qemu-system-x86 openssh-client e2fsprogs python3 reprepro gnupg lintian ansible-core"
	[rpm]="rpm"
	[docs]="groff-base man-db"
	[distro]="linux-source-6.1 linux-headers-cloud-amd64 linux-source-6.12 linux-headers-6.12-cloud-amd64 gcc-12 dwarves xz-utils"
)

groups=("$@")
[[ ${#groups[@]} -eq 0 ]] && groups=(build kernel vm fuzz)

log=${KPATCH_DEPS_LOG:-${XDG_CACHE_HOME:-$HOME/.cache}/kpatch/install-deps.log}

# The packages of a group that are not installed.
missing_of() {
	local p status
	for p in ${GROUPS_PKGS[$1]}; do
		status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
		[[ $status == installed ]] || echo "$p"
	done
}

want=()
for g in "${groups[@]}"; do
	[[ -n ${GROUPS_PKGS[$g]:-} ]] || { echo "install-deps: unknown group '$g'" >&2; exit 2; }
	mapfile -t -O ${#want[@]} want < <(missing_of "$g")
done

# Nothing to say when nothing is missing: the suites call this on every
# run.
[[ ${#want[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
	echo "install-deps: missing packages: ${want[*]}" >&2
	echo "install-deps: run as root, or: apt-get install ${want[*]}" >&2
	exit 1
fi

mkdir -p "$(dirname "$log")"
: >"$log"
failed() {
	echo "install-deps: $1 failed; the end of $log:" >&2
	tail -n 30 "$log" | sed 's/^/  | /' >&2
	exit 1
}

export DEBIAN_FRONTEND=noninteractive
start=$SECONDS
# Wait for another apt run (a second suite, another user) instead of failing.
apt-get -o DPkg::Lock::Timeout=600 update >>"$log" 2>&1 || failed "apt-get update"
echo "install-deps: package lists updated ($((SECONDS - start)) s)" >&2
for g in "${groups[@]}"; do
	mapfile -t pkgs < <(missing_of "$g")
	n=$(wc -w <<<"${GROUPS_PKGS[$g]}")
	if [[ ${#pkgs[@]} -eq 0 ]]; then
		echo "install-deps: $g: all $n installed" >&2
		continue
	fi
	t0=$SECONDS
	echo "+ apt-get install ${pkgs[*]}" >>"$log"
	apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${pkgs[@]}" >>"$log" 2>&1 ||
		failed "installing $g (${pkgs[*]})"
	echo "install-deps: $g: installed ${#pkgs[@]} of $n (${pkgs[*]}) in $((SECONDS - t0)) s" >&2
done
echo "install-deps: done in $((SECONDS - start)) s; apt's log: $log" >&2
