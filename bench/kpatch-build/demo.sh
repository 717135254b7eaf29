#!/bin/bash
# make demo from cold caches, phase by phase.  Prints figures and asserts
# nothing.
#
# First the Debian packages, which this machine has installed already:
# what a fresh machine would fetch for the demo's groups is worked out by
# apt's own resolver against a base system (this machine's packages of
# priority required and important, and their dependencies: about what
# debootstrap installs), then downloaded into an empty directory and
# unpacked with dpkg-deb into an empty root, each timed.  That leaves out
# dpkg's configure step and its triggers, so it is a lower bound of apt's
# time.  Then scripts/demo.sh itself, in a clean copy of the project,
# with an empty HOME, XDG_CACHE_HOME and CACHEDIR, so that
# create-diff-object, the test kernel and kpatch-build's tree are built
# from nothing.
#
#   demo.sh                 all of the above: about 5 minutes on 2 CPUs
#   demo.sh --reuse-kernel  the test kernel already built (linked in from
#                           the usual cache); the rest cold
#   demo.sh --no-apt        without the package measurement (no network)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

reuse=0 apt=1
for a in "$@"; do
	case $a in
	--reuse-kernel) reuse=1 ;;
	--no-apt) apt=0 ;;
	*) sed -n '17,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
	esac
done
work=$(mktemp -d /tmp/bench-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }

# The packages of install-deps.sh's GROUPs.
group_pkgs() {
	local g
	for g in "$@"; do
		sed -n "s/^\t\[$g\]=\"\(.*\)\"$/\1/p" "$root/scripts/install-deps.sh"
	done | tr ' ' '\n' | sort -u
}

# The status file of a base system, in $work/apt/status.
base_status() {
	local base=$work/apt/base more
	# shellcheck disable=SC2016  # awk's own $0
	local pick='FILENAME == ARGV[2] { want[$1] = 1; next }
		{ match($0, /^Package: [^\n]*/); p = substr($0, 10, RLENGTH - 9); if (p in want) printf "%s\n\n", $0 }'
	awk 'BEGIN { RS = "" } /\nPriority: (required|important)\n/ {
		match($0, /^Package: [^\n]*/); print substr($0, 10, RLENGTH - 9) }' /var/lib/dpkg/status |
		xargs apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts \
			--no-breaks --no-replaces --no-enhances 2>/dev/null | grep -v '^[ <]' | sort -u >"$base"
	# Whatever the closure's alternatives left unsatisfied, as apt would
	# fix it.
	while true; do
		awk "$pick" RS='\n' "$base" RS='' /var/lib/dpkg/status >"$work/apt/status"
		more=$(apt-get -s -o Dir::State::status="$work/apt/status" -f install 2>/dev/null |
			sed -n 's/^Inst \([^ ]*\) .*/\1/p')
		[[ -n $more ]] || break
		echo "$more" >>"$base"
	done
	echo "  base system: $(grep -c '^Package: ' "$work/apt/status") packages"
}

# What the groups would install on the base, "name=version" a line.
would_install() {
	# shellcheck disable=SC2046  # the package names, split
	apt-get -s -o Dir::State::status="$work/apt/status" install --no-install-recommends $(group_pkgs "$@") |
		sed -n 's/^Inst \([^ ]*\) \(\[[^]]*\] \)\{0,1\}(\([^ ]*\) .*/\1=\3/p'
}

