#!/bin/bash
# Boot a kernel under QEMU (TCG) with a busybox initramfs, run guest
# scripts in it, and judge them by what the serial console shows.
#
# Usage: run-vm.sh [options] SCRIPT...
#   -k, --kernel BZIMAGE   kernel to boot (default: the project's test
#                          kernel, built and cached on first use; the
#                          6.12 one with KPATCH_TEST_KERNEL=6.12)
#   -M, --modules DIR      a directory holding lib/modules/<release>, put
#                          into the guest so modprobe works (default: the
#                          test kernel's in-tree modules)
#   -f, --file SRC[:DEST]  put a file into the guest; DEST defaults to
#                          /kpatch/<name of SRC>.  Repeatable.
#   -a, --append ARGS      extra kernel command line
#   -t, --timeout SECONDS  bound on the whole run (default 600)
#   -r, --report           print one "PASS: <script>" or "FAIL: <script>"
#                          line per script (for test suites)
#   -l, --log FILE         keep the console log in FILE
#   -v, --verbose          show the whole console even on success
#
# The guest has two vCPUs, so stop_machine() really stops another CPU.
# TCG runs them in one host thread: with one thread per vCPU, a vCPU was
# seen to keep executing a stale int3 at an ftrace call site after
# text_poke_bp() had finished, and the guest stalled (with the plain
# function tracer too, without kpatch).
#
# Scripts run one after the other in one guest, in /kpatch, with PATH set
# to busybox and /bin/bash (bash-static) available.  A script passes when
# it exits 0 and the kernel printed no oops, panic, BUG or WARN while it
# ran.  Exit status: 0 when every script passed, otherwise the exit status
# of the first failed script (1 if it exited 0 but the kernel complained),
# 124 on timeout, 2 on a usage error.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
kernel='' moddir='' append='' timeout=600 report=0 keeplog='' verbose=0
files=()

# The comment at the top of this file, from its second line to its last.
usage() { sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"; }
die() { echo "run-vm: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
	case $1 in
	-k|--kernel) kernel=$2; shift ;;
	-M|--modules) moddir=$2; shift ;;
	-f|--file) files+=("$2"); shift ;;
	-a|--append) append="$append $2"; shift ;;
	-t|--timeout) timeout=$2; shift ;;
	-r|--report) report=1 ;;
	-l|--log) keeplog=$2; shift ;;
	-v|--verbose) verbose=1 ;;
	-h|--help) usage; exit 0 ;;
	--) shift; break ;;
	-*) die "unknown option '$1' (see --help)" ;;
	*) break ;;
	esac
	shift
