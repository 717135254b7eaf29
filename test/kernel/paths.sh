# Sourced by the scripts that build or use the test kernel.  It names the
# cache directory of the build that matches the current source package,
# config fragments and build script, so that any change to one of them
# yields a fresh build instead of a stale one.
#
# KPATCH_TEST_KERNEL selects the kernel: 6.1 (the default) or 6.12.  Both
# start from config.fragment; 6.12 adds config-6.12.fragment, which also
# names the base lines that 6.12's Kconfig renamed or removed.

TK_SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TK_VERSION=${KPATCH_TEST_KERNEL:-6.1}
case $TK_VERSION in
6.1 | 6.12) ;;
*)
	echo "paths.sh: KPATCH_TEST_KERNEL='$TK_VERSION' is not a test kernel (use 6.1 or 6.12)" >&2
	return 2
	;;
esac
TK_FRAGMENT=$TK_SRCDIR/config.fragment
# The per-version fragment; absent for 6.1, whose cache key must not change.
TK_VFRAGMENT=$TK_SRCDIR/config-$TK_VERSION.fragment
[[ -e $TK_VFRAGMENT ]] || TK_VFRAGMENT=
TK_SOURCE_PKG=linux-source-$TK_VERSION
TK_SOURCE_TARBALL=/usr/src/$TK_SOURCE_PKG.tar.xz
TK_CACHE_ROOT=${XDG_CACHE_HOME:-$HOME/.cache}/kpatch/test-kernel

# Bump TK_RECIPE whenever build-kernel.sh changes what it produces.  The key
# deliberately leaves out the script's text, so that a comment or a log
# message doesn't throw away a 7-minute build.
TK_RECIPE=1

tk_key() {
	local ver
	ver=$(dpkg-query -W -f='${Version}' "$TK_SOURCE_PKG" 2>/dev/null || echo none)
	{ echo "$ver recipe $TK_RECIPE"; cat "$TK_FRAGMENT" ${TK_VFRAGMENT:+"$TK_VFRAGMENT"}; } |
		sha256sum | cut -c1-16
}

# The fragment that the build merges and checks: the base with the
# version's renames and removals applied, then the version's own lines.
# The per-version file says "#rename CONFIG_OLD CONFIG_NEW" or
# "#drop CONFIG_OLD" for a base line.
tk_fragment() {
	local sedprog=''
	if [[ -n $TK_VFRAGMENT ]]; then
		sedprog=$(awk '$1 == "#rename" { printf "s/^%s=/%s=/;", $2, $3 }
			$1 == "#drop" { printf "/^%s=/d;", $2 }' "$TK_VFRAGMENT")
	fi
	sed -e "$sedprog" "$TK_FRAGMENT"
	[[ -z $TK_VFRAGMENT ]] || cat "$TK_VFRAGMENT"
}

# TK_DIR: the cache entry; TK_TREE: the built, prepared kernel tree;
# TK_MODDIR: the in-tree modules, as installed under lib/modules.
tk_set_paths() {
	TK_DIR=$TK_CACHE_ROOT/$(tk_key)
	TK_TREE=$TK_DIR/linux
	TK_MODDIR=$TK_DIR/modules
	TK_BZIMAGE=$TK_TREE/arch/x86/boot/bzImage
	TK_STAMP=$TK_DIR/complete
	TK_LOCK=$TK_CACHE_ROOT/.lock
}
