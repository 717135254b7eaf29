#!/bin/bash
# The install suite: what a sysadmin gets from make install and from the
# Debian packages, used from where they are installed, never from the
# source tree.
#
#   make-install           make install into a DESTDIR lays out the files
#   default-prefix         PREFIX defaults to /usr/local, the unit follows it,
#                          and uninstall empties the DESTDIR
#   systemd-analyze        the installed and the packaged unit verify clean
#   utility-*              the installed kpatch on the host, with stubs for
#                          insmod and the rest (utility.sh, also runnable
#                          alone)
#   installed-kpatch-build the installed kpatch-build builds a patch
#   make-uninstall         uninstall leaves nothing behind in the DESTDIR
#   deb-build, lintian     dpkg-buildpackage -b in a scratch copy; no
#                          lintian errors (warnings are shown)
#   deb-scratch-root       the .debs unpacked into a scratch root run
#   dkms-build             kpatch-dkms's dkms.conf builds kpatch.ko against
#                          Debian's headers
#
# The unit itself runs under real systemd in test/debian, on a Debian
# guest with the packages installed.
#
# Builds happen in scratch copies of the tree (the files git tracks or
# would track), so nothing lands in the work tree or its parent.
set -uo pipefail
shopt -s nullglob
. "$(dirname "$0")/../lib.sh"

