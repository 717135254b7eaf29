# Bad input: every case must end with exit status 1 (2 for usage) and the
# expected message, under both builds, and never with a signal or a
# sanitizer report.  Sourced by run.sh.

# Runs create-diff-object on ORIG PATCHED LISTING SYMVERS; checks the
# exit status and that stderr holds MESSAGE.
bad_case() { # NAME WANT_RC MESSAGE ORIG PATCHED LISTING SYMVERS [EXTRA_ARGS]
	local name=$1 want=$2 msg=$3 d=$WORK/bad-$1 ok=0 bin rc
	shift 3
	mkdir -p "$d"
	: >"$d/why"
	for bin in "$CDO" "$CDO_ASAN"; do
		if [[ $# -eq 4 ]]; then
			ASAN_OPTIONS=detect_leaks=1 "$bin" "$1" "$2" vmlinux "$3" "$4" \
				bad "$d/out.o" 2>"$d/err"
		else
			ASAN_OPTIONS=detect_leaks=1 "$bin" "$@" 2>"$d/err"
		fi
		rc=$?
		if [[ $rc -ne $want ]]; then
			echo "$(basename "$bin"): exit $rc, want $want" >>"$d/why"
			ok=1
		fi
		if ! grep -qF -- "$msg" "$d/err"; then
			echo "$(basename "$bin"): stderr lacks: $msg" >>"$d/why"
			ok=1
		fi
		if grep -q 'Sanitizer\|runtime error' "$d/err"; then
			cat "$d/err" >>"$d/why"
			ok=1
		fi
		[[ $ok == 0 ]] || break
	done
	cp "$d/err" "$d/err.last" 2>/dev/null
	report "bad/$name" $ok "$d"
	return $ok
}

# Writes BYTES (printf escapes) at OFFSET of a copy of FILE.
poke() { # FILE OFFSET BYTES OUT
	cp "$1" "$4"
	printf "$3" | dd of="$4" bs=1 seek="$2" conv=notrunc status=none
}

run_bad_input_cases() {
	local b=$WORK/bad-base f=0 o p l s
	mkdir -p "$b"
	build_pair "$here/cases/changed-function.c" "$b" || {
		echo "FAIL: bad/setup"
		return 1
	}
	o=$b/orig.o p=$b/patched.o l=$b/parent.sym s=$b/Module.symvers

	head -c 100 "$p" >"$b/truncated-header.o"
	bad_case truncated-header 1 "truncated-header.o: truncated or corrupt" "$o" "$b/truncated-header.o" "$l" "$s" || f=1
	head -c $(($(stat -c %s "$p") / 2)) "$p" >"$b/truncated-half.o"
	bad_case truncated-half 1 "truncated-half.o: truncated or corrupt" "$o" "$b/truncated-half.o" "$l" "$s" || f=1
	echo "not an object" >"$b/text.o"
	bad_case not-elf 1 "text.o: not an ELF file" "$b/text.o" "$p" "$l" "$s" || f=1
	: >"$b/empty.o"
	bad_case empty-file 1 "empty.o: not an ELF file" "$o" "$b/empty.o" "$l" "$s" || f=1
	poke "$p" 4 '\001' "$b/class32.o"
	bad_case wrong-class 1 "class32.o: wrong ELF class" "$o" "$b/class32.o" "$l" "$s" || f=1
	poke "$p" 18 '\050\000' "$b/arm.o"
	bad_case wrong-machine 1 "arm.o: wrong machine 40: not x86_64" "$o" "$b/arm.o" "$l" "$s" || f=1
	poke "$p" 16 '\002\000' "$b/exec.o"
	bad_case not-relocatable 1 "exec.o: not a relocatable object" "$o" "$b/exec.o" "$l" "$s" || f=1
	poke "$p" 5 '\002' "$b/bigendian.o"
	bad_case wrong-byte-order 1 "bigendian.o: wrong byte order" "$o" "$b/bigendian.o" "$l" "$s" || f=1
	objcopy --strip-all "$p" "$b/stripped.o" 2>/dev/null
	bad_case missing-symtab 1 "stripped.o: no symbol table (.symtab)" "$o" "$b/stripped.o" "$l" "$s" || f=1
	# Section header offset pointing past the end of the file.
	poke "$p" 40 '\377\377\377\177' "$b/shoff.o"
	bad_case bad-section-headers 1 "shoff.o: truncated or corrupt" "$o" "$b/shoff.o" "$l" "$s" || f=1
	# Different sources: same code, another file name.
	cp "$here/cases/changed-function.c" "$b/other.c"
	(cd "$b" && gcc $KFLAGS -DPATCHED -c other.c -o other.o) 2>/dev/null
	bad_case different-sources 1 "built from other.c, but the original object from case.c: not the same source" "$o" "$b/other.o" "$l" "$s" || f=1
	bad_case missing-listing 1 "nonexistent.sym: can't open" "$o" "$p" "$b/nonexistent.sym" "$s" || f=1
	printf 'Symbol table '"'"'.symtab'"'"' contains 3 entries:\n   Num:    Value  Size Type    Bind   Vis      Ndx Name\n     0: 0000000000000000 zz NOTYPE  LOCAL  DEFAULT  UND\n' >"$b/garbled.sym"
	bad_case garbled-listing 1 "garbled.sym: line 3: garbled symbol line" "$o" "$p" "$b/garbled.sym" "$s" || f=1
	echo "hello world" >"$b/prose.sym"
	bad_case not-a-listing 1 "prose.sym: no symbols: not a \`readelf -s --wide\` listing" "$o" "$p" "$b/prose.sym" "$s" || f=1
	grep -v ' FILE ' "$l" >"$b/nofile.sym"
	bad_case listing-without-object 1 "file symbol case.c not found in the parent's symbol listing" "$o" "$p" "$b/nofile.sym" "$s" || f=1
	printf 'garbage line\n' >"$b/bad.symvers"
	bad_case garbled-symvers 1 "bad.symvers: line 1: not a Module.symvers line" "$o" "$p" "$l" "$b/bad.symvers" || f=1
	KPATCH_NEW_GLOBALS=$b/no-new-globals bad_case missing-new-globals 1 \
		"no-new-globals: can't open" "$o" "$p" "$l" "$s" || f=1
	mkdir -p "$b/dir.globals"
	KPATCH_NEW_GLOBALS=$b/dir.globals bad_case new-globals-directory 1 \
		"dir.globals: read error: Is a directory" "$o" "$p" "$l" "$s" || f=1
	bad_case usage 2 "usage: create-diff-object" "$o" "$p" "$l" || f=1
	return $f
}
