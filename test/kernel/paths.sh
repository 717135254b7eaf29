# Sourced by the scripts that build or use the test kernel.  It names the
# cache directory of the build that matches the current source package,
# config fragment and build script, so that any change to one of them
# yields a fresh build instead of a stale one.

TK_SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TK_FRAGMENT=$TK_SRCDIR/config.fragment
TK_SOURCE_TARBALL=/usr/src/linux-source-6.1.tar.xz
TK_CACHE_ROOT=${XDG_CACHE_HOME:-$HOME/.cache}/kpatch/test-kernel

# Bump TK_RECIPE whenever build-kernel.sh changes what it produces.  The key
# deliberately leaves out the script's text, so that a comment or a log
# message doesn't throw away a 7-minute build.
TK_RECIPE=1

tk_key() {
	local ver
	ver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || echo none)
	{ echo "$ver recipe $TK_RECIPE"; cat "$TK_FRAGMENT"; } |
		sha256sum | cut -c1-16
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