here=$TEST_ROOT/install
work=$(mktemp -d /tmp/install-suite.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail=0

# dpkg-dev, debhelper, dh-dkms, lintian, dkms, systemd; the cloud kernel's
# headers for DKMS.
if ! "$PROJECT_ROOT/scripts/install-deps.sh" package headers; then
	echo "FAIL: install-deps (the package and headers groups)"
	exit 1
fi

tree=$(test_kernel_tree) || exit 1
release=$(cat "$tree/include/config/kernel.release")

# show FILE: a log, indented, for when a case fails.
show() { sed 's/^/    /' "$1"; }

##
## make install into a DESTDIR, with PREFIX=/usr as a distribution would,
## and kpatch.ko built against the test kernel.
##
src=$work/src
dest=$work/dest
copy_tree "$src"
t0=$SECONDS
if make -C "$src" install DESTDIR="$dest" PREFIX=/usr KDIR="$tree" >"$work/install.log" 2>&1; then
	echo "PASS: make-install-runs ($((SECONDS - t0)) s)"
else
	echo "FAIL: make-install-runs"
	tail -n 30 "$work/install.log" | show /dev/stdin
	exit 1
fi

expected=(
	usr/bin/kpatch usr/bin/kpatch-build usr/lib/kpatch/kpatch-package
	usr/libexec/kpatch/create-diff-object usr/libexec/kpatch/kpatch-cc
	usr/libexec/kpatch/probe/special-sizes.c usr/libexec/kpatch/probe/Kbuild
	usr/share/kpatch/patch/kpatch-patch-init.c usr/share/kpatch/patch/kpatch.lds
	usr/share/kpatch/patch/kpatch-macros.h usr/share/kpatch/patch/kpatch-patch.h
	usr/share/kpatch/patch/kpatch-sections.h usr/share/kpatch/patch/kpatch-syscall.h
	usr/share/kpatch/core/kpatch.h usr/share/kpatch/core/Kbuild
	usr/lib/systemd/system/kpatch.service
	"lib/modules/$release/extra/kpatch/kpatch.ko"
	usr/share/man/man1/kpatch.1 usr/share/man/man1/kpatch-build.1
	usr/share/bash-completion/completions/kpatch
	usr/share/bash-completion/completions/kpatch-build
)
layout_ok() {
	local f ok=0
	for f in "${expected[@]}"; do
		[[ -f $dest/$f ]] || { echo "    missing: $f"; ok=1; }
	done
	for f in usr/bin/kpatch usr/bin/kpatch-build usr/libexec/kpatch/create-diff-object usr/libexec/kpatch/kpatch-cc; do
		[[ -x $dest/$f ]] || { echo "    not executable: $f"; ok=1; }
	done
	grep -qx 'ExecStart=/usr/bin/kpatch load --all' "$dest/usr/lib/systemd/system/kpatch.service" ||
		{ echo "    the installed unit's ExecStart is not /usr/bin/kpatch load --all"; ok=1; }
	return $ok
}
check make-install layout_ok || fail=1

# Without PREFIX: /usr/local, and the unit names the kpatch it goes with.
default_prefix_ok() {
	make -C "$src" install DESTDIR="$work/dest-local" KMOD=no >"$work/install-local.log" 2>&1 || {
		show "$work/install-local.log"; return 1; }
	[[ -x $work/dest-local/usr/local/bin/kpatch && -x $work/dest-local/usr/local/bin/kpatch-build &&
	   -x $work/dest-local/usr/local/libexec/kpatch/create-diff-object &&
	   -f $work/dest-local/usr/local/share/kpatch/patch/kpatch-patch-init.c ]] || {
		echo "    not under usr/local:"; (cd "$work/dest-local" && find . -type f | sed 's/^/      /'); return 1; }
	grep -qx 'ExecStart=/usr/local/bin/kpatch load --all' \
		"$work/dest-local/usr/local/lib/systemd/system/kpatch.service" || {
		echo "    the unit's ExecStart is not /usr/local/bin/kpatch load --all"; return 1; }
	make -C "$src" uninstall DESTDIR="$work/dest-local" KMOD=no >>"$work/install-local.log" 2>&1 &&
		[[ -z $(find "$work/dest-local" -mindepth 1) ]] || {
		echo "    uninstall left:"; find "$work/dest-local" -mindepth 1 | sed 's/^/      /'; return 1; }
}
check default-prefix default_prefix_ok || fail=1

# systemd-analyze verify resolves ExecStart= and Documentation=man: in the
# installed tree (--root, MANPATH): it must print nothing.
verify_unit() {
	local root=$1 unit=$2 out
	out=$(MANPATH=$root/usr/share/man systemd-analyze verify --root="$root" "$unit" 2>&1) &&
		[[ -z $out ]] || { printf '%s\n' "$out" | sed 's/^/    /'; return 1; }
}
check systemd-analyze-make-install verify_unit "$dest" /usr/lib/systemd/system/kpatch.service || fail=1

# The utility's own logic: argument checks, spaces, checksums, insmod's
# error, the lock.
"$here/utility.sh" "$dest/usr/bin/kpatch" || fail=1

##
## The installed kpatch-build, run from the DESTDIR with the source copy
## gone, builds a patch against the test kernel with the integration
## suite's cache, so the cached original build is reused.
##
rm -rf "$src"
kb_ok() {
	local out
	t0=$SECONDS
	out=$("$dest/usr/bin/kpatch-build" -s "$tree" -v "$tree/vmlinux" -o "$work/modules" \
		-n cmdline-string "$TEST_ROOT/integration/cmdline-string.patch" 2>&1) || {
		printf '%s\n' "$out" | tail -n 25 | sed 's/^/    /'; return 1; }
	printf '%s\n' "$out" | sed 's/^/    /'
	[[ -f $work/modules/cmdline-string.ko ]]
}
check installed-kpatch-build kb_ok || fail=1

##
## make uninstall removes every file install put there, and in a DESTDIR
## the directories it created: nothing is left.
##
uninstall_ok() {
	local left
	copy_tree "$src"
	make -C "$src" uninstall DESTDIR="$dest" PREFIX=/usr KDIR="$tree" >"$work/uninstall.log" 2>&1 || {
		show "$work/uninstall.log"; return 1; }
	rm -rf "$src"
	left=$(cd "$dest" && find . -mindepth 1)
	[[ -z $left ]] || { echo "    left behind in DESTDIR:"; echo "$left" | sed 's/^/      /'; return 1; }
}
check make-uninstall uninstall_ok || fail=1

##
## The Debian packages, built in a scratch copy whose parent is scratch
## too (dpkg-buildpackage writes the .debs there).
##
pkg=$work/pkg
copy_tree "$pkg/kpatch"
t0=$SECONDS
if (cd "$pkg/kpatch" && dpkg-buildpackage -us -uc -b) >"$work/deb.log" 2>&1; then
	echo "PASS: deb-build ($((SECONDS - t0)) s: $(cd "$pkg" && echo *.deb))"
else
	echo "FAIL: deb-build"
	tail -n 30 "$work/deb.log" | show /dev/stdin
	exit 1
fi

# Every tag is shown, down to info; only errors fail.
lintian_ok() {
	local out
	out=$(cd "$pkg" && lintian -I kpatch_*.changes 2>&1 | grep -v '^running with root privileges')
	printf '%s\n' "$out" | sed '/^$/d; s/^/    lintian: /'
	echo "    lintian: $(printf '%s\n' "$out" | grep -c '^E:') errors, $(printf '%s\n' "$out" | grep -c '^W:') warnings, $(printf '%s\n' "$out" | grep -c '^I:') info"
	! printf '%s\n' "$out" | grep -q '^E:'
}
check lintian lintian_ok || fail=1

root=$work/root
mkdir -p "$root"
for d in "$pkg"/kpatch_*.deb "$pkg"/kpatch-build_*.deb "$pkg"/kpatch-dkms_*.deb; do
	dpkg -x "$d" "$root"
done
scratch_root_ok() {
	local f ok=0
	for f in usr/bin/kpatch usr/bin/kpatch-build usr/libexec/kpatch/create-diff-object \
		usr/share/kpatch/patch/kpatch-patch-init.c lib/systemd/system/kpatch.service \
		usr/src/kpatch-*/dkms.conf usr/share/man/man1/kpatch.1.gz usr/share/man/man1/kpatch-build.1.gz \
		usr/share/bash-completion/completions/kpatch usr/share/bash-completion/completions/kpatch-build; do
		[[ -e $root/$f ]] || { echo "    not in the packages: $f"; ok=1; }
	done
	"$root/usr/bin/kpatch" --help >"$work/kpatch-help" 2>&1 || { echo "    kpatch --help failed"; ok=1; }
	"$root/usr/bin/kpatch-build" --help >"$work/kb-help" 2>&1 || { echo "    kpatch-build --help failed"; ok=1; }
	echo "    $root/usr/bin/kpatch --help: $(head -n 1 "$work/kpatch-help")"
	echo "    $root/usr/bin/kpatch-build --help: $(head -n 1 "$work/kb-help")"
	grep -q '^Usage: kpatch ' "$work/kpatch-help" && grep -q '^Usage: kpatch-build ' "$work/kb-help" || ok=1
	# The package version (debian/changelog) is the tools' own.
	local v
	v=$(dpkg-deb -f "$pkg"/kpatch_*.deb Version)
	[[ $("$root/usr/bin/kpatch" --version) == "kpatch $v" &&
	   $("$root/usr/bin/kpatch-build" --version) == "kpatch-build $v" ]] || {
		echo "    package version $v, but: $("$root/usr/bin/kpatch" --version), $("$root/usr/bin/kpatch-build" --version)"; ok=1; }
	return $ok
}
check deb-scratch-root scratch_root_ok || fail=1
check systemd-analyze-deb verify_unit "$root" /lib/systemd/system/kpatch.service || fail=1

##
## kpatch-dkms: DKMS itself builds the packaged sources with the packaged
## dkms.conf, against the newest installed Debian cloud kernel headers,
## with its trees and signing key in scratch directories.
##
dkms_ok() {
	local hdr krel ko vermagic
	hdr=$(ls -d /lib/modules/*-cloud-amd64/build 2>/dev/null | sort -V | tail -n 1)
	[[ -n $hdr && -f $hdr/Makefile ]] || { echo "    no linux-headers-*-cloud-amd64 installed"; return 1; }
	krel=$(basename "$(dirname "$hdr")")
	local ver
	ver=$(basename "$root"/usr/src/kpatch-*)
	ver=${ver#kpatch-}
	mkdir -p "$work/dkms/tree" "$work/dkms/install"
	mok_signing_key=$work/dkms/mok.key mok_certificate=$work/dkms/mok.pub \
		dkms build -m kpatch -v "$ver" -k "$krel" \
		--sourcetree "$root/usr/src" --dkmstree "$work/dkms/tree" \
		--installtree "$work/dkms/install" >"$work/dkms.log" 2>&1 || {
		show "$work/dkms.log"; return 1; }
	ko=$(find "$work/dkms/tree/kpatch/$ver/$krel" -name 'kpatch.ko*' | head -n 1)
	[[ -n $ko ]] || { echo "    dkms built no kpatch.ko"; show "$work/dkms.log"; return 1; }
	vermagic=$(modinfo -F vermagic "$ko")
	echo "    $krel: ${ko#$work/} (vermagic $vermagic)"
	[[ $vermagic == "$krel "* ]]
}
check dkms-build dkms_ok || fail=1

exit $fail
