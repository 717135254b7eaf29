#!/bin/bash
# The Debian guest suite: the product as a sysadmin installs it on a real
# Debian bookworm system, under QEMU, with systemd as init and Debian's
# own stock cloud kernel (build-image.sh makes the guest; lib.sh runs it).
#
#   image, boot             the guest boots to systemd's "running", on the
#                           image's kernel
#   deb-build               the project's .debs, built in a scratch copy
#   dpkg-install            dpkg -i of kpatch and kpatch-dkms in the guest,
#                           maintainer scripts and all: DKMS builds
#                           kpatch.ko there against the installed headers,
#                           and kpatch.service is enabled
#   patch-build             kpatch-build -a builds a patch for that kernel
#                           from Debian's packages, on the host
#   kpatch-install          kpatch install + load in the guest: patched
#   reboot-reapplies        after a reboot, kpatch.service loaded it again,
#                           and journalctl -u kpatch says so
#   kpatch.enable=0         booted with it, nothing is loaded, and the unit
#                           was skipped by its condition
#   patch-packages          kpatch package makes .debs of two versions of
#                           the patch (lintian clean), and kpatch-apt-repo
#                           publishes them in signed repositories
#   apt-install             apt installs version 1: its postinst loads it
#   apt-upgrade             version 2 replaces it, loaded in replace mode,
#                           and version 1's module is unloaded
#   apt-remove              its prerm unloads it
#   dpkg-remove             dpkg -r removes kpatch and kpatch-dkms, and
#                           DKMS's kpatch.ko with them
#
# The guest is reached by SSH through QEMU's host forwarding on 127.0.0.1;
# the files go in on a read-only disk; it has no other network.
# shellcheck disable=SC2317  # functions run through check
set -uo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=lib.sh
. "$TEST_ROOT/debian/lib.sh"

work=$(mktemp -d /tmp/debian-suite.XXXXXX)
GUEST_WORK=$work/guests
trap 'guest_stop_all; rm -rf "$work"' EXIT
fail=0
g=bookworm

if ! "$PROJECT_ROOT/scripts/install-deps.sh" package distro fleet; then
	echo "FAIL: install-deps (the package, distro and fleet groups)"
	exit 1
fi

# in_guest CMD...: a command in the guest, its output indented, and the
# output kept in $work/out for the checks after it.
in_guest() {
	guest_ssh "$g" "$@" >"$work/out" 2>&1
	local rc=$?
	sed 's/^/    /' "$work/out"
	return "$rc"
}

t0=$SECONDS
if img=$(debian_image 2>"$work/image.log"); then
	release=$(cat "$img/release")
	echo "PASS: image ($release, $((SECONDS - t0)) s)"
else
	echo "FAIL: image"
	sed 's/^/    /' "$work/image.log"
	exit 1
fi

## The packages, built as test/install builds them, onto the disk that
## the guest mounts.
share=$work/share
mkdir -p "$share"
t0=$SECONDS
copy_tree "$work/pkg/kpatch"
if (cd "$work/pkg/kpatch" && dpkg-buildpackage -us -uc -b) >"$work/deb.log" 2>&1; then
	cp "$work"/pkg/kpatch_*.deb "$work"/pkg/kpatch-dkms_*.deb "$share/"
	echo "PASS: deb-build ($((SECONDS - t0)) s)"
else
	echo "FAIL: deb-build"
	tail -n 30 "$work/deb.log" | sed 's/^/    /'
	exit 1
fi

## The patch, for the guest's kernel, from Debian's packages; and its
## second version, the same fix under another module name, as a fleet
## would ship an update of it.
t0=$SECONDS
for n in cmdline-string cmdline-string-2; do
	"$PROJECT_ROOT/kpatch-build/kpatch-build" -a "$release" -o "$share" -n "$n" \
		"$TEST_ROOT/integration/cmdline-string.patch" >"$work/kpatch-build.log" 2>&1 && continue
	echo "FAIL: patch-build ($n)"
	tail -n 25 "$work/kpatch-build.log" | sed 's/^/    /'
	exit 1
done
echo "PASS: patch-build ($((SECONDS - t0)) s)"