# Download and unpack the groups' packages, timed.
measure_groups() {
	local label=$1 dir=$work/apt/$1 t mb
	shift
	mkdir -p "$dir/debs" "$dir/root"
	mapfile -t pkgs < <(would_install "$@")
	t=$SECONDS
	(cd "$dir/debs" && apt-get download "${pkgs[@]}" >"$dir/download.log" 2>&1) ||
		{ echo "  $label: apt-get download failed:"; tail -n 5 "$dir/download.log" | sed 's/^/    /'; return 0; }
	local dl=$((SECONDS - t))
	mb=$(du -sm "$dir/debs" | cut -f1)
	t=$SECONDS
	for d in "$dir"/debs/*.deb; do dpkg-deb -x "$d" "$dir/root"; done
	printf '  %-34s %3d packages, %4d MB: download %3d s, unpack %3d s  (load %s)\n' \
		"$label ($*)" "${#pkgs[@]}" "$mb" "$dl" $((SECONDS - t)) "$(load)"
	echo "$dl $((SECONDS - t))" >"$work/apt/$label.time"
	rm -rf "$dir/root" "$dir/debs"
}

if [[ $apt -eq 1 ]]; then
	echo "Debian packages a fresh machine would install (download into an empty directory, dpkg-deb -x into an empty root; dpkg's configure and triggers not counted):"
	mkdir -p "$work/apt/lists/partial"
	t=$SECONDS
	apt-get -o Dir::State::Lists="$work/apt/lists" update >"$work/apt/update.log" 2>&1 || true
	echo "  apt-get update into empty lists: $((SECONDS - t)) s"
	echo "$((SECONDS - t))" >"$work/apt/update.time"
	base_status
	measure_groups first build kernel
	measure_groups background vm
fi

mkdir -p "$work/cache/kpatch" "$work/home"
# A clean copy of the project, as a fresh machine has it: nothing of it
# built (create-diff-object is one of the demo's steps).
tar -C "$root" -c --exclude=.git . | tar -C "$work" --one-top-level=src -x
make -s -C "$work/src/kpatch-build" clean >/dev/null
if [[ $reuse -eq 1 ]]; then
	tree=$("$root/test/kernel/build-kernel.sh")
	ln -s "$(dirname "$(dirname "$tree")")" "$work/cache/kpatch/test-kernel"
fi

echo "make demo, $(nproc) CPUs, empty HOME and caches in $work$([[ $reuse -eq 1 ]] && echo ', test kernel reused'), load average at the start $(load)"
t0=$SECONDS
rc=0
HOME=$work/home XDG_CACHE_HOME=$work/cache KPATCH_TEST_CACHEDIR='' "$work/src/scripts/demo.sh" >"$work/out" 2>&1 || rc=$?
end=$((SECONDS - t0))
# demo.sh's steps: "==> [   N s] what", as "SECONDS WHAT" a line.
sed -n 's/^==> \[ *\([0-9]*\) s\] \(.*\)$/\1 \2/p' "$work/out" | awk -v end=$end '
	{ if (name != "") printf "%d %s\n", $1 - prev, name; name = $0; sub(/^[0-9]+ /, "", name); prev = $1 }' >"$work/steps"
awk '{ t = $1; $1 = ""; printf "  %-72s %4d s\n", substr($0, 2, 72), t }' "$work/steps"
printf '  %-72s %4d s\n' total "$end"
# The jobs beside the steps: "  what: N s, in the background".
grep -E '^  [^ ].*: [0-9]+ s, in the background$' "$work/out" | sed 's/^/    /' || true
echo "  load average at the end $(load)"
if [[ $rc -ne 0 ]]; then
	echo "demo failed (exit $rc):"
	tail -n 25 "$work/out" | sed 's/^/    /'
fi
# kpatch-build's own phases, from its lines in the demo's output.
echo "  kpatch-build's phases:"
sed -n 's/^\[ *\([0-9]*\) s\] \(.*\)$/\1 \2/p' "$work/out" | awk '{
	t = $1; $1 = ""
	if (name != "") printf "    %-70s %5d s\n", substr(name, 1, 70), t - prev
	name = $0; prev = t
}'

# On a fresh machine the packages come first, the VM's beside the kernel
# build: their time is added to the demo's as the demo would spend it.
if [[ $apt -eq 1 && -f $work/apt/first.time && -f $work/apt/background.time ]]; then
	read -r fdl fun <"$work/apt/first.time"
	read -r bdl bun <"$work/apt/background.time"
	up=$(cat "$work/apt/update.time")
	kernel=$(awk '$2 == "building" && $4 == "test" { print $1; exit }' "$work/steps")
	echo "  estimate for a fresh machine: $end s measured + $((up + fdl + fun)) s of apt first (update, download, unpack) = $((end + up + fdl + fun)) s"
	if [[ $((bdl + bun)) -le ${kernel:-0} ]]; then
		echo "  (the VM's packages, $((bdl + bun)) s, fit beside the ${kernel} s kernel build)"
	else
		echo "  (the VM's packages, $((bdl + bun)) s, outlast the ${kernel:-0} s kernel build by $((bdl + bun - ${kernel:-0})) s: add that too)"
	fi
fi
