#!/bin/bash
# Build the root filesystem of a real Debian bookworm guest, for the tests
# that need what the busybox guest can't give: systemd, dpkg and apt with
# their maintainer scripts, sshd for Ansible.  Cached by key, like the
# test kernel; prints the cache directory, which holds:
#   root.img            an ext4 image of the root filesystem (the guests
#                       boot copy-on-write overlays of it, never it)
#   vmlinuz, initrd.img Debian's own stock cloud kernel and its initrd,
#                       taken from the image, booted unmodified
#   release             that kernel's release (uname -r)
#   id_ed25519[.pub]    the key that root's SSH login accepts
#
# Usage: build-image.sh [--print-dir]
#   --print-dir   print the cache directory without building anything
#
# mmdebstrap installs from the host's own apt sources (every active
# /etc/apt/sources.list and sources.list.d file), so that the guest gets
# exactly the packages, and the kernel, this machine would: no mirror is
# named here.  The key covers this script, the package list and those
# sources; the newest kernel in them is whatever apt picks on the day the
# image is built, and its release is in the "release" file.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/kpatch/debian-guest

# What the guest needs: an init that is systemd, SSH for the host side,
# python3 for Ansible, the stock cloud kernel; initramfs-tools makes the
# initrd the kernel boots with (virtio drivers are modules there).  DKMS
# and the kernel's headers (with gcc and make) are what kpatch-dkms needs
# to build kpatch.ko in the guest: the guest has no network to fetch
# them, so they come with the image.
packages=systemd-sysv,udev,dbus,openssh-server,python3,kmod,iproute2,initramfs-tools,linux-image-cloud-amd64,dkms,linux-headers-cloud-amd64

die() { echo "build-image: $*" >&2; exit 1; }

sources() {
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
		[[ -s $f ]] && echo "$f"
	done
	return 0
}

key=$( { cat "$0"; echo "$packages"; sources | xargs -r cat; } | sha256sum | cut -c1-16)
dir=$cache/$key

if [[ ${1:-} == --print-dir ]]; then
	echo "$dir"
	exit 0
fi
[[ -e $dir/complete ]] && { echo "$dir"; exit 0; }

for tool in mmdebstrap mke2fs ssh-keygen; do
	command -v "$tool" >/dev/null || die "$tool not found (scripts/install-deps.sh fleet)"
done
mapfile -t srcs < <(sources)
[[ ${#srcs[@]} -gt 0 ]] || die "this machine has no apt sources to install the guest from"

tmp=$cache/.tmp.$$
rm -rf "$tmp"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
start=$SECONDS

ssh-keygen -q -t ed25519 -N '' -C kpatch-test-guest -f "$tmp/id_ed25519"
echo "build-image: installing bookworm with the stock cloud kernel (log: $tmp/mmdebstrap.log)" >&2
if ! mmdebstrap --variant=minbase --include="$packages" \
	--customize-hook="$here/customize-guest.sh \"\$1\" $tmp/id_ed25519.pub" \
	bookworm "$tmp/root" "${srcs[@]}" >"$tmp/mmdebstrap.log" 2>&1; then
	tail -n 30 "$tmp/mmdebstrap.log" >&2
	die "mmdebstrap failed"
fi

vmlinuz=$(find "$tmp/root/boot" -name 'vmlinuz-*' | sort -V | tail -n 1)
[[ -n $vmlinuz ]] || die "the image has no kernel in /boot"
release=${vmlinuz##*/vmlinuz-}
[[ -f $tmp/root/boot/initrd.img-$release ]] || die "the image has no initrd for $release"
cp "$vmlinuz" "$tmp/vmlinuz"
cp "$tmp/root/boot/initrd.img-$release" "$tmp/initrd.img"
echo "$release" >"$tmp/release"

echo "build-image: making the ext4 image ($((SECONDS - start)) s)" >&2
truncate -s 4G "$tmp/root.img"
mke2fs -q -t ext4 -L root -d "$tmp/root" "$tmp/root.img"
rm -rf "$tmp/root" "$tmp/mmdebstrap.log"
touch "$tmp/complete"
mkdir -p "$cache"
rm -rf "$dir"
mv "$tmp" "$dir"
trap - EXIT
echo "build-image: done: $dir ($release, $((SECONDS - start)) s)" >&2
echo "$dir"
