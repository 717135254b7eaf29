#!/bin/bash
# Time and peak RSS of create-diff-object:
#   - over the whole unit corpus (every test/cdo/cases pair), and
#   - on the largest objects of the test kernel, orig against patched
#     with a one-line change: kernel/sched/core.o and mm/page_alloc.o,
#     and the other real-kernel fixtures.
# Each object runs RUNS times (default 5); the best wall time and the
# largest peak RSS are printed.  Target: under 100 ms and 17 MB each.
# Usage: bench/cdo/run.sh [RUNS]
set -uo pipefail

runs=${1:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/test/cdo
. "$here/lib.sh"
. "$here/kernel.sh"
WORK=$(mktemp -d /tmp/cdo-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
CDO=$root/kpatch-build/create-diff-object

make -s -C "$root/kpatch-build" all || exit 1

# Runs one object RUNS times; prints "best_wall_us best_cpu_ms
# max_rss_kb exit".  CPU time (user + system) is printed beside wall
# time because a loaded machine inflates the latter.
measure() { # ORIG PATCHED LISTING SYMVERS
	local i t0 t1 us best=999999999 cpu bestcpu=999999 rss max=0 rc u s
	for ((i = 0; i < runs; i++)); do
		t0=$(date +%s%N)
		/usr/bin/time -f '%M %U %S' -o "$WORK/rss" "$CDO" "$1" "$2" vmlinux \
			"$3" "$4" bench "$WORK/out.o" 2>/dev/null
		rc=$?
		t1=$(date +%s%N)
		us=$(((t1 - t0) / 1000))
		read -r rss u s < <(tail -n 1 "$WORK/rss")
		cpu=$(bc <<<"($u + $s) * 1000 / 1")
		((us < best)) && best=$us
		((cpu < bestcpu)) && bestcpu=$cpu
		((rss > max)) && max=$rss
	done
	echo "$best $bestcpu $max $rc"
}

fmt() { # NAME SIZE BEST_US CPU_MS RSS_KB RC
	printf '%-44s %7s B %7.1f ms wall %4s ms cpu %6.1f MB  exit %s\n' "$1" "$2" \
		"$(bc -l <<<"$3/1000")" "$4" "$(bc -l <<<"$5/1024")" "$6"
}

echo "create-diff-object benchmark: best of $runs runs, peak RSS"
total=0 maxrss=0 n=0
for src in "$here"/cases/*.c; do
	d=$WORK/$(basename "$src" .c)
	mkdir -p "$d"
	build_pair "$src" "$d" || continue
	read -r us cpu rss rc < <(measure "$d/orig.o" "$d/patched.o" "$d/parent.sym" "$d/Module.symvers")
	total=$((total + us))
	((rss > maxrss)) && maxrss=$rss
	n=$((n + 1))
done
printf '%-44s %9s %7.1f ms wall %14.1f MB  (sum of best times, largest peak)\n' \
	"unit corpus ($n pairs)" "" "$(bc -l <<<"$total/1000")" \
	"$(bc -l <<<"$maxrss/1024")"

tree=$(ktree)
if [[ -z $tree || ! -e $tree/../complete ]]; then
	echo "kernel objects: skipped (test kernel not built)"
	exit 0
fi
listing=$(kernel_listing)
for p in sched-core-string page-alloc-logic exit-tracepoint fork-logic meminfo-string cmdline-string; do
	fx=$(kernel_fixture "$here/kernel/$p.patch") || continue
	read -r us cpu rss rc < <(measure "$fx/orig.o" "$fx/patched.o" "$listing" "$tree/Module.symvers")
	fmt "$(directive "$here/kernel/$p.patch" SOURCE | sed 's/\.c$/.o/') ($p)" \
		"$(stat -c %s "$fx/orig.o")" "$us" "$cpu" "$rss" "$rc"
done
echo "(parent listing: readelf -s of vmlinux, $(stat -c %s "$listing") bytes, parsed on every run)"
