# Helpers for test/cdo/run.sh: building object pairs from one C file and
# checking create-diff-object's output against the file's directives.
#
# A case file is C compiled twice, without and with -DPATCHED, and says
# what to expect in "// KEY: value" lines:
#   EXPECT-EXIT: N            exit status (default 0)
#   EXPECT-ERR: text          stderr must contain text (exactly)
#   EXPECT-FUNCS: a b         exact set of .kpatch.funcs names
#   EXPECT-LOCALS: t:a d:b    exact set of local functions (t) and objects (d)
#   EXPECT-DYNRELAS: n,pos    exact set of dynrela name,sympos[,objname]
#   EXPECT-UNDEF: a b         exact set of undefined (exported) symbols
#   EXPECT-SECTION: name size  that section with that size (repeatable)
#   EXPECT-NO-SECTION: name   no such section
#   EXPECT-LINE: text         this exact line in cdo-dump's output (repeatable)
#   EXPORTS: a b              what Module.symvers exports (from vmlinux)
#   PARENT-EXPORTS: a b       what it exports from the parent module, named
#                             by a path with '-' for the parent's '_'
#   PARENT: name              PARENT_NAME (default vmlinux)
#   PARENT-LACKS: a b         undefined symbols the parent doesn't define
#   PARENT-DUP: a b           locals of the same names in another file of
#                             the parent, listed before this one's and at
#                             lower addresses
#   PARENT-DUP-HIGH: a b      the same, but at higher addresses
#   CFLAGS: ...               extra compiler flags
#   LINK-WITH: parts/x.c ...  more files (relative to the case), compiled the
#                             same way and linked with ld -r into one
#                             composite object, as kbuild links KVM's
#   OBJCOPY-ORIG: ...         objcopy options applied to orig.o after it is
#   OBJCOPY-PATCHED: ...      compiled (or patched.o): what another compiler
#                             or release would have emitted, such as
#                             --redefine-sym foo.cold=foo.cold.0
#   ENV: K=V ...              environment for create-diff-object
#   LINE-MAP: A B C D         a hunk of how the patch moved the source's
#                             lines (OLD_START OLD_COUNT NEW_START
#                             NEW_COUNT, one directive a hunk), in a file
#                             named by KPATCH_LINE_MAP, as kpatch-build
#                             writes it; without one, no map is given
#   NEW-GLOBALS: a b          the patch's new globals, in a file named by
#                             KPATCH_NEW_GLOBALS, as kpatch-build writes it
#   EXPECT-GLOBALS: a b       exact set of defined globals (new globals);
#                             any other defined global fails the case

# Kernel-like code generation: what kbuild uses on x86_64 6.1 with
# RETPOLINE, RETHUNK, SLS and ftrace, plus the sections kpatch-build adds.
KFLAGS="-O2 -ffunction-sections -fdata-sections -pg -mfentry -mrecord-mcount
 -mindirect-branch=thunk-extern -mindirect-branch-register
 -mfunction-return=thunk-extern -mharden-sls=all -fno-pic -mcmodel=kernel
 -mno-red-zone -fno-asynchronous-unwind-tables -fno-jump-tables
 -fno-stack-protector -fno-common -ffreestanding -fcf-protection=none
 -mno-sse -mno-mmx -mno-sse2 -Wall -Wno-unused-function"

directive() { # FILE KEY: the values of every "// KEY:" line, joined
	sed -n "s|^// $2: *||p" "$1" | tr '\n' ' ' | sed 's/ *$//'
}

sorted_words() { tr ' ' '\n' | sed '/^$/d' | sort; }

