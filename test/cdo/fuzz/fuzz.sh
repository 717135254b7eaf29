# A bounded libFuzzer run over create-diff-object, seeded with the
# objects the other cases built.  Sourced by run.sh; also runnable by
# hand for a longer campaign:
#   FUZZ_SECONDS=3600 test/cdo/run.sh    or, after one run.sh with
#   CDO_KEEP=1: CDO_FUZZ_DIR=... kpatch-build/cdo-fuzz -max_total_time=3600 CORPUS
# Prints "PASS: fuzz (N execs in S s)" or FAIL with the crash's report.

run_fuzz() { # SECONDS
	local secs=$1 dir=$WORK/fuzz corpus=$WORK/fuzz/corpus f n=0 out
	if [[ $secs == 0 ]]; then
		echo "SKIP: fuzz (FUZZ_SECONDS=0)"
		return 0
	fi
	if ! command -v clang >/dev/null; then
		echo "SKIP: fuzz (clang not installed: scripts/install-deps.sh fuzz)"
		return 0
	fi
	mkdir -p "$corpus"
	if ! make -s -C "$root/kpatch-build" fuzz >"$dir/build.log" 2>&1; then
		echo "FAIL: fuzz (the fuzz target doesn't build)"
		sed 's/^/    /' "$dir/build.log" | tail -10
		return 1
	fi
	# The fixed original for whole-pipeline inputs, and its listing.
	cp "$WORK/changed-function/orig.o" "$WORK/changed-function/parent.sym" \
		"$WORK/changed-function/Module.symvers" "$dir/" 2>/dev/null
	# Seeds: each mode byte in front of objects and listings of the cases.
	for f in "$WORK"/*/patched.o; do
		[[ -e $f && $(stat -c %s "$f") -lt 65536 ]] || continue
		n=$((n + 1))
		{ printf '\001'; cat "$f"; } >"$corpus/pipe-$n"
		{ printf '\000'; cat "$f"; } >"$corpus/elf-$n"
		[[ $n -ge 40 ]] && break
	done
	{ printf '\002'; head -c 4000 "$WORK/changed-function/parent.sym"; } >"$corpus/listing-1"
	# Inputs that once failed, so that they keep being tried first.
	cp "$here"/fuzz/regressions/* "$corpus/" 2>/dev/null
	out=$dir/fuzz.log
	(cd "$dir" && CDO_FUZZ_DIR=$dir ASAN_OPTIONS=detect_leaks=1 \
		"$root/kpatch-build/cdo-fuzz" -max_total_time="$secs" \
		-rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
		"$corpus" >"$out" 2>&1)
	local rc=$? execs
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out")
	if [[ $rc -eq 0 ]]; then
		echo "PASS: fuzz (${execs:-?} execs in $secs s, corpus $(ls "$corpus" | wc -l))"
		return 0
	fi
	echo "FAIL: fuzz (exit $rc after ${execs:-?} execs)"
	sed -n '/ERROR/,/^SUMMARY/p' "$out" | grep -v 'in fuzzer::\|libc_start\|_start ' |
		head -30 | sed 's/^/    /'
	# The work directory goes away: keep the input that failed.
	for f in "$dir"/crash-* "$dir"/leak-* "$dir"/oom-* "$dir"/timeout-*; do
		[[ -e $f ]] || continue
		cp "$f" "/tmp/cdo-fuzz-$(basename "$f")"
		echo "    input: /tmp/cdo-fuzz-$(basename "$f") (add it to test/cdo/fuzz/regressions)"
	done
	return 1
}
