#!/bin/bash
# The main job, end to end, on the project's test kernel in the VM.
#
# Until the build pipeline lands, the demo sets everything up, builds the
# test kernel and a module against it, boots the VM, and shows the module
# loading into the running guest kernel and coming off again.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/test/lib.sh"

t0=$SECONDS
step() { printf '\n==> [%4d s] %s\n' $((SECONDS - t0)) "$*"; }

step "installing the Debian packages the project needs (if missing)"
"$root/scripts/install-deps.sh"

step "building the test kernel (cached after the first run)"
tree=$(test_kernel_tree)
echo "tree: $tree"

step "building a module against it"
work=$(mktemp -d /tmp/kpatch-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT
build_module "$root/test/smoke/hello" "$work/hello"
ls -l "$work/hello/hello.ko"

step "booting the test kernel under QEMU and loading the module"
cat >"$work/demo.sh" <<'GUEST'
#!/bin/sh
echo "guest kernel: $(uname -r)"
echo "# insmod hello.ko"
insmod /kpatch/hello.ko
grep '^hello ' /proc/modules
dmesg | grep kpatch-smoke
echo "# rmmod hello"
rmmod hello
dmesg | grep kpatch-smoke | tail -n 1
GUEST
chmod +x "$work/demo.sh"
"$RUN_VM" -f "$work/hello/hello.ko" -l "$work/console.log" "$work/demo.sh"
sed -n '/@@KPATCH-TEST-BEGIN/,/@@KPATCH-TEST-END/p' "$work/console.log" |
	grep -v '@@KPATCH' | sed 's/^/  guest| /'

step "done"
