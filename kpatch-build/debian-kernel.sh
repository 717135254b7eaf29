# Sourced by kpatch-build: everything that is particular to patching a
# stock Debian kernel (a release such as 6.1.0-56-cloud-amd64 or
# 6.12.117+deb12-cloud-amd64).
#
# Debian ships all that a build needs, in packages: the source
# (linux-source-6.1 or linux-source-6.12, one tarball for every flavour), the exact config and
# the release string (linux-headers-RELEASE), the vmlinux with its symbols
# (linux-image-RELEASE-dbg) and the modules (linux-image-RELEASE).  The
# objects we rebuild only match the shipped ones when the compiler, the
# config, the release string and the version banner are Debian's own, so
# this file sets all four.
#
# A whole Debian kernel takes hours to build on a small machine; like any
# tree, kpatch-build only prepares it (generated headers, objtool), and
# builds each object on first use: the first patch against a release
# costs a few minutes, the next ones seconds.
#
# The contract with kpatch-build.  kpatch-build picks this mode
# (mode=debian) when -a names a Debian release and -s is not given, and
# then calls debian_NAME for each hook that it lists above its plain_NAME
# defaults: setup, check_banner, configure_tree, config_changed,
# unbuilt_why, kernel_symvers and module_ko.
#   Reads:  krelease, cachedir, log; config and vmlinux as -c and -v gave
#           them (or empty); tree (in configure_tree); and kpatch-build's
#           helpers die, info, logrun and vmlinux_banner.
#   Writes: in debian_setup, srcdir (the unpacked source), config and
#           vmlinux when they were empty, cc_real (the config's gcc-12), kbuild_dir
#           (the headers: the patch module is built against them), and
#           exports the KBUILD_BUILD_* and DISTRIBUTION_* variables of
#           Debian's build.
#   Owns:   headers, debian_dir and debver, set by debian_setup.
# shellcheck shell=bash disable=SC2034,SC2154  # the contract's variables

# A Debian release: the upstream version, then the ABI, then the
# flavour.  Until 6.1 the ABI is a number (6.1.0-56-cloud-amd64); from
# 6.12 it is the full upstream version with +debN (6.12.117+deb12-cloud-amd64,
# bookworm's security archive; +deb13 in trixie) or +bpo (backports).
debian_release_like() {
	[[ $1 =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9]+|\+deb[0-9]+|\+bpo)-[a-z0-9-]+$ ]]
}

# Install PKG (an apt spec such as name=version) when we may; otherwise
# say exactly what to run.
debian_install() {
	local what=$1 pkg=$2
	if [[ $(id -u) -ne 0 ]]; then
		die "$pkg is not installed ($what): install it with 'apt-get install $pkg' (as root)"
	fi
	info "  installing $pkg ($what)"
	logrun apt-get install -y --no-install-recommends "$pkg" ||
		die "can't install $pkg with apt-get; see $log (is the release still in the archive? try 'apt-get update')"
}

# Fetch a .deb into the cache through apt (no root needed) and unpack
# the given paths from it; fails when tar finds none of them.  apt-get download writes to the current
# directory, so it runs in a directory of its own.
debian_fetch() {
	local pkg=$1 dest=$2
	shift 2
	local dl=$cachedir/debian/downloads deb
	mkdir -p "$dl" "$dest"
	deb=$(find "$dl" -name "${pkg}_*.deb" | head -n 1)
	if [[ -z $deb ]]; then
		info "  downloading $pkg"
		(cd "$dl" && logrun apt-get download "$pkg") ||
			die "can't download $pkg with apt-get; see $log (run 'apt-get update'; is the release still in the archive?)"
		deb=$(find "$dl" -name "${pkg}_*.deb" | head -n 1)
	fi
	info "  unpacking ${*: -1} from $(basename "$deb")"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dest" "$@" 2>>"$log"
}

# The version of an installed package, or nothing.
debian_installed_version() {
	dpkg-query -W -f='${db:Status-Status} ${Version}\n' "$1" 2>/dev/null |
		sed -n 's/^installed //p'
}

