# Helpers for the host side of test suites.  Source it from a suite's run.sh.

TEST_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_ROOT=$(dirname "$TEST_ROOT")
RUN_VM=$TEST_ROOT/vm/run-vm.sh

# kpatch-build's cache for the tests and the demo: under ~/.cache like the
# test kernel, so that one warm cache serves both.
export CACHEDIR=${KPATCH_TEST_CACHEDIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kpatch/kpatch-build}

# The test kernel's tree, built on first use.  Exits the suite with a FAIL
# line when it can't be built: every VM test depends on it.
test_kernel_tree() {
	local tree
	if ! tree=$("$TEST_ROOT/kernel/build-kernel.sh"); then
		echo "FAIL: test-kernel (build-kernel.sh failed)"
		exit 1
	fi
	echo "$tree"
}

# build_module SRCDIR OUTDIR: build the out-of-tree module in SRCDIR
# against the test kernel, in a copy under OUTDIR so that the source tree
# stays clean.  Warnings are errors (W=1).  The .ko lands in OUTDIR.
build_module() {
	local src=$1 out=$2 tree
	tree=$(test_kernel_tree) || return 1
	mkdir -p "$out"
	cp -a "$src/." "$out/"
	make -s -C "$tree" M="$out" W=1 KCFLAGS=-Werror modules >"$out/build.log" 2>&1 || {
		cat "$out/build.log" >&2
		return 1
	}
}

# guest_files ARRAY RELEASE CORE_KO MODULE_DIR: set ARRAY to the run-vm.sh
# options that put into the guest, where a sysadmin would have them, the
# kpatch utility and kpatch.ko for RELEASE, plus the -LOADED.test helpers
# and every patch module of MODULE_DIR (in /kpatch).
guest_files() {
	local -n files_=$1
	local m
	files_=(-f "$PROJECT_ROOT/kpatch/kpatch:/usr/sbin/kpatch"
		-f "$3:/lib/modules/$2/extra/kpatch/kpatch.ko"
		-f "$TEST_ROOT/integration/lib.sh:/kpatch/lib.sh")
	for m in "$4"/*.ko; do
		[[ -e $m ]] && files_+=(-f "$m")
	done
}

# check NAME CMD...: run CMD, print PASS or FAIL for NAME.
check() {
	local name=$1
	shift
	if "$@"; then
		echo "PASS: $name"
	else
		echo "FAIL: $name"
		return 1
	fi
}
