# The instruction decoder that kelf-split.c relies on, against objdump on
# real objects: the cached kernel fixtures (compiled as kpatch-build
# compiles) and the C objects of the test tree's kernel/ and mm/.
# Sourced by run.sh; SKIPs when the test kernel isn't built.
run_insn_check() {
	local tree objs log=$WORK/insn-check.log
	tree=$("$root/test/kernel/build-kernel.sh" --print-dir 2>/dev/null)
	if [[ -z $tree || ! -e $tree/../complete ]]; then
		echo "SKIP: insn/objdump (test kernel not built: test/kernel/build-kernel.sh)"
		return 0
	fi
	if ! gcc -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -O1 \
		-I"$root/kpatch-build" -o "$WORK/insn-check" "$here/insn-check.c" \
		"$root/kpatch-build/insn.c" -lelf >"$log" 2>&1; then
		echo "FAIL: insn/objdump"
		sed 's/^/    /' "$log" | tail -5
		return 1
	fi
	objs=("${CDO_FIXTURES:-$HOME/.cache/kpatch/cdo-fixtures}"/*/*.o
		"$tree"/kernel/*.o "$tree"/kernel/*/*.o "$tree"/mm/*.o)
	if python3 "$here/insn-check.py" "$WORK/insn-check" "${objs[@]}" >"$log" 2>&1; then
		echo "PASS: insn/objdump ($(tail -1 "$log"))"
		return 0
	fi
	echo "FAIL: insn/objdump"
	sed 's/^/    /' "$log" | head -10
	return 1
}