# The setup hook: every input from Debian's packages, installed or
# downloaded as needed, and checked to be the one upload.
debian_setup() {
	local rel=$krelease tool
	for tool in apt-get dpkg-deb dpkg-query gcc-12 pahole; do
		command -v "$tool" >/dev/null ||
			die "'$tool' is missing: a Debian kernel build needs apt, dpkg, gcc-12 and pahole (dwarves): apt-get install gcc-12 dwarves"
	done
	debian_dir=$cachedir/debian/$rel
	mkdir -p "$debian_dir"

	headers=/usr/src/linux-headers-$rel
	[[ -f $headers/.config ]] || debian_install "the headers of $rel" "linux-headers-$rel"
	[[ -f $headers/.config && -f $headers/Module.symvers ]] ||
		die "$headers has no .config or Module.symvers: reinstall linux-headers-$rel"

	# The debug vmlinux is large (about 600 MB unpacked, with its DWARF):
	# use the installed one, or keep just that one file of the package.
	if [[ -z $vmlinux ]]; then
		vmlinux=/usr/lib/debug/boot/vmlinux-$rel
		if [[ ! -f $vmlinux ]]; then
			vmlinux=$debian_dir/vmlinux
			if [[ ! -f $vmlinux ]]; then
				debian_fetch "linux-image-$rel-dbg" "$debian_dir/dbg" "./usr/lib/debug/boot/vmlinux-$rel" ||
					die "linux-image-$rel-dbg has no /usr/lib/debug/boot/vmlinux-$rel; see $log"
				mv "$debian_dir/dbg/usr/lib/debug/boot/vmlinux-$rel" "$vmlinux"
				rm -rf "$debian_dir/dbg"
			fi
		fi
	fi
	[[ -f $vmlinux ]] || die "vmlinux '$vmlinux' not found"

	# The banner says which Debian upload this is:
	#   ... #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)
	local banner
	banner=$(vmlinux_banner "$vmlinux")
	[[ $banner =~ \ Debian\ ([^ ]+)\ \(([0-9-]+)\)$ ]] ||
		die "$vmlinux has no Debian version in its banner ('${banner:-none}'): is it a Debian kernel?"
	debver=${BASH_REMATCH[1]}
	local debdate=${BASH_REMATCH[2]}
	[[ $banner == "Linux version $rel "* ]] ||
		die "$vmlinux is not $rel (its banner: '$banner')"

	# The ABI name can stay the same across uploads: when we patch the
	# kernel that runs, it must be the very upload of these packages.
	local running
	if [[ $rel == "$(uname -r)" ]]; then
		running=$(sed -n 's/.* Debian \([^ ]*\) (.*/\1/p' /proc/version)
		[[ -z $running || $running == "$debver" ]] ||
			die "the running kernel $rel is Debian $running, but its packages are $debver: a patch built from them would not match it; boot the kernel of $debver, or pass -v with the vmlinux of $running"
	fi

	local hv
	hv=$(debian_installed_version "linux-headers-$rel")
	[[ -z $hv || $hv == "$debver" ]] ||
		die "linux-headers-$rel is $hv, but the kernel $rel is Debian $debver: the packages disagree; reinstall linux-headers-$rel=$debver"

	# One source package serves every flavour and ABI of a branch; its
	# version must be the very upload that built the kernel.
	local series srcpkg sv
	series=$(echo "$rel" | cut -d. -f1-2)
	srcpkg=linux-source-$series
	sv=$(debian_installed_version "$srcpkg")
	if [[ -z $sv ]]; then
		debian_install "the kernel source" "$srcpkg=$debver"
		sv=$(debian_installed_version "$srcpkg")
	fi
	[[ $sv == "$debver" ]] ||
		die "$srcpkg is version $sv, but the kernel $rel was built from Debian $debver: its objects would not match; install the matching source with 'apt-get install $srcpkg=$debver' (or take the kernel that matches $sv)"

	local tarball=/usr/src/$srcpkg.tar.xz
	[[ -f $tarball ]] || die "$tarball is missing: reinstall $srcpkg"
	srcdir=$cachedir/debian/src/$srcpkg-$debver
	if [[ ! -e $srcdir.complete ]]; then
		info "  unpacking $tarball (once)"
		rm -rf "$srcdir"
		mkdir -p "$srcdir"
		logrun tar -xf "$tarball" -C "$srcdir" --strip-components=1
		touch "$srcdir.complete"
	fi

	[[ -n $config ]] || config=$headers/.config
	# Debian names its compiler by the target triplet from 6.12 on
	# (x86_64-linux-gnu-gcc-12) and plain gcc-12 before.  The name is part
	# of CONFIG_CC_VERSION_TEXT, which olddefconfig would rewrite: so the
	# compiler is the one the config names.
	local cc_named
	cc_named=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\([^ ]*\) .*/\1/p' "$config")
	cc_real=${KPATCH_CC_REAL:-${cc_named:-gcc-12}}
	command -v "$cc_real" >/dev/null ||
		die "the config of $rel names the compiler '$cc_real', which is not installed: apt-get install gcc-12"
	kbuild_dir=$headers

	# The version banner (init/version.o) and the build ID salt come
	# from these, as in Debian's own build.
	export DISTRIBUTION_OFFICIAL_BUILD=1 DISTRIBUTOR=Debian DISTRIBUTION_VERSION=$debver
	export KBUILD_BUILD_VERSION_TIMESTAMP="Debian $debver ($debdate)"
	export KBUILD_BUILD_USER=debian-kernel KBUILD_BUILD_HOST=lists.debian.org
	unset KBUILD_BUILD_VERSION
	info "  Debian kernel $rel, version $debver: source $srcpkg, config and exports from $headers"
}

