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
#   patch-metadata          version 1's description and CVEs come from
#                           --description and --cve, version 2's from its
#                           patch's header (Subject: and a CVE line)
#   kpatch-install          kpatch install + load in the guest: patched
#   reboot-reapplies        after a reboot, kpatch.service loaded it again,
#                           and journalctl -u kpatch says so
#   kpatch.enable=0         booted with it, nothing is loaded, and the unit
#                           was skipped by its condition
#   patch-packages          kpatch package makes .debs of two versions of
#                           the patch (lintian clean), with the CVEs in
#                           their Description, and kpatch-apt-repo
#                           publishes them in signed repositories
#   apt-install             apt installs version 1: its postinst loads it
#   json                    kpatch list --json and info --json on it are
#                           valid JSON (python3's json module, in the
#                           guest) and give its state, release and CVEs
#   apt-upgrade             version 2 replaces it, loaded in replace mode,
#                           and version 1's module is unloaded
#   apt-remove              its prerm unloads it
#   second-guest            a second guest boots beside the first
#   ansible-canary-stops    the rollout (contrib/ansible), with a check of
#                           the patched behaviour that fails: it stops
#                           after the canary, before the other host
#   ansible-rollout         the rollout over both guests: the canary (the
#                           first guest) installs and is verified; the
#                           other is skipped and reported, as its
#                           inventory gives it a kernel release that the
#                           patch wasn't built for (both guests boot the
#                           image's one kernel)
#   ansible-rollback        the rollback removes the package: unloaded
#   prerm-busy              apt-get remove of a patch that a task is
#                           running (kmsg-busy.patch, with a reader asleep
#                           in the patched kmsg_read()) fails: apt reports
#                           it, and the package and the patch stay; once
#                           the reader is gone, the removal goes through
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
## Version 1 gets its metadata from options, version 2 from its patch's
## header, as git format-patch writes it.
t0=$SECONDS
{
	printf 'From: kpatch tests <tests@example.org>\n'
	printf 'Subject: [PATCH v2] proc: cmdline says "kpatch=1", a long subject\n folded by git\n\n'
	printf 'Fixes CVE-2026-0003.\n---\n'
	cat "$TEST_ROOT/integration/cmdline-string.patch"
} >"$work/cmdline-string-2.patch"
for n in cmdline-string cmdline-string-2; do
	if [[ $n == cmdline-string ]]; then
		meta=(--description 'proc: cmdline says kpatch=1' --cve CVE-2026-0001 --cve CVE-2026-0002
			"$TEST_ROOT/integration/cmdline-string.patch")
	else
		meta=("$work/cmdline-string-2.patch")
	fi
	"$PROJECT_ROOT/kpatch-build/kpatch-build" -a "$release" -o "$share" -n "$n" "${meta[@]}" \
		>"$work/kpatch-build.log" 2>&1 && continue
	echo "FAIL: patch-build ($n)"
	tail -n 25 "$work/kpatch-build.log" | sed 's/^/    /'
	exit 1
done
if ! "$PROJECT_ROOT/kpatch-build/kpatch-build" -a "$release" -o "$work" -n kmsg-busy \
	"$TEST_ROOT/debian/kmsg-busy.patch" >"$work/kpatch-build.log" 2>&1; then
	echo "FAIL: patch-build (kmsg-busy)"
	tail -n 25 "$work/kpatch-build.log" | sed 's/^/    /'
	exit 1
fi
echo "PASS: patch-build ($((SECONDS - t0)) s)"

