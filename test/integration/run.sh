#!/bin/bash
# The integration suite: real patches against the test kernel's source,
# built with kpatch-build and loaded with the kpatch utility in the VM.
#
#   NAME.patch          must build, into /kpatch/NAME.ko in the guest
#   NAME-LOADED.test    runs in the guest, and loads the modules it needs
#   NAME-FAIL.patch     must make kpatch-build fail; its "Expect:" header
#                       line gives the text the error must contain
#   NAME-VARIANT.test   runs in a guest of its own, booted with a variant
#                       of the test kernel: its "# Variant: PATCH FUNC"
#                       line names the change to the kernel's source and
#                       the function it changes (variant/build-variant.sh)
#
# An "Options:" header line gives extra kpatch-build options (such as -R
# or -t), for both kinds of patch.  A "Sealed: FUNC..." line says that
# the patch changes functions that an IBT test kernel seals (lists in
# .ibt_endbr_seal, to poison their ENDBR64 at boot): on such a kernel
# the runner checks that its vmlinux does (sealed.py), so that the case
# keeps testing what it says.
#
# A patch is written against 6.1's source.  Where the code it changes
# differs in another test kernel's source (KPATCH_TEST_KERNEL: 6.12), that
# kernel's form of the same change is KERNEL/NAME.patch (6.12/NAME.patch),
# a whole patch file with its own header lines, which the runner reads in
# place of NAME.patch; the case's -LOADED.test is the same for both.  A
# "Kernels:" header line (in a test, "# Kernels:") names the test kernels
# a case is written for, when not all: the others SKIP it, since its code
# doesn't exist in their source.
#
# All patches build against one cached original build, and every
# -LOADED.test runs in one guest boot; each -VARIANT.test boots its own.
# shellcheck disable=SC2317  # functions run through check and expect_*
set -uo pipefail
shopt -s nullglob
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

here=$TEST_ROOT/integration
kb=$PROJECT_ROOT/kpatch-build/kpatch-build
work=$(mktemp -d /tmp/integration.XXXXXX)
trap 'rm -rf "$work"' EXIT

tree=$(test_kernel_tree) || exit 1
release=$(cat "$tree/include/config/kernel.release")

check build-create-diff-object make -s -C "$PROJECT_ROOT/kpatch-build" >/dev/null || exit 1
check build-core-module build_module "$PROJECT_ROOT/kmod/core" "$work/core" || exit 1

filter=${1:-}
kernel=${KPATCH_TEST_KERNEL:-6.1}
ibt=$(sed -n 's/^CONFIG_X86_KERNEL_IBT=//p' "$tree/.config")
# Is case FILE written for this kernel?  Prints the SKIP line if not.
for_kernel() {
	local k
	k=$(sed -n 's/^\(# \)\{0,1\}Kernels: //p' "$1" | head -n 1)
	[[ -z $k || " $k " == *" $kernel "* ]] && return 0
	echo "SKIP: $(basename "$1") (written for Linux $k, not $kernel)"
	return 1
}
# The form of patch FILE (of $here) for this kernel.
kernel_patch() {
	local own
	own=$here/$kernel/$(basename "$1")
	if [[ -e $own ]]; then echo "$own"; else echo "$1"; fi
}
kpatch_build() {
	"$kb" -s "$tree" -v "$tree/vmlinux" -o "$work/modules" "$@"
}

# The test kernel's tree as kpatch-build must leave it, whatever it does:
# every file's path, type, size and time.
tree_state() { (cd "$tree" && find . -printf '%P %y %s %T@\n' | sort | sha256sum); }
tree_before=$(tree_state)