# Nothing: debian_setup has checked that the banner names the release,
# and the upload of its packages.
debian_check_banner() { :; }

# Configured as Debian's build is.  The tree gets Debian's release
# string and compiler the way Debian's headers do: .kernelvariables
# overrides KERNELRELEASE, which no LOCALVERSION can produce.
debian_configure_tree() {
	cp "$headers/.kernelvariables" "$tree/.kernelvariables"
}

# A distribution's objects only match with its exact config.
debian_config_changed() {
	die "olddefconfig changed the config of $krelease (see $log): this host's tools differ from Debian's build (pahole from dwarves missing? gcc-12-plugin-dev installed?)"
}

# Debian ships no .cmd files, in its headers or anywhere.
debian_unbuilt_why() {
	echo "kpatch-build doesn't do that for a Debian release (Debian ships no .cmd files)"
}

debian_kernel_symvers() { echo "$headers/Module.symvers"; }

# The debug copy of module NAME (kbuild's name, with underscores), for
# its symbol table: the shipped .ko files are stripped of their file
# symbols, which create-diff-object needs to find an object's locals.  The
# other symbols of both copies are the same, in the same order.
debian_module_ko() {
	local name=$1 pattern ko d
	pattern=${name//_/[_-]}.ko
	for d in "/usr/lib/debug/lib/modules/$krelease" "$debian_dir/dbg/usr/lib/debug/lib/modules/$krelease"; do
		[[ -d $d ]] || continue
		ko=$(find "$d" -name "$pattern" | head -n 1)
		[[ -n $ko ]] && { echo "$ko"; return; }
	done
	# tar fails when the pattern matches nothing: the find below says so.
	# In a subshell, so that a failed download, which dies, is followed by
	# that message too.
	mkdir -p "$debian_dir/dbg"
	(debian_fetch "linux-image-$krelease-dbg" "$debian_dir/dbg" --wildcards "./usr/lib/debug/lib/modules/$krelease/*/$pattern") >&2 || true
	ko=$(find "$debian_dir/dbg/usr/lib/debug/lib/modules/$krelease" -name "$pattern" 2>/dev/null | head -n 1)
	[[ -n $ko ]] || die "module $name: linux-image-$krelease-dbg has no $name.ko: this configuration doesn't build it as a module, so there is nothing to patch"
	echo "$ko"
}
