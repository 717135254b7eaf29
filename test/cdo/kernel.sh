# Cases on real objects of the 6.1 test kernel: each kernel/NAME.patch is
# a small source patch with "// KEY:" directives in its header (SOURCE:
# the file it patches; for a file of a module, PARENT: the module's name
# and MODULE: its .ko in the tree; then the EXPECT-* keys of lib.sh).  The object
# pairs are compiled once, out of tree, through kpatch-cc
# (kernel-object.sh), and cached under ~/.cache/kpatch/cdo-fixtures/<key>/,
# keyed on the tree's config, the patch, the compile script and
# kpatch-cc.  Sourced by run.sh and bench/cdo.

CDO_FIXTURES=${CDO_FIXTURES:-${XDG_CACHE_HOME:-$HOME/.cache}/kpatch/cdo-fixtures}

ktree() {
	"$root/test/kernel/build-kernel.sh" --print-dir 2>/dev/null
}

# The fixture directory of a case; builds it when missing.  Prints the
# directory, or fails with the reason on stderr.
kernel_fixture() { # PATCH_FILE
	local patch=$1 tree rel key dir tmp
	tree=$(ktree)
	[[ -n $tree && -e $tree/../complete ]] || {
		echo "test kernel not built (test/kernel/build-kernel.sh)" >&2
		return 2
	}
	rel=$(directive "$patch" SOURCE)
	# The diff, not the directives: new expectations reuse the objects.
	key=$( { echo "$tree"; cat "$tree/.config" "$here/kernel-object.sh" \
		"$root/kpatch-build/kpatch-cc";
		sed -n '/^--- /,$p' "$patch"; } | sha256sum | cut -c1-16)
	dir=$CDO_FIXTURES/$key
	if [[ ! -e $dir/done ]]; then
		tmp=$(mktemp -d "${CDO_FIXTURES%/}.tmp.XXXXXX" 2>/dev/null ||
			{ mkdir -p "$CDO_FIXTURES" && mktemp -d "$CDO_FIXTURES/.tmp.XXXXXX"; })
		mkdir -p "$tmp/orig/$(dirname "$rel")" "$tmp/patched"
		cp "$tree/$rel" "$tmp/orig/$rel"
		cp -r "$tmp/orig/." "$tmp/patched/"
		if ! compile_pair "$tree" "$rel" "$patch" "$tmp"; then
			rm -rf "$tmp"
			return 1
		fi
		rm -rf "$tmp/orig" "$tmp/patched"
		mkdir -p "$CDO_FIXTURES"
		rm -rf "$dir"
		touch "$tmp/done"
		mv "$tmp" "$dir"
	fi
	echo "$dir"
}

# The listing of vmlinux or of a module of the tree, cached beside the
# fixtures: readelf takes a while on vmlinux.
kernel_listing() { # [MODULE.ko, relative to the tree]
	local tree obj key f
	tree=$(ktree)
	obj=$tree/${1:-vmlinux}
	key=$(stat -c '%s %Y' "$obj" | sha256sum | cut -c1-16)
	f=$CDO_FIXTURES/$(basename "$obj")-$key.sym
	if [[ ! -s $f ]]; then
		mkdir -p "$CDO_FIXTURES"
		readelf -sW "$obj" >"$f.tmp" && mv "$f.tmp" "$f"
	fi
	echo "$f"
}

run_kernel_case() { # PATCH_FILE FIXTURE_DIR VMLINUX_LISTING
	local patch=$1 fx=$2 listing=$3 name d tree parent ko
	name=kernel/$(basename "$patch" .patch)
	parent=$(directive "$patch" PARENT)
	ko=$(directive "$patch" MODULE)
	if [[ -n $ko ]] && ! listing=$(kernel_listing "$ko"); then
		echo "FAIL: $name (no listing of $ko)"
		return 1
	fi
	d=$WORK/k-$(basename "$patch" .patch)
	tree=$(ktree)
	case_dir "$d" "$fx" "$listing" "$tree/Module.symvers" "$patch"
	run_cdo "$d" "${parent:-vmlinux}" KPATCH_LINE_MAP="$d/lines.map"
	judge_case "$name" "$patch" "$d"
}

run_kernel_cases() {
	local p f=0 fx listing why pids=() n=0
	local patches=("$here"/kernel/*.patch)
	if [[ -z $(ktree) || ! -e $(ktree)/../complete ]]; then
		for p in "${patches[@]}"; do
			echo "SKIP: kernel/$(basename "$p" .patch) (test kernel not built: test/kernel/build-kernel.sh)"
		done
		return 0
	fi
	# Build missing fixtures one per core at a time: compiling dominates.
	for p in "${patches[@]}"; do
		kernel_fixture "$p" >/dev/null 2>"$WORK/fx-$(basename "$p").log" &
		pids+=($!)
		n=$((n + 1))
		if ((n % $(nproc) == 0)); then wait "${pids[@]}"; pids=(); fi
	done
	wait "${pids[@]}" 2>/dev/null
	listing=$(kernel_listing) || { echo "FAIL: kernel/listing"; return 1; }
	for p in "${patches[@]}"; do
		if ! fx=$(kernel_fixture "$p" 2>"$WORK/fx.log"); then
			echo "FAIL: kernel/$(basename "$p" .patch)"
			sed 's/^/    /' "$WORK/fx.log" | tail -10
			f=1
			continue
		fi
		run_kernel_case "$p" "$fx" "$listing" || f=1
	done
	return $f
}