## Both versions as packages, each in a signed apt repository of its own
## (the guest's disk is read-only: a second repository stands for the
## first one updated).
export GNUPGHOME=$work/gnupg
mkdir -m 700 "$GNUPGHOME"
publish() {
	gpg --batch --pinentry-mode loopback --passphrase '' \
		--quick-gen-key "kpatch test repository <repo@example.org>" ed25519 sign never 2>/dev/null || return 1
	"$PROJECT_ROOT/kpatch/kpatch" package -m "kpatch tests <tests@example.org>" -o "$work/debs/1" \
		-p cmdline-string -V 1 "$share/cmdline-string.ko" &&
		"$PROJECT_ROOT/kpatch/kpatch" package -m "kpatch tests <tests@example.org>" -o "$work/debs/2" \
			-p cmdline-string -V 2 "$share/cmdline-string-2.ko" || return 1
	lintian --fail-on error,warning "$work"/debs/*/*.deb 2>&1 | grep -v 'root privileges' | sed 's/^/    /'
	[[ ${PIPESTATUS[0]} -eq 0 ]] || return 1
	"$PROJECT_ROOT/contrib/kpatch-apt-repo" "$share/repo-1" "$work"/debs/1/*.deb &&
		"$PROJECT_ROOT/contrib/kpatch-apt-repo" "$share/repo-2" "$work"/debs/2/*.deb
}
check patch-packages publish || exit 1

booted() {
	guest_start "$g" -d "$share" || return 1
	echo "    booted in $(cat "$GUEST_WORK/$g/boot-seconds") s"
	in_guest 'systemctl is-system-running --wait; uname -r' || {
		guest_ssh "$g" 'systemctl --failed --no-pager' | sed 's/^/    /'; return 1; }
	[[ $(tail -n 1 "$work/out") == "$release" ]]
}
check boot booted || exit 1

guest_ssh "$g" 'mkdir -p /mnt/share && mount -o ro LABEL=share /mnt/share' ||
	{ echo "FAIL: mount the share disk"; exit 1; }

dpkg_install() {
	in_guest 'DEBIAN_FRONTEND=noninteractive dpkg -i /mnt/share/kpatch_*.deb /mnt/share/kpatch-dkms_*.deb' || return 1
	in_guest "dkms status kpatch; modinfo -n kpatch; systemctl is-enabled kpatch.service" || return 1
	grep -q "installed" "$work/out" && grep -q "^/lib/modules/$release/.*kpatch.ko" "$work/out" &&
		grep -qx enabled "$work/out"
}
check dpkg-install dpkg_install || fail=1

# What /proc/cmdline says with the patch in force: the plain one, then
# " kpatch=1" (test/integration/cmdline-string.patch).
plain=$(guest_ssh "$g" cat /proc/cmdline)
patched() { [[ $(guest_ssh "$g" cat /proc/cmdline) == "$plain kpatch=1" ]]; }

kpatch_install() {
	in_guest 'kpatch install /mnt/share/cmdline-string.ko && kpatch load /mnt/share/cmdline-string.ko && kpatch list' || return 1
	grep -qx 'cmdline_string \[enabled\]' "$work/out" && patched
}
check kpatch-install kpatch_install || fail=1

reboot_reapplies() {
	guest_reboot "$g" || return 1
	patched || { echo "    /proc/cmdline: $(guest_ssh "$g" cat /proc/cmdline)"; return 1; }
	in_guest 'journalctl -b -u kpatch --no-pager -o cat' || return 1
	grep -q 'cmdline.string' "$work/out"
}
check reboot-reapplies reboot_reapplies || fail=1

# ConditionKernelCommandLine=!kpatch.enable=0: the unit is skipped.
enable_0() {
	guest_stop "$g"
	guest_start "$g" -a kpatch.enable=0 -d "$share" || return 1
	plain="$plain kpatch.enable=0"
	in_guest 'systemctl show -p ConditionResult -p ActiveState kpatch.service; grep -c "^cmdline_string " /proc/modules'
	grep -qx 'ConditionResult=no' "$work/out" && grep -qx 'ActiveState=inactive' "$work/out" &&
		grep -qx 0 "$work/out" && ! patched
}
check kpatch.enable=0 enable_0 || fail=1

## The patch from the apt repository, as a fleet installs it: apt reads
## only that source (the guest has no network for the others).
apt_from() { # N: point apt at repository N, and read it
	guest_ssh "$g" "echo 'deb [signed-by=/mnt/share/repo-$1/kpatch-archive-keyring.gpg] file:/mnt/share/repo-$1 bookworm main' >/etc/apt/kpatch-test.list &&
		printf 'Dir::Etc::SourceList \"/etc/apt/kpatch-test.list\";\nDir::Etc::SourceParts \"/nonexistent\";\n' >/etc/apt/apt.conf.d/99kpatch-test" &&
		in_guest 'apt-get -q update'
}
apt_install() {
	guest_ssh "$g" 'mountpoint -q /mnt/share || mount -o ro LABEL=share /mnt/share' || return 1
	in_guest 'kpatch uninstall cmdline-string' || return 1
	apt_from 1 || return 1
	in_guest 'DEBIAN_FRONTEND=noninteractive apt-get -y -q install kpatch-patch-cmdline-string && kpatch list' || return 1
	grep -qx 'cmdline_string \[enabled\]' "$work/out" && patched
}
check apt-install apt_install || fail=1

# Version 2 loads in replace mode and takes over from version 1 in one
# switch: the fix never leaves.
apt_upgrade() {
	apt_from 2 || return 1
	in_guest 'DEBIAN_FRONTEND=noninteractive apt-get -y -q install kpatch-patch-cmdline-string &&
		dpkg-query -W kpatch-patch-cmdline-string && kpatch list' || return 1
	grep -q 'kpatch-patch-cmdline-string.2$' "$work/out" &&
		grep -qx 'cmdline_string_2 \[enabled\]' "$work/out" &&
		! grep -q '^cmdline_string ' "$work/out" && patched
}
check apt-upgrade apt_upgrade || fail=1

apt_remove() {
	in_guest "DEBIAN_FRONTEND=noninteractive apt-get -y -q remove kpatch-patch-cmdline-string &&
		kpatch list && { find /var/lib/kpatch -name '*.ko' 2>/dev/null || true; }" || return 1
	! grep -q '^cmdline_string\|\.ko$' "$work/out" && ! patched
}
check apt-remove apt_remove || fail=1

dpkg_remove() {
	in_guest 'kpatch unload --all && dpkg -r kpatch-dkms kpatch' || return 1
	in_guest 'dkms status kpatch; dpkg-query -W -f "\${db:Status-Abbrev} \${Package}\n" kpatch kpatch-dkms;
		modinfo -n kpatch 2>&1; ls /lib/systemd/system/kpatch.service 2>&1'
	[[ $(grep -c '^rc \|^un ' "$work/out") -eq 2 ]] && ! grep -q '^kpatch/' "$work/out" &&
		grep -q 'Module kpatch not found' "$work/out" && grep -q 'No such file' "$work/out"
}
check dpkg-remove dpkg_remove || fail=1

exit $fail
