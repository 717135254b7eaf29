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

# Only what the demo uses: the fuzz group (clang) is for make check.
step "installing the Debian packages the demo needs (if missing)"
"$root/scripts/install-deps.sh" build kernel vm

step "building the test kernel (about 4 minutes on 2 CPUs the first time; cached)"
tree=$(test_kernel_tree)
release=$(cat "$tree/include/config/kernel.release")
echo "tree: $tree (Linux $release)"

step "building create-diff-object and the core module kpatch.ko"
work=$(mktemp -d /tmp/kpatch-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT
make -s -C "$root/kpatch-build"
build_module "$root/kmod/core" "$work/core"

step "kpatch-build $(basename "$patch") (the first run also prepares its copy of the tree, once)"
sed -n '/^---/,$p' "$patch" | sed 's/^/  | /'
"$root/kpatch-build/kpatch-build" -s "$tree" -v "$tree/vmlinux" -o "$work" "$patch"
module=$(ls "$work"/kpatch-*.ko)
name=$(basename "$module" .ko)

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
