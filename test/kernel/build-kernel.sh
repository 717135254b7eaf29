#!/bin/bash
# Build the project's test kernel, or reuse the cached build.
#
# The tree is linux-source-VERSION configured as tinyconfig plus
# config.fragment (and, for 6.12, config-6.12.fragment).  It is built in
# place in the cache, so that it can serve as KDIR for out-of-tree modules,
# and its in-tree modules are installed beside it for the guest.  Prints
# the tree's path on stdout.
#
# Usage: build-kernel.sh [--kernel 6.1|6.12] [--print-dir] [-j JOBS]
# --kernel defaults to $KPATCH_TEST_KERNEL, or else 6.1.
set -euo pipefail

jobs=$(nproc) print_dir=0
while [[ $# -gt 0 ]]; do
	case $1 in
	--kernel) export KPATCH_TEST_KERNEL=$2; shift ;;
	--print-dir) print_dir=1 ;;
	-j) jobs=$2; shift ;;
	-h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "build-kernel: unknown option '$1'" >&2; exit 2 ;;
	esac
	shift
done

. "$(dirname "$0")/paths.sh"
tk_set_paths
if [[ $print_dir -eq 1 ]]; then
	echo "$TK_TREE"
	exit 0
fi

log() { echo "build-kernel: $*" >&2; }

if [[ -e $TK_STAMP ]]; then
	echo "$TK_TREE"
	exit 0
fi

# Test suites may ask for the kernel at the same time; one builds, the
# others wait for it and then find the stamp.
mkdir -p "$TK_CACHE_ROOT"
exec 9>"$TK_LOCK"
if ! flock -n 9; then
	log "another build of the test kernel is running; waiting for it"
	flock 9
fi
if [[ -e $TK_STAMP ]]; then
	echo "$TK_TREE"
	exit 0
fi

if [[ $TK_VERSION == 6.1 ]]; then
	"$TK_SRCDIR/../../scripts/install-deps.sh" kernel
else
	"$TK_SRCDIR/../../scripts/install-deps.sh" "kernel-$TK_VERSION"
fi

# A half-finished entry from an interrupted run is worthless: start over.
rm -rf "$TK_DIR"
mkdir -p "$TK_DIR"
buildlog=$TK_DIR/build.log
start=$SECONDS

phase() { log "$1 ($((SECONDS - start)) s)"; }
fail() {
	log "FAILED: $1; last lines of $buildlog:"
	tail -n 30 "$buildlog" >&2
	exit 1
}

phase "unpacking $TK_SOURCE_TARBALL"
tar -C "$TK_DIR" -xf "$TK_SOURCE_TARBALL"
mv "$TK_DIR/$TK_SOURCE_PKG" "$TK_TREE"
fragment=$TK_DIR/config.fragment
tk_fragment >"$fragment"

phase "configuring $TK_VERSION: tinyconfig + $(basename "$TK_FRAGMENT")${TK_VFRAGMENT:+ + $(basename "$TK_VFRAGMENT")}"
cd "$TK_TREE"
{
	make tinyconfig
	scripts/kconfig/merge_config.sh -m .config "$fragment"
	make olddefconfig
} >>"$buildlog" 2>&1 || fail "configuration"

# olddefconfig drops what it can't satisfy without a word; a test kernel
# that silently lacks RETHUNK or ORC would make every test meaningless.
missing=0
while IFS= read -r line; do
	[[ $line =~ ^CONFIG_ ]] || continue
	if ! grep -qx -- "$line" .config; then
		log "config fragment line not in the resolved .config: $line"
		missing=1
	fi
done <"$fragment"
[[ $missing -eq 0 ]] || fail "config fragment not satisfied"

# The progress of a build: the objects compiled (kbuild's CC and AS
# lines), against the count of the last build of this config, or else of
# the build this script was written with.
count=$TK_CACHE_ROOT/objects-$(tk_key)
total=$(cat "$count" 2>/dev/null || echo 1063)
compiled() { grep -cE '^  (CC|AS) ' "$buildlog" || true; }
progress() {
	local n=$1 pct
	pct=$((n * 100 / total))
	[[ $pct -le 99 ]] || pct=99
	printf 'build-kernel: compiled %d/%d objects (%d%%, %d s)' "$n" "$total" "$pct" $((SECONDS - start))
}

phase "building bzImage, vmlinux and modules with -j$jobs"
before=$(compiled)
make -j"$jobs" bzImage modules >>"$buildlog" 2>&1 &
pid=$!
shown=$SECONDS
# On a terminal the count is updated in place; in a log, a line every
# 10 s.
while kill -0 "$pid" 2>/dev/null; do
	sleep 1
	if [[ -t 2 ]]; then
		printf '\r%s' "$(progress $(($(compiled) - before)))" >&2
	elif [[ $((SECONDS - shown)) -ge 10 ]]; then
		{ progress $(($(compiled) - before)); echo; } >&2
		shown=$SECONDS
	fi
done
rc=0
wait "$pid" || rc=$?
[[ -t 2 ]] && printf '\r\033[K' >&2
[[ $rc -eq 0 ]] || fail "kernel build"
echo $(($(compiled) - before)) >"$count"

phase "installing modules"
make modules_install INSTALL_MOD_PATH="$TK_MODDIR" >>"$buildlog" 2>&1 ||
	fail "modules_install"

touch "$TK_STAMP"
phase "done: $TK_TREE"
echo "$TK_TREE"
