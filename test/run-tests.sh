#!/bin/bash
# Run every test suite named in test/SUITES (or those given as arguments)
# and print one summary line.  A suite is a directory with an executable
# run.sh that prints one line per test case:
#   PASS: <case>     FAIL: <case>     SKIP: <case> (<why>)
# and exits non-zero when any case failed.  A suite that exits non-zero
# without printing a FAIL line counts as one failed case of its own, so a
# crash in a suite can never pass unnoticed.
set -uo pipefail

testdir=$(cd "$(dirname "$0")" && pwd)
suites=("$@")
if [[ ${#suites[@]} -eq 0 ]]; then
	mapfile -t suites < <(grep -v '^\s*\(#\|$\)' "$testdir/SUITES")
fi

passed=0 failed=0 skipped=0
start=$SECONDS
for suite in "${suites[@]}"; do
	echo "=== suite $suite"
	t0=$SECONDS
	out=$(mktemp)
	"$testdir/$suite/run.sh" 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	p=$(grep -c '^PASS: ' "$out")
	f=$(grep -c '^FAIL: ' "$out")
	s=$(grep -c '^SKIP: ' "$out")
	if [[ $rc -ne 0 && $f -eq 0 ]]; then
		echo "FAIL: $suite (run.sh exited $rc without naming a failed case)"
		f=1
	fi
	rm -f "$out"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
	echo "=== suite $suite: $p passed, $f failed, $s skipped in $((SECONDS - t0)) s"
done

echo "=== all suites done in $((SECONDS - start)) s"
if [[ $skipped -gt 0 ]]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[[ $failed -eq 0 ]]
