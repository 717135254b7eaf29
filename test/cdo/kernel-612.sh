# Cases on real objects of Linux 6.12 with Debian's cloud config (IBT,
# CALL_PADDING, call depth tracking, retpolines, rethunk): each
# kernel-612/NAME.patch has the directives of kernel/*.patch (SOURCE,
# PARENT for a module's object, and the EXPECT-* keys).  The tree is tree-612.sh's;
# there is no 6.12 vmlinux to list, so the parent listing is a stand-in,
# the original object linked with a definition of each symbol it uses,
# as for the C cases.  The entry sizes are the probe's, and objects of
# vmlinux go through objtool as kpatch-build compiles them.  Fixtures are
# cached under ~/.cache/kpatch/cdo-fixtures-612/<key>/, keyed like the 6.1
# ones.  Sourced by run.sh after kernel.sh.

CDO612_ROOT=${CDO612_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/kpatch/cdo-fixtures-612}

# The fixture directory of a case (orig.o, patched.o, parent.sym); built
# when missing.  Prints the directory, or fails with the reason on stderr.
kernel612_fixture() { # PATCH_FILE
	local patch=$1 tree rel key dir tmp n args
	tree=$("$here/tree-612.sh" --print-dir)
	rel=$(directive "$patch" SOURCE)
	key=$( { echo "$tree"; cat "$tree/.config" "$here/kernel-object.sh" \
		"$root/kpatch-build/kpatch-cc"; sed -n '/^--- /,$p' "$patch"; } |
		sha256sum | cut -c1-16)
	dir=$CDO612_ROOT/$key
	[[ -e $dir/done ]] && { echo "$dir"; return 0; }
	tmp=$(mktemp -d "$CDO612_ROOT/.tmp.XXXXXX") || return 1
	mkdir -p "$tmp/orig/$(dirname "$rel")" "$tmp/patched"
	cp "$tree/$rel" "$tmp/orig/$rel"
	cp -r "$tmp/orig/." "$tmp/patched/"
	# objtool on vmlinux objects too, as kpatch-build has kpatch-cc run
	# it where kbuild leaves it to vmlinux.o.
	args=" $(cat "$(dirname "$tree")/objtool") "
	[[ $args == *" --link "* ]] &&
		export KPATCH_CC_OBJTOOL="$tree/tools/objtool/objtool ${args/ --module / }"
	if ! compile_pair "$tree" "$rel" "$patch" "$tmp"; then
		rm -rf "$tmp"
		return 1
	fi
	{
		echo '.file "stubs.c"'
		echo '.text'
		for n in $( (readelf -sW "$tmp/orig.o"; readelf -sW "$tmp/patched.o") |
			awk '$7 == "UND" && $8 != "" {print $8}' | sort -u); do
			printf '.globl %s\n.type %s,@function\n%s: ret\n.size %s, 1\n' \
				"$n" "$n" "$n" "$n"
		done
	} >"$tmp/stubs.s"
	if ! (cd "$tmp" && as stubs.s -o stubs.o && ld -r -o parent.o orig.o stubs.o &&
		readelf -sW parent.o >parent.sym) >>"$tmp/log" 2>&1; then
		cat "$tmp/log" >&2
		rm -rf "$tmp"
		return 1
	fi
	rm -rf "$tmp/orig" "$tmp/patched" "$tmp/stubs.o" "$tmp/parent.o"
	rm -rf "$dir"
	touch "$tmp/done"
	mv "$tmp" "$dir"
	echo "$dir"
}

run_kernel612_cases() {
	local p f=0 fx d tree sizes env objs=() name parent
	local patches=("$here"/kernel-612/*.patch)
	[[ -e ${patches[0]} ]] || return 0
	for p in "${patches[@]}"; do
		objs+=("$(directive "$p" SOURCE | sed 's/\.c$/.o/')")
	done
	mkdir -p "$CDO612_ROOT"
	# The tree (prepared once, ~1 minute) and kbuild's command of each
	# object the cases compile.
	if ! "$here/tree-612.sh" "${objs[@]}" >"$WORK/tree-612.log" 2>&1; then
		if grep -q 'no 6.12' "$WORK/tree-612.log"; then
			for p in "${patches[@]}"; do
				echo "SKIP: kernel-612/$(basename "$p" .patch) ($(tail -n 1 "$WORK/tree-612.log"))"
			done
			return 0
		fi
		echo "FAIL: kernel-612/tree"
		sed 's/^/    /' "$WORK/tree-612.log" | tail -10
		return 1
	fi
	tree=$("$here/tree-612.sh" --print-dir)
	sizes=$(dirname "$tree")/sizes
	env=$(awk '{printf "%s=%s ", $1, $2}' "$sizes")
	for p in "${patches[@]}"; do
		name=kernel-612/$(basename "$p" .patch)
		if ! fx=$(kernel612_fixture "$p" 2>"$WORK/fx.log"); then
			echo "FAIL: $name"
			sed 's/^/    /' "$WORK/fx.log" | tail -10
			f=1
			continue
		fi
		d=$WORK/k612-$(basename "$p" .patch)
		case_dir "$d" "$fx" "$fx/parent.sym" "$tree/Module.symvers" "$p"
		parent=$(directive "$p" PARENT)
		# shellcheck disable=SC2086
		run_cdo "$d" "${parent:-vmlinux}" $env KPATCH_LINE_MAP="$d/lines.map"
		judge_case "$name" "$p" "$d" || f=1
	done
	return $f
}