# Builds orig.o, patched.o, parent.sym and Module.symvers in dir.
build_pair() { # CASE.c DIR
	local src=$1 d=$2 cflags lacks dups n v
	cflags="$KFLAGS $(directive "$src" CFLAGS)"
	# The same file name for both, as a kernel rebuild has.
	cp "$src" "$d/case.c"
	(cd "$d" && gcc $cflags -c case.c -o orig.o &&
		gcc $cflags -DPATCHED -c case.c -o patched.o) >"$d/cc.log" 2>&1 ||
		return 1
	for n in $(directive "$src" LINK-WITH); do
		cp "$(dirname "$src")/$n" "$d/$(basename "$n")" || return 1
		(cd "$d" && n=$(basename "$n" .c) &&
			gcc $cflags -c "$n.c" -o "$n-orig.o" &&
			gcc $cflags -DPATCHED -c "$n.c" -o "$n-patched.o" &&
			ld -r -o orig-all.o orig.o "$n-orig.o" &&
			ld -r -o patched-all.o patched.o "$n-patched.o" &&
			mv orig-all.o orig.o && mv patched-all.o patched.o) \
			>>"$d/cc.log" 2>&1 || return 1
	done
	for v in orig patched; do
		local rw
		rw=$(directive "$src" "OBJCOPY-${v^^}")
		[[ -z $rw ]] && continue
		# shellcheck disable=SC2086
		objcopy $rw "$d/$v.o" >>"$d/cc.log" 2>&1 || return 1
	done
	# A stand-in for vmlinux: this object linked with definitions of
	# everything it uses, and optionally a file with clashing locals.
	lacks=" $(directive "$src" PARENT-LACKS) "
	{
		echo '.file "stubs.c"'
		echo '.text'
		for n in $( (readelf -sW "$d/orig.o"; readelf -sW "$d/patched.o") |
			awk '$7 == "UND" && $8 != "" {print $8}' | sort -u); do
			[[ $lacks == *" $n "* ]] && continue
			printf '.globl %s\n.type %s,@function\n%s: ret\n.size %s, 1\n' \
				"$n" "$n" "$n" "$n"
		done
	} >"$d/stubs.s"
	dups="$(directive "$src" PARENT-DUP) $(directive "$src" PARENT-DUP-HIGH)"
	{
		echo '.file "dup.c"'
		echo '.section dupdata,"aw"'
		for n in $dups; do
			printf '.type %s,@object\n%s: .long 0\n.size %s, 4\n' "$n" "$n" "$n"
		done
	} >"$d/dup.s"
	# sympos depends on addresses, which only a whole link makes real
	# (a relocatable link leaves each section at 0).  dup.c comes first
	# in the listing either way.
	link=(ld -r -o parent.o)
	[[ -n $(directive "$src" PARENT-DUP) ]] &&
		link=(ld -o parent.o -e 0 --section-start=dupdata=0x100000)
	[[ -n $(directive "$src" PARENT-DUP-HIGH) ]] &&
		link=(ld -o parent.o -e 0 --section-start=dupdata=0x10000000)
	(cd "$d" && as stubs.s -o stubs.o && as dup.s -o dup.o &&
		"${link[@]}" dup.o orig.o stubs.o &&
		readelf -sW parent.o >parent.sym) >>"$d/cc.log" 2>&1 || return 1
	: >"$d/Module.symvers"
	for n in $(directive "$src" EXPORTS); do
		printf '0x00000000\t%s\tvmlinux\tEXPORT_SYMBOL\t\n' "$n" >>"$d/Module.symvers"
	done
	for n in $(directive "$src" PARENT-EXPORTS); do
		printf '0x00000000\t%s\tdrivers/misc/%s\tEXPORT_SYMBOL_GPL\t\n' "$n" \
			"$(directive "$src" PARENT | tr _ -)" >>"$d/Module.symvers"
	done
}

# Runs both builds of create-diff-object; sets rc and fills DIR/err.
run_cdo() { # DIR PARENT_NAME [ENV...]
	local d=$1 parent=$2 rc2
	shift 2
	env "$@" "$CDO" "$d/orig.o" "$d/patched.o" "$parent" "$d/parent.sym" \
		"$d/Module.symvers" test-patch "$d/out.o" 2>"$d/err"
	rc=$?
	env "$@" ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		"$CDO_ASAN" "$d/orig.o" "$d/patched.o" "$parent" "$d/parent.sym" \
		"$d/Module.symvers" test-patch "$d/out-asan.o" 2>"$d/err-asan"
	rc2=$?
	if [[ $rc2 -ne $rc ]] || grep -q 'Sanitizer\|runtime error' "$d/err-asan"; then
		echo "sanitizer build: exit $rc2, plain build: exit $rc" >>"$d/why"
		cat "$d/err-asan" >>"$d/why"
		rc=99
	fi
}

# Compares the output in DIR with the directives of SRC.
check_output() { # SRC DIR
	local src=$1 d=$2 want got v
	"$CDO_DUMP" "$d/out.o" >"$d/dump" 2>>"$d/why" || return 1
	check_set() { # KEY GOT-COMMAND
		want=$(directive "$src" "$1" | sorted_words)
		got=$(eval "$2" | sorted_words)
		[[ $want == "$got" ]] && return 0
		printf '%s: want [%s] got [%s]\n' "$1" "$(echo $want)" \
			"$(echo $got)" >>"$d/why"
		return 1
	}
	# Only new globals may be defined globals: none unless expected.
	check_set EXPECT-GLOBALS "awk '\$1==\"global\"{print \$2}' $d/dump" || return 1
	if grep -q '^// EXPECT-FUNCS:' "$src"; then
		check_set EXPECT-FUNCS "awk '\$1==\"func\"{print \$2}' $d/dump" || return 1
	fi
	if grep -q '^// EXPECT-LOCALS:' "$src"; then
		check_set EXPECT-LOCALS "awk '\$1==\"local\"{print \$2\":\"\$3}' $d/dump" || return 1
	fi
	if grep -q '^// EXPECT-DYNRELAS:' "$src"; then
		check_set EXPECT-DYNRELAS "awk '\$1==\"dynrela\"{ s=\$2\",\"\$4; if (\$3!=\"vmlinux\") s=s\",\"\$3; print s}' $d/dump" || return 1
	fi
	if grep -q '^// EXPECT-UNDEF:' "$src"; then
		check_set EXPECT-UNDEF "awk '\$1==\"undef\"{print \$2}' $d/dump" || return 1
	fi
	while read -r v; do
		[[ -z $v ]] && continue
		grep -qx "section $v" "$d/dump" && continue
		echo "no 'section $v' in the output: $(grep "^section ${v%% *} " "$d/dump")" >>"$d/why"
		return 1
	done < <(sed -n 's|^// EXPECT-SECTION: *||p' "$src")
	while read -r v; do
		[[ -z $v ]] && continue
		grep -qxF -- "$v" "$d/dump" && continue
		echo "no line '$v' in the output" >>"$d/why"
		return 1
	done < <(sed -n 's|^// EXPECT-LINE: *||p' "$src")
	for v in $(directive "$src" EXPECT-NO-SECTION); do
		if grep -q "^section $v " "$d/dump"; then
			echo "unexpected section $v" >>"$d/why"
			return 1
		fi
	done
	# The output must link: every relocation and symbol must make sense.
	ld -r -o "$d/linked.o" "$d/out.o" 2>>"$d/why" || return 1
}