metadata() {
	local d1 f1 d2 f2
	d1=$(modinfo -F description "$share/cmdline-string.ko") f1=$(modinfo -F kpatch_fixes "$share/cmdline-string.ko")
	d2=$(modinfo -F description "$share/cmdline-string-2.ko") f2=$(modinfo -F kpatch_fixes "$share/cmdline-string-2.ko")
	printf '    %s\n' "1: $d1 ($f1)" "2: $d2 ($f2)"
	[[ $d1 == 'proc: cmdline says kpatch=1' && $f1 == 'CVE-2026-0001 CVE-2026-0002' &&
		$d2 == 'proc: cmdline says "kpatch=1", a long subject folded by git' && $f2 == CVE-2026-0003 ]]
}
check patch-metadata metadata || fail=1

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
			-p cmdline-string -V 2 "$share/cmdline-string-2.ko" &&
		"$PROJECT_ROOT/kpatch/kpatch" package -m "kpatch tests <tests@example.org>" -o "$work/debs/3" \
			"$work/kmsg-busy.ko" &&
		cp "$work"/debs/3/*.deb "$share/" || return 1
	lintian --fail-on error,warning "$work"/debs/*/*.deb 2>&1 | grep -v 'root privileges' | sed 's/^/    /'
	[[ ${PIPESTATUS[0]} -eq 0 ]] || return 1
	dpkg-deb -f "$work"/debs/1/*.deb Description | grep -qx ' Fixes: CVE-2026-0001 CVE-2026-0002' ||
		{ echo "    version 1's Description names no CVE"; return 1; }
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
apt_from() { # N [GUEST]: point apt at repository N, and read it
	local g=${2:-$g}
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

# What monitoring asks every host, checked in the guest by python3.
json() {
	in_guest 'kpatch list --json >/tmp/list.json && kpatch info --json cmdline_string >/tmp/info.json &&
		cat /tmp/list.json /tmp/info.json && python3 -c "
import json
l = json.load(open(\"/tmp/list.json\"))
i = json.load(open(\"/tmp/info.json\"))
p = [p for p in l[\"patches\"] if p[\"name\"] == \"cmdline_string\"][0]
assert l[\"kernel_release\"] == \"$(uname -r)\" and l[\"core_loaded\"], l
assert p[\"enabled\"] and p[\"built_for\"] == l[\"kernel_release\"], p
assert p[\"fixes\"] == [\"CVE-2026-0001\", \"CVE-2026-0002\"], p
assert l[\"last_transition\"][\"patch\"] == \"cmdline_string\", l
assert l[\"last_transition\"][\"result\"] == 0, l
assert i[\"enabled\"] and i[\"description\"] == \"proc: cmdline says kpatch=1\", i
assert [f[\"function\"] for f in i[\"functions\"]] == [\"cmdline_proc_show,1\"], i
print(\"json: ok\")
"'
	[[ $(tail -n 1 "$work/out") == 'json: ok' ]]
}
check json json || fail=1

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

## The staged rollout with Ansible, over two guests at once.  The second
## has no kpatch: the rollout skips it before it installs anything.
other=other
second_guest() {
	guest_start "$other" -d "$share" || return 1
	echo "    booted in $(cat "$GUEST_WORK/$other/boot-seconds") s"
	guest_ssh "$other" 'mkdir -p /mnt/share && mount -o ro LABEL=share /mnt/share' &&
		apt_from 2 "$other" >/dev/null
}
check second-guest second_guest || fail=1

# The inventory: the first guest is the canary, the other is the fleet,
# its kernel release given as one the patch wasn't built for.
inventory=$work/inventory
host_line() { # NAME [VARS]
	echo "$1 ansible_host=127.0.0.1 ansible_port=$(guest_port "$1") ${2:-}"
}
{
	echo '[kpatch_canary]'
	host_line "$g"
	echo '[kpatch_fleet]'
	host_line "$other" "kpatch_running_release=$release-other"
	echo '[all:vars]'
	echo ansible_user=root
	echo ansible_python_interpreter=/usr/bin/python3
	echo "ansible_ssh_private_key_file=$img/id_ed25519"
	echo "ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'"
} >"$inventory"
export ANSIBLE_NOCOLOR=1 ANSIBLE_PIPELINING=1 ANSIBLE_SHOW_CUSTOM_STATS=1 ANSIBLE_RETRY_FILES_ENABLED=0
export ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_HOME=$work/ansible ANSIBLE_LOCAL_TEMP=$work/ansible/tmp
export ANSIBLE_SSH_CONTROL_PATH_DIR=$work/ansible/cp
# playbook NAME ARGS...: run contrib/ansible/NAME.yml on the guests; its
# output, indented, and in $work/out.  Its stdin is a /dev/null of its
# own: ansible-playbook refuses a non-blocking stdin, and the one this
# suite inherits can be left non-blocking by an earlier ssh or suite
# (it was, in make check after the install suite).
playbook() {
	local name=$1 rc t0=$SECONDS
	shift
	ansible-playbook -i "$inventory" "$PROJECT_ROOT/contrib/ansible/$name.yml" \
		-e kpatch_package=kpatch-patch-cmdline-string "$@" \
		</dev/null >"$work/out" 2>&1
	rc=$?
	grep -E '^(PLAY|TASK|fatal|changed|ok|skipping)|"msg"|^[a-z]+ +:|RUN:' "$work/out" | sed 's/^/    /'
	# ansible-playbook's own errors (a locale, a bad inventory) come
	# before any play.
	grep -q '^PLAY' "$work/out" || tail -n 15 "$work/out" | sed 's/^/    /'
	echo "    ($name: exit status $rc, $((SECONDS - t0)) s)"
	return "$rc"
}

canary_stops() {
	! playbook kpatch-rollout -e kpatch_verify_command=false || return 1
	grep -q "^fatal: \[$g\]" "$work/out" && ! grep -q "^ok: \[$other\]" "$work/out" &&
		grep -q "^$g .*failed=1" "$work/out" && ! grep -q "^$other " "$work/out"
}
check ansible-canary-stops canary_stops || fail=1

rollout() {
	playbook kpatch-rollout -e "kpatch_verify_command='grep -q \" kpatch=1\$\" /proc/cmdline'" || return 1
	grep -q "VERIFIED $g: cmdline_string_2 enabled on $release" "$work/out" &&
		grep -q "SKIPPED $other: it runs $release-other" "$work/out" &&
		grep -q "kpatch_skipped.*$other runs $release-other" "$work/out" &&
		grep -q "^$other .*failed=0" "$work/out" && patched &&
		[[ $(guest_ssh "$other" 'dpkg-query -W -f "\${db:Status-Abbrev}" kpatch-patch-cmdline-string 2>/dev/null') != ii* ]]
}
check ansible-rollout rollout || fail=1

rollback() {
	playbook kpatch-rollback || return 1
	grep -q "REMOVED $g: kpatch-patch-cmdline-string, and cmdline_string_2 unloaded" "$work/out" &&
		! patched && in_guest 'kpatch list' && ! grep -q '^cmdline_string' "$work/out"
}
check ansible-rollback rollback || fail=1
guest_stop "$other"

prerm_busy() {
	local pid
	in_guest 'DEBIAN_FRONTEND=noninteractive apt-get -y -q install /mnt/share/kpatch-patch-kmsg-busy_1_amd64.deb &&
		kpatch list' || return 1
	grep -qx 'kmsg_busy \[enabled\]' "$work/out" || return 1
	# A reader of /proc/kmsg, asleep in the patched kmsg_read() once it
	# has read what the log holds (a hang guard, not a timing).
	pid=$(guest_ssh "$g" 'cat /proc/kmsg >/dev/null 2>&1 </dev/null & echo $!') || return 1
	in_guest "for i in \$(seq 300); do grep -q kmsg_read /proc/$pid/stack && exit 0; sleep 0.2; done;
		cat /proc/$pid/stack; exit 1" || return 1
	! in_guest 'DEBIAN_FRONTEND=noninteractive apt-get -y -q remove kpatch-patch-kmsg-busy' || return 1
	grep -q 'kmsg_busy could not be unloaded; it stays in force, and the package stays installed' "$work/out" &&
		grep -q 'returned error exit status 1' "$work/out" || return 1
	in_guest 'dpkg-query -W -f "\${db:Status-Abbrev}\n" kpatch-patch-kmsg-busy; kpatch list' || return 1
	grep -q '^ii' "$work/out" && grep -qx 'kmsg_busy \[enabled\]' "$work/out" || return 1
	in_guest "kill $pid; DEBIAN_FRONTEND=noninteractive apt-get -y -q remove kpatch-patch-kmsg-busy && kpatch list" ||
		return 1
	! grep -q '^kmsg_busy' "$work/out"
}
check prerm-busy prerm_busy || fail=1

dpkg_remove() {
	in_guest 'kpatch unload --all && dpkg -r kpatch-dkms kpatch' || return 1
	in_guest 'dkms status kpatch; dpkg-query -W -f "\${db:Status-Abbrev} \${Package}\n" kpatch kpatch-dkms;
		modinfo -n kpatch 2>&1; ls /lib/systemd/system/kpatch.service 2>&1'
	[[ $(grep -c '^rc \|^un ' "$work/out") -eq 2 ]] && ! grep -q '^kpatch/' "$work/out" &&
		grep -q 'Module kpatch not found' "$work/out" && grep -q 'No such file' "$work/out"
}
check dpkg-remove dpkg_remove || fail=1

exit $fail
