#!/bin/bash
# The docs suite: the manual pages say what the tools' --help says, and
# the reverse; the pages are free of groff warnings; bash completion
# offers what it should.  Runs on the host in a few seconds, no VM.
#
#   DOCS_KEEP=1   keep the work directory (the completion fixtures)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"

if ! "$PROJECT_ROOT/scripts/install-deps.sh" docs; then
	echo "FAIL: install-deps (the docs group)"
	exit 1
fi

man_dir=$PROJECT_ROOT/man
comp_dir=$PROJECT_ROOT/completion
kpatch=$PROJECT_ROOT/kpatch/kpatch
kbuild=$PROJECT_ROOT/kpatch-build/kpatch-build
work=$(mktemp -d /tmp/docs.XXXXXX)
[[ ${DOCS_KEEP:-} == 1 ]] && echo "work directory: $work" >&2 || trap 'rm -rf "$work"' EXIT
fail=0

pass() { echo "PASS: $1"; }
failed() { echo "FAIL: $1"; fail=1; }

# one line per word, sorted and unique
words() { tr -s ' \t' '\n\n' | sed '/^$/d' | LC_ALL=C sort -u; }

# A list for a message: "a b c", or "nothing".
show() { local s; s=$(tr '\n' ' ' <<<"$1" | sed 's/ *$//'); echo "${s:-nothing}"; }

# Option names in a line of text: -x or --long, standing alone (not the
# "-build" of "kpatch-build", nor "-p1").
option_words() {
	grep -oP '(?<![\w./$-])--?[A-Za-z][A-Za-z-]*(?=[\s,|\]=]|$)' || true
}

##
## --help
##

# The "definition" part of --help: the Usage line, and in the Commands:
# and Options: sections, the left column of each entry (an entry starts
# at an indent of 8 or less; the description follows after two spaces).
help_defs() {
	awk '
	/^Usage:/ { sub(/^Usage:[ \t]*/, ""); print; next }
	/^[A-Z][A-Za-z ]*:[ \t]*$/ { sec = $0; sub(/:.*/, "", sec); next }
	/^$/ { next }
	(sec == "Commands" || sec == "Options") && /^ {1,8}[^ ]/ {
		line = $0
		sub(/^ +/, "", line)
		sub(/  .*/, "", line)
		print line
	}'
}

# The commands of --help: the first word of each Commands: entry.
help_commands() {
	awk '
	/^[A-Z][A-Za-z ]*:[ \t]*$/ { sec = $0; sub(/:.*/, "", sec); next }
	sec == "Commands" && /^ {1,8}[a-z]/ { print $1 }'
}

# The exit statuses of --help: "Exit status: 0 on success, 1 on ...".
help_exit_codes() {
	awk '/^Exit status:/ { on = 1 } on && /^$/ { on = 0 } on' |
		grep -oE '(^|[ ,:])[0-9]+ on ' | grep -oE '[0-9]+'
}

##
## Manual pages
##