report() { # NAME OK DIR
	if [[ $2 == 0 ]]; then
		echo "PASS: $1"
	else
		echo "FAIL: $1"
		[[ -s $3/why ]] && sed 's/^/    /' "$3/why" | head -20
		[[ -s $3/err ]] && sed 's/^/    stderr: /' "$3/err" | head -5
	fi
}

# The verdict on the run_cdo that just ran (its exit status in $rc), by
# the directives of CASE: the exit status (EXPECT-EXIT, 0 by default), a
# text on stderr (EXPECT-ERR), and for a run that succeeded, the output
# (check_output).  Prints PASS or FAIL with the reasons; fails with it.
judge_case() { # NAME CASE DIR
	local name=$1 src=$2 d=$3 want_rc err ok=0
	want_rc=$(directive "$src" EXPECT-EXIT)
	want_rc=${want_rc:-0}
	if [[ $rc -ne $want_rc ]]; then
		echo "exit status $rc, want $want_rc" >>"$d/why"
		ok=1
	fi
	err=$(directive "$src" EXPECT-ERR)
	if [[ $ok == 0 && -n $err ]] && ! grep -qF -- "$err" "$d/err"; then
		echo "stderr lacks: $err" >>"$d/why"
		ok=1
	fi
	if [[ $ok == 0 && $rc == 0 ]]; then
		check_output "$src" "$d" || ok=1
	fi
	report "$name" $ok "$d"
	return $ok
}

run_c_case() { # CASE.c
	local src=$1 name d env parent
	name=c/$(basename "$src" .c)
	d=$WORK/$(basename "$src" .c)
	mkdir -p "$d"
	: >"$d/why"
	if ! build_pair "$src" "$d"; then
		cat "$d/cc.log" >>"$d/why"
		report "$name" 1 "$d"
		return 1
	fi
	parent=$(directive "$src" PARENT)
	env=$(directive "$src" ENV)
	if grep -q '^// LINE-MAP:' "$src"; then
		sed -n 's|^// LINE-MAP: *||p' "$src" >"$d/lines.map"
		env="$env KPATCH_LINE_MAP=$d/lines.map"
	fi
	if grep -q '^// NEW-GLOBALS:' "$src"; then
		directive "$src" NEW-GLOBALS | tr ' ' '\n' >"$d/new-globals"
		env="$env KPATCH_NEW_GLOBALS=$d/new-globals"
	fi
	# shellcheck disable=SC2086
	run_cdo "$d" "${parent:-vmlinux}" $env
	judge_case "$name" "$src" "$d"
}

# case_dir DIR FIXTURE LISTING SYMVERS PATCH: put in DIR a kernel case's
# inputs as run_cdo reads them: the fixture's two objects, the parent's
# symbol listing, the symvers, and the line map kpatch-build would give,
# from the patch's hunks (their context lines count as changed, which
# only errs on the safe side).
case_dir() {
	local d=$1
	mkdir -p "$d"
	: >"$d/why"
	ln -sf "$2/orig.o" "$d/orig.o"
	ln -sf "$2/patched.o" "$d/patched.o"
	ln -sf "$3" "$d/parent.sym"
	ln -sf "$4" "$d/Module.symvers"
	awk '/^@@ / {
		n = split(substr($2, 2), o, ","); if (n == 1) o[2] = 1
		n = split(substr($3, 2), p, ","); if (n == 1) p[2] = 1
		print o[1], o[2], p[1], p[2]
	}' "$5" >"$d/lines.map"
}

# compile_pair TREE REL PATCH TMP: compile REL of TREE as kbuild does,
# from TMP/orig into TMP/orig.o and, with PATCH applied, from TMP/patched
# into TMP/patched.o.  On a failure, prints the log and returns 1.
compile_pair() {
	local tree=$1 rel=$2 patch=$3 tmp=$4
	if ! patch -s -p1 -d "$tmp/patched" <"$patch" >"$tmp/log" 2>&1 ||
		! "$here/kernel-object.sh" "$tree" "$rel" "$tmp/orig" "$tmp/orig.o" >>"$tmp/log" 2>&1 ||
		! "$here/kernel-object.sh" "$tree" "$rel" "$tmp/patched" "$tmp/patched.o" >>"$tmp/log" 2>&1; then
		cat "$tmp/log" >&2
		return 1
	fi
}
