#!/bin/bash
# The main job, end to end, on the project's test kernel in the VM:
# kpatch-build turns examples/cmdline-string.patch into a live patch
# module, and the kpatch utility loads it into the running guest kernel
# and takes it off again.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../test/lib.sh
. "$root/test/lib.sh"
patch=${1:-$root/examples/cmdline-string.patch}

t0=$SECONDS
step() { printf '\n==> [%4d s] %s\n' $((SECONDS - t0)) "$*"; }
work=$(mktemp -d /tmp/kpatch-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT

# A job in the background, its output in $work/NAME.out and its time in
# $work/NAME.time; wait_job NAME shows them and fails as the job did.
declare -A job_pid
job() {
	local name=$1
	shift
	(
		s=$SECONDS
		rc=0
		"$@" >"$work/$name.out" 2>&1 || rc=$?
		echo $((SECONDS - s)) >"$work/$name.time"
		exit $rc
	) &
	job_pid[$name]=$!
}
wait_job() {
	local name=$1 what=$2 rc=0
	wait "${job_pid[$name]}" || rc=$?
	sed 's/^/  /' "$work/$name.out"
	if [[ $rc -ne 0 ]]; then
		echo "demo: $what failed (exit $rc)" >&2
		exit 1
	fi
	echo "  $what: $(cat "$work/$name.time") s, in the background"
}

# Only what the demo uses (the fuzz group, clang, is for make check), and
# first only what the kernel build needs: QEMU and busybox are installed
# while the kernel builds, with a log of their own.
step "installing the Debian packages that the kernel build needs (if missing)"
"$root/scripts/install-deps.sh" build kernel
deps_log=$(dirname "${KPATCH_DEPS_LOG:-${XDG_CACHE_HOME:-$HOME/.cache}/kpatch/install-deps.log}")
job vm-deps env KPATCH_DEPS_LOG="$deps_log/install-deps-vm.log" "$root/scripts/install-deps.sh" vm
# create-diff-object too: the kernel build's links leave a CPU idle.
job cdo make -s -C "$root/kpatch-build"

step "building the test kernel (about 4 minutes on 2 CPUs the first time; cached); beside it, the VM packages and create-diff-object"
tree=$(test_kernel_tree)
release=$(cat "$tree/include/config/kernel.release")
echo "tree: $tree (Linux $release)"
wait_job cdo "create-diff-object"

# kpatch.ko for the guest builds beside kpatch-build, whose serial steps
# leave a CPU idle.
job core build_module "$root/kmod/core" "$work/core"
step "kpatch-build $(basename "$patch") (the first run also prepares the tree, once); beside it, kpatch.ko"
sed -n '/^---/,$p' "$patch" | sed 's/^/  | /'
"$root/kpatch-build/kpatch-build" -s "$tree" -v "$tree/vmlinux" -o "$work" "$patch"
module=$(ls "$work"/kpatch-*.ko)
name=$(basename "$module" .ko)
wait_job core "kpatch.ko"
wait_job vm-deps "the VM's packages"

step "booting the test kernel under QEMU, loading and unloading the patch"
cat >"$work/demo.sh" <<GUEST
#!/bin/sh
echo "\\\$ cat /proc/cmdline"; cat /proc/cmdline
echo "\\\$ kpatch load $name.ko"; kpatch load /kpatch/$name.ko
echo "\\\$ cat /proc/cmdline"; cat /proc/cmdline
echo "\\\$ kpatch list"; kpatch list
echo "\\\$ kpatch unload $name"; kpatch unload $name
echo "\\\$ cat /proc/cmdline"; cat /proc/cmdline
GUEST
chmod +x "$work/demo.sh"
guest_files files "$release" "$work/core/kpatch.ko" "$work"
"$RUN_VM" "${files[@]}" -l "$work/console.log" "$work/demo.sh"
sed -n '/@@KPATCH-TEST-BEGIN/,/@@KPATCH-TEST-END/p' "$work/console.log" |
	grep -v '@@KPATCH' | sed 's/^/  guest| /'

step "done"
