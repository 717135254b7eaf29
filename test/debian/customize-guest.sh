#!/bin/bash
# mmdebstrap's customize hook for the Debian test guest (build-image.sh):
#   customize-guest.sh ROOT AUTHORIZED_KEY
# Makes the installed tree bootable as a QEMU guest whose only way in is
# root's SSH login with the test key, on the user-mode network's DHCP.
set -euo pipefail

root=$1 key=$2

echo kpatch-guest >"$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tkpatch-guest\n' >"$root/etc/hosts"
echo 'LABEL=root / ext4 defaults,errors=remount-ro 0 1' >"$root/etc/fstab"

# QEMU's user-mode network answers DHCP on whatever the NIC is called.
cat >"$root/etc/systemd/network/10-dhcp.network" <<'NET'
[Match]
Name=en* eth*

[Network]
DHCP=ipv4
NET
chroot "$root" systemctl enable -q systemd-networkd

install -d -m 700 "$root/root/.ssh"
install -m 600 "$key" "$root/root/.ssh/authorized_keys"

# Timers that would take the dpkg lock, or the CPU, in the middle of a
# test: the guests are short-lived and updated by their image.
chroot "$root" systemctl mask -q apt-daily.timer apt-daily-upgrade.timer \
	e2scrub_all.timer fstrim.timer 2>/dev/null || true