done
[[ $# -gt 0 ]] || die "no guest script given (see --help)"
scripts=("$@")
for s in "${scripts[@]}"; do
	[[ -f $s ]] || die "guest script '$s' not found"
done

"$here/../../scripts/install-deps.sh" vm

if [[ -z $kernel ]]; then
	tree=$("$here/../kernel/build-kernel.sh")
	kernel=$tree/arch/x86/boot/bzImage
	# shellcheck source=../kernel/paths.sh
	. "$here/../kernel/paths.sh"
	tk_set_paths
	moddir=${moddir:-$TK_MODDIR}
fi
[[ -f $kernel ]] || die "kernel '$kernel' not found"

work=$(mktemp -d /tmp/run-vm.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,run,kpatch,tests,lib/modules,etc,root,var/lib}

cp /bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
	[[ $applet == busybox ]] || ln -sf busybox "$root/bin/$applet"
done
cp /bin/bash-static "$root/bin/bash"
[[ -n $moddir && -d $moddir/lib/modules ]] && cp -a "$moddir/lib/modules/." "$root/lib/modules/"

for spec in "${files[@]}"; do
	src=${spec%%:*}
	dest=/kpatch/$(basename "$src")
	[[ $spec == *:* ]] && dest=${spec#*:}
	[[ -e $src ]] || die "file '$src' not found"
	mkdir -p "$root$(dirname "$dest")"
	cp -a "$src" "$root$dest"
done

i=0
names=()
for s in "${scripts[@]}"; do
	i=$((i + 1))
	name=$(basename "$s")
	names+=("$name")
	cp "$s" "$root/tests/$(printf %03d $i)-$name"
	chmod +x "$root/tests/$(printf %03d $i)-$name"
done

# The markers are unlikely to appear in any other output, and carry the
# script's name so that the host can tell which script a kernel complaint
# came during.
cat >"$root/init" <<'INIT'
#!/bin/sh
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
ln -s /proc/self/fd /dev/fd
mount -t tmpfs tmp /tmp
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
echo "@@KPATCH-VM-BOOTED $(uname -r)@@"
for t in /tests/*; do
	name=${t#/tests/???-}
	echo "@@KPATCH-TEST-BEGIN $name@@"
	(cd /kpatch && "$t" </dev/null)
	rc=$?
	echo "@@KPATCH-TEST-END $name $rc@@"
done
echo "@@KPATCH-VM-DONE@@"
sync
reboot -f
INIT
chmod +x "$root/init"

(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) >"$work/initramfs.cpio"

log=$work/console.log
start=$SECONDS
set +e
timeout -k 10 "$timeout" qemu-system-x86_64 \
	-accel tcg,thread=single -cpu max -smp 2 -m 1G -no-reboot -nodefaults \
	-display none -monitor none -serial "file:$log" \
	-kernel "$kernel" -initrd "$work/initramfs.cpio" \
	-append "console=ttyS0 panic=-1 printk.time=1 $append" \
	</dev/null >"$work/qemu.out" 2>&1
qrc=$?
set -e
elapsed=$((SECONDS - start))
[[ -n $keeplog ]] && cp "$log" "$keeplog"

# A kernel complaint fails the script that was running, whatever it exited.
# printk.time=1 stamps every kernel line, which tells the kernel's words
# apart from a script's own output.
complaint='^\[ *[0-9]+\.[0-9]+\] .*(WARNING:|Oops|BUG:|Kernel panic|kernel BUG at|general protection fault|UBSAN:|KASAN:|list_(add|del) corruption|rcu: INFO:|Call Trace:)'

declare -A rc_of complained
current=
while IFS= read -r line; do
	line=${line%$'\r'}
	if [[ $line =~ @@KPATCH-TEST-BEGIN\ (.*)@@ ]]; then
		current=${BASH_REMATCH[1]}
	elif [[ $line =~ @@KPATCH-TEST-END\ (.*)\ ([0-9]+)@@ ]]; then
		rc_of[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
		current=
	elif [[ $line =~ $complaint ]]; then
		complained[${current:-boot}]=1
	fi
done <"$log"

status=0 show=$verbose
if [[ $qrc -eq 124 || $qrc -eq 137 ]]; then
	echo "run-vm: TIMEOUT after ${timeout} s" >&2
	status=124 show=1
elif ! grep -q '@@KPATCH-VM-DONE@@' "$log"; then
	echo "run-vm: the guest did not finish its scripts (qemu exit $qrc)" >&2
	cat "$work/qemu.out" >&2
	status=1 show=1
fi
if [[ -n ${complained[boot]:-} ]]; then
	echo "run-vm: the kernel complained outside any script" >&2
	[[ $status -eq 0 ]] && status=1
	show=1
fi

for name in "${names[@]}"; do
	rc=${rc_of[$name]:-}
	why=
	if [[ -z $rc ]]; then
		why="did not finish"
	elif [[ $rc -ne 0 ]]; then
		why="exited $rc"
	elif [[ -n ${complained[$name]:-} ]]; then
		why="exited 0 but the kernel printed an oops, BUG or WARN"
		rc=1
	fi
	if [[ -n $why ]]; then
		[[ $status -eq 0 ]] && status=${rc:-1}
		[[ $status -eq 0 ]] && status=1
		show=1
		[[ $report -eq 1 ]] && echo "FAIL: $name ($why)" || echo "run-vm: $name: FAILED: $why" >&2
	else
		[[ $report -eq 1 ]] && echo "PASS: $name" || echo "run-vm: $name: ok" >&2
	fi
done

if [[ $show -eq 1 ]]; then
	echo "----- guest console ($(basename "$kernel"), ${elapsed} s) -----" >&2
	cat "$log" >&2
	echo "----- end of guest console -----" >&2
else
	echo "run-vm: ${#names[@]} script(s) in ${elapsed} s" >&2
fi
exit "$status"
