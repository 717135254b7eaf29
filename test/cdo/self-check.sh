# Every C object of the test tree's kernel/ and mm/ against itself, under
# ASan and UBSan: no functional change (exit 3), and no sanitizer report.
# These objects are built without -ffunction-sections, so their .text is
# cut per function (kelf-split.c) on every run.  Sourced by run.sh; SKIPs
# when the test kernel isn't built.
run_self_check() {
	local tree f n=0 bad=0 out rc log=$WORK/self-check.log listing
	tree=$("$root/test/kernel/build-kernel.sh" --print-dir 2>/dev/null)
	if [[ -z $tree || ! -e $tree/../complete ]]; then
		echo "SKIP: self/tree (test kernel not built: test/kernel/build-kernel.sh)"
		return 0
	fi
	listing=$(kernel_listing) || { echo "FAIL: self/tree (no listing)"; return 1; }
	: >"$log"
	for f in "$tree"/kernel/*.o "$tree"/kernel/*/*.o "$tree"/mm/*.o; do
		[[ $f == *.mod.o ]] && continue
		n=$((n + 1))
		out=$(ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
			"$CDO_ASAN" "$f" "$f" vmlinux "$listing" /dev/null self \
			"$WORK/self.o" 2>&1)
		rc=$?
		if [[ $rc != 3 ]] || grep -q 'Sanitizer\|runtime error' <<<"$out"; then
			bad=$((bad + 1))
			echo "${f#"$tree"/}: exit $rc: $(tail -1 <<<"$out")" >>"$log"
		fi
	done
	if [[ $bad == 0 ]]; then
		echo "PASS: self/tree ($n objects unchanged against themselves)"
		return 0
	fi
	echo "FAIL: self/tree ($bad of $n objects)"
	sed 's/^/    /' "$log" | head -10
	return 1
}