# kpatch-build killed (SIGKILL: no trap runs) while it builds the patched
# source: the tree is as it was, and the next run builds the module.
killed_run() {
	local pid waited=0 out=$work/killed.out
	rm -f "$CACHEDIR/build.log"
	# kpatch-build itself, not a subshell around it, gets the signal.
	"$kb" -s "$tree" -v "$tree/vmlinux" -o "$work/modules" -n killed "$here/cmdline-string.patch" >"$out" 2>&1 &
	pid=$!
	until sed -n '/^== building the patched objects/,$p' "$CACHEDIR/build.log" 2>/dev/null | grep -q '^+ make '; do
		if ! kill -0 "$pid" 2>/dev/null || [[ $waited -ge 3000 ]]; then
			echo "kpatch-build never reached its patched build:" >&2
			tail -n 5 "$out" >&2
			kill -9 "$pid" 2>/dev/null
			return 1
		fi
		sleep 0.1
		waited=$((waited + 1))
	done
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	if [[ $(tree_state) != "$tree_before" ]]; then
		echo "the tree changed under a killed kpatch-build" >&2
		return 1
	fi
	kpatch_build -n killed "$here/cmdline-string.patch" >"$out" 2>&1 || { tail -n 10 "$out" >&2; return 1; }
	grep -q 'left patched by an interrupted run' "$out" || { echo "the next run did not notice the killed one" >&2; return 1; }
}

fail=0
tests=()
# A kernel's own patch must have a case to stand in for.
for p in "$here/$kernel"/*.patch; do
	if [[ ! -e $here/$(basename "$p") ]]; then
		echo "FAIL: $kernel/$(basename "$p") (no $(basename "$p") for it to replace)"
		fail=1
	fi
done
for p in "$here"/*.patch; do
	name=$(basename "$p" .patch)
	[[ -n $filter && $name != *$filter* ]] && continue
	p=$(kernel_patch "$p")
	for_kernel "$p" || continue
	read -r -a opts <<<"$(sed -n 's/^Options: //p' "$p" | head -n 1)"
	read -r -a sealed <<<"$(sed -n 's/^Sealed: //p' "$p" | head -n 1)"
	if [[ ${#sealed[@]} -gt 0 && $ibt == y ]]; then
		check "$name: ${sealed[*]} sealed in the test vmlinux" \
			"$here/sealed.py" "$tree/vmlinux" "${sealed[@]}" || fail=1
	fi
	if [[ $name == *-FAIL ]]; then
		expect=$(sed -n 's/^Expect: //p' "$p" | head -n 1)
		expect_refusal "$name" any "$expect" \
			kpatch_build "${opts[@]}" -n "kpatch-${name,,}" "$p" || fail=1
	else
		expect_build "build $name" kpatch_build "${opts[@]}" -n "$name" "$p" || fail=1
	fi
done

if [[ -z $filter ]]; then
	check killed-run killed_run || fail=1
	check tree-untouched test "$(tree_state)" == "$tree_before" || fail=1
	rm -f "$work/modules/killed.ko"
fi

# A test may use several patches (stacking), so tests are not tied to one
# patch: a module that failed to build fails its tests at load.
for t in "$here"/*-LOADED.test; do
	[[ -n $filter && $(basename "$t") != *$filter* ]] && continue
	for_kernel "$t" || continue
	tests+=("$t")
done

guest_files files "$release" "$work/core/kpatch.ko" "$work/modules"
if [[ ${#tests[@]} -gt 0 ]]; then
	"$RUN_VM" --report "${files[@]}" "${tests[@]}" || fail=1
fi

# variant_kernel TEST: the bzImage of TEST's variant, built on first use.
variant_kernel() {
	local spec
	read -r -a spec <<<"$(sed -n 's/^# Variant: //p' "$1" | head -n 1)"
	if [[ ${#spec[@]} -ne 2 ]]; then
		echo "$(basename "$1"): no '# Variant: PATCH FUNC' line" >&2
		return 1
	fi
	"$here/variant/build-variant.sh" "$tree" "$here/${spec[0]}" "${spec[1]}"
}

for t in "$here"/*-VARIANT.test; do
	[[ -n $filter && $(basename "$t") != *$filter* ]] && continue
	for_kernel "$t" || continue
	if ! bzimage=$(variant_kernel "$t"); then
		echo "FAIL: $(basename "$t" .test) (its variant kernel could not be built)"
		fail=1
		continue
	fi
	"$RUN_VM" --report -k "$bzimage" -M "$(dirname "$tree")/modules" \
		"${files[@]}" "$t" || fail=1
done
exit $fail