# The tag lines (the line after each .TP) of the named sections, with the
# font escapes and quotes taken out.
man_tags() {
	local page=$1
	shift
	awk -v want="$*" '
	BEGIN { n = split(want, w, ","); for (i = 1; i <= n; i++) ok[w[i]] = 1 }
	/^\.SH/ { sec = substr($0, 5); gsub(/"/, "", sec); tp = 0; next }
	/^\.TP/ { tp = 1; next }
	/^\.PD/ { next }
	tp { tp = 0; if (sec in ok) print }' "$page" |
		sed -E 's/\\f[BIRP]//g; s/\\-/-/g; s/\\&//g; s/\\e/\\/g; s/^\.[BIR]{1,2} //; s/"//g'
}

man_sections() {
	sed -n 's/^\.SH *//p' "$1" | tr -d '"'
}

##
## Cases
##

# compare CASE WHAT-A LIST-A WHAT-B LIST-B: one case, naming what is
# missing from either side.
compare() {
	local name=$1 wa=$2 a=$3 wb=$4 b=$5 only_a only_b
	only_a=$(LC_ALL=C comm -23 <(words <<<"$a") <(words <<<"$b"))
	only_b=$(LC_ALL=C comm -13 <(words <<<"$a") <(words <<<"$b"))
	if [[ -z $(words <<<"$a") && -z $(words <<<"$b") ]]; then
		failed "$name (nothing found on either side: the parser is broken)"
	elif [[ -z $only_a && -z $only_b ]]; then
		pass "$name"
	else
		failed "$name (in $wa, not in $wb: $(show "$only_a"); in $wb, not in $wa: $(show "$only_b"))"
	fi
}

lint() {
	local page=$1 out
	if ! command -v groff >/dev/null; then
		failed "lint $(basename "$page") (groff is missing: apt-get install groff-base)"
		return
	fi
	out=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1)
	if command -v man >/dev/null; then
		out+=${out:+$'\n'}$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
	fi
	if [[ -z $out ]]; then
		pass "lint $(basename "$page")"
	else
		failed "lint $(basename "$page") ($(head -n 3 <<<"$out" | tr '\n' ' ' | sed 's/ *$//'))"
	fi
}

sections() {
	local page=$1 want=$2 missing=() s have
	have=$(man_sections "$page")
	IFS=, read -r -a want <<<"$want"
	for s in "${want[@]}"; do
		grep -qx "$s" <<<"$have" || missing+=("$s")
	done
	if [[ ${#missing[@]} -eq 0 ]]; then
		pass "sections $(basename "$page")"
	else
		failed "sections $(basename "$page") (missing: ${missing[*]})"
	fi
}

# The variables a script takes from the environment, ${VAR:-default}
# (not those it sets for its children), must be in ENVIRONMENT.  The
# script's own helpers that it sources (kpatch-build's
# debian-kernel.sh) count as the script.
environment() {
	local tool=$1 page=$2 used documented missing files=("$1") f
	for f in $(sed -n 's|^[[:space:]]*\. "\$libexec/\([^"]*\)".*|\1|p' "$tool"); do
		[[ -f $(dirname "$tool")/$f ]] && files+=("$(dirname "$tool")/$f")
	done
	used=$(cat "${files[@]}" | grep -oE '\$\{[A-Z][A-Z0-9_]*:?-' | grep -oE '[A-Z][A-Z0-9_]*' | LC_ALL=C sort -u)
	documented=$(man_tags "$page" ENVIRONMENT | words)
	missing=$(LC_ALL=C comm -23 <(words <<<"$used") <(words <<<"$documented"))
	if [[ -z $used ]]; then
		failed "environment $(basename "$page") (no variable found in $(basename "$tool"): the parser is broken)"
	elif [[ -z $missing ]]; then
		pass "environment $(basename "$page")"
	else
		failed "environment $(basename "$page") (read by $(basename "$tool"), not in ENVIRONMENT: $(show "$missing"))"
	fi
}

version() {
	local tool=$1 page=$2 th v
	th=$(sed -n 's/^\.TH .*"kpatch \([^"]*\)".*/\1/p' "$page")
	v=$("$tool" --version | awk '{ print $2 }')
	if [[ -n $v && $th == "$v" ]]; then
		pass "version $(basename "$page")"
	else
		failed "version $(basename "$page") (.TH says '$th', --version says '$v')"
	fi
}

for pair in "kpatch-build:$kbuild" "kpatch:$kpatch"; do
	name=${pair%%:*} tool=${pair#*:} page=$man_dir/${pair%%:*}.1
	if [[ ! -f $page ]]; then
		failed "$name.1 (missing)"
		continue
	fi
	help=$("$tool" --help)
	rc=$?
	if [[ $rc -ne 0 || -z $help ]]; then
		failed "$name --help (exit status $rc)"
		continue
	fi
	lint "$page"
	if [[ $name == kpatch ]]; then
		sections "$page" "NAME,SYNOPSIS,DESCRIPTION,COMMANDS,OPTIONS,EXIT STATUS,ENVIRONMENT,FILES,EXAMPLES,SEE ALSO"
		compare "kpatch commands" "--help" "$(help_commands <<<"$help")" \
			"kpatch.1" "$(man_tags "$page" COMMANDS | awk '{ print $1 }')"
	else
		sections "$page" "NAME,SYNOPSIS,DESCRIPTION,OPTIONS,EXIT STATUS,ENVIRONMENT,FILES,EXAMPLES,SEE ALSO"
	fi
	compare "$name options" "--help" "$(help_defs <<<"$help" | option_words)" \
		"$name.1" "$(man_tags "$page" OPTIONS,COMMANDS | option_words)"
	compare "$name exit statuses" "--help" "$(help_exit_codes <<<"$help")" \
		"$name.1" "$(man_tags "$page" "EXIT STATUS" | grep -oE '^[0-9]+')"
	environment "$tool" "$page"
	version "$tool" "$page"
done

##
## Bash completion, against fixtures: a fake sysfs tree, a fake
## /var/lib/kpatch, a fake / for /usr/src and /lib/modules, and a
## directory of files.
##
rel=$(uname -r)
fx=$work/fixture
mkdir -p "$fx/sysfs/patches/kpatch_fix" "$fx/sysfs/patches/kpatch_other" \
	"$fx/var/$rel" "$fx/var/6.1.0-98-old" \
	"$fx/root/lib/modules/6.1.0-97-test/kernel/fs" \
	"$fx/root/lib/modules/6.1.0-97-test/kernel/net" \
	"$fx/root/usr/src/linux-headers-6.1.0-96-hdr" \
	"$fx/root/usr/src/linux-headers-6.1.0-96-common" \
	"$fx/files/dir"
echo 1 >"$fx/sysfs/patches/kpatch_fix/enabled"
echo 0 >"$fx/sysfs/patches/kpatch_other/enabled"
touch "$fx/var/$rel/kpatch-fix.ko" "$fx/var/$rel/kpatch-boot.ko" \
	"$fx/var/6.1.0-98-old/kpatch-old.ko" \
	"$fx/root/lib/modules/6.1.0-97-test/kernel/fs/binfmt_misc.ko" \
	"$fx/root/lib/modules/6.1.0-97-test/kernel/net/foo-bar.ko.xz" \
	"$fx/files/one.ko" "$fx/files/two.patch" "$fx/files/three.diff" \
	"$fx/files/four.txt"

# offers SCRIPT WORD...: what the completion registered for the command
# in SCRIPT offers, one per line, sorted, for the command line WORD...
# with the cursor on the last word.
offers() {
	local script=$1
	shift
	(cd "$fx/files" && KPATCH_SYSFS=$fx/sysfs KPATCH_VARDIR=$fx/var \
		_KPATCH_COMPLETION_ROOT=$fx/root \
		bash --norc --noprofile -c '
		script=$1
		shift
		. "$script" || exit 1
		fn=$(complete -p "$1" 2>/dev/null | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
		[[ -n $fn ]] || { echo "no completion registered for $1" >&2; exit 1; }
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		COMPREPLY=()
		"$fn" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' bash "$script" "$@") | sed '/^$/d' | LC_ALL=C sort -u
}

# complete_case CASE SCRIPT EXPECTED WORD...
complete_case() {
	local name=$1 script=$2 want=$3 got
	shift 3
	if ! got=$(offers "$script" "$@" 2>&1); then
		failed "completion $name (error: $got)"
		return
	fi
	want=$(words <<<"$want")
	if [[ $got == "$want" ]]; then
		pass "completion $name"
	else
		failed "completion $name ('$*' offers: $(show "$got"); expected: $(show "$want"))"
	fi
}

ck=$comp_dir/kpatch
kpatch_top_opts=$(man_tags "$man_dir/kpatch.1" OPTIONS | option_words)
complete_case "kpatch commands" "$ck" "load unload list info install uninstall package" kpatch ""
complete_case "kpatch commands, prefix" "$ck" "install info" kpatch in
complete_case "kpatch options (as in kpatch.1)" "$ck" "$kpatch_top_opts" kpatch -
complete_case "kpatch load: .ko files" "$ck" "dir one.ko" kpatch load ""
complete_case "kpatch load: --all" "$ck" "--all" kpatch load -
complete_case "kpatch load --all: nothing more" "$ck" "" kpatch load --all ""
complete_case "kpatch unload: loaded patches" "$ck" "kpatch_fix kpatch_other" kpatch unload ""
complete_case "kpatch unload: prefix" "$ck" "kpatch_fix" kpatch unload kpatch_f
complete_case "kpatch unload: --all" "$ck" "--all" kpatch unload -
complete_case "kpatch info: loaded, installed, files" "$ck" \
	"kpatch_fix kpatch_other kpatch-boot kpatch-fix dir one.ko" kpatch info ""
complete_case "kpatch list: nothing" "$ck" "" kpatch list ""
complete_case "kpatch install: .ko files" "$ck" "dir one.ko" kpatch install ""
complete_case "kpatch install: -k" "$ck" "-k" kpatch install -
complete_case "kpatch install -k: releases" "$ck" "$rel 6.1.0-98-old 6.1.0-97-test" kpatch install -k ""
complete_case "kpatch install -k REL: .ko files" "$ck" "dir one.ko" kpatch install -k 6.1.0-97-test ""
complete_case "kpatch uninstall: installed for the running kernel" "$ck" "kpatch-boot kpatch-fix" kpatch uninstall ""
complete_case "kpatch uninstall: options" "$ck" "--all -k" kpatch uninstall -
complete_case "kpatch uninstall -k REL: installed for REL" "$ck" "kpatch-old" kpatch uninstall -k 6.1.0-98-old ""
complete_case "kpatch uninstall -k REL: --all" "$ck" "--all" kpatch uninstall -k 6.1.0-98-old -

cb=$comp_dir/kpatch-build
complete_case "kpatch-build options (as in kpatch-build.1)" "$cb" \
	"$(man_tags "$man_dir/kpatch-build.1" OPTIONS | option_words)" kpatch-build -
complete_case "kpatch-build options, prefix" "$cb" "--skip-cleanup --skip-compiler-check --sourcedir" kpatch-build --s
complete_case "kpatch-build: patch files" "$cb" "dir three.diff two.patch" kpatch-build ""
complete_case "kpatch-build: patch files after options" "$cb" "dir three.diff two.patch" kpatch-build -R -j 2 ""
complete_case "kpatch-build -s: directories" "$cb" "dir" kpatch-build -s ""
complete_case "kpatch-build -o: directories" "$cb" "dir" kpatch-build --output ""
complete_case "kpatch-build -c: any file" "$cb" "dir four.txt one.ko three.diff two.patch" kpatch-build -c ""
complete_case "kpatch-build --config=: any file" "$cb" "dir four.txt one.ko three.diff two.patch" kpatch-build --config = ""
complete_case "kpatch-build -v: any file" "$cb" "dir four.txt one.ko three.diff two.patch" kpatch-build -v ""
complete_case "kpatch-build -a: releases" "$cb" "6.1.0-96-hdr 6.1.0-97-test" kpatch-build -a ""
complete_case "kpatch-build --archversion: releases" "$cb" "6.1.0-96-hdr 6.1.0-97-test" kpatch-build --archversion 6.1.0-9
complete_case "kpatch-build -t: vmlinux and the release's modules" "$cb" "vmlinux binfmt_misc foo-bar" \
	kpatch-build -a 6.1.0-97-test -t ""
complete_case "kpatch-build -n: nothing" "$cb" "" kpatch-build -n ""

exit $fail
