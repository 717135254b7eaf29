#!/bin/bash
# Compiles one file of the built test kernel tree out of tree, exactly as
# kbuild compiled it (the command saved in its .o.cmd file, then objtool),
# but through kpatch-cc, as kpatch-build compiles objects (it adds
# -ffunction-sections -fdata-sections), from a copy of the source:
#   kernel-object.sh TREE REL_SOURCE SOURCE_COPY_DIR OUTPUT.o
# SOURCE_COPY_DIR holds REL_SOURCE (original or patched).  Nothing is
# written into TREE: the dependency file kbuild asks for is dropped, and
# the object and objtool's edits go to OUTPUT.o.
set -euo pipefail

tree=$1 rel=$2 srcdir=$3 out=$4
kpatch_cc=$(cd "$(dirname "$0")/../.." && pwd)/kpatch-build/kpatch-cc
obj=${rel%.c}.o
cmdfile=$tree/$(dirname "$rel")/.$(basename "$obj").cmd
[[ -r $cmdfile ]] || { echo "kernel-object: no $cmdfile: is the tree built?" >&2; exit 1; }

# 6.1 names the command cmd_OBJ, 6.3 and later savedcmd_OBJ.
line=$(sed -n -e "s|^cmd_$obj := ||p" -e "s|^savedcmd_$obj := ||p" "$cmdfile" | head -n 1)
[[ -n $line ]] || { echo "kernel-object: no command for $obj in $cmdfile" >&2; exit 1; }
cc=${line%% ; *}
post=
[[ $line == *" ; "* ]] && post=${line#* ; }

# The compiler command: kpatch-cc in place of the compiler (which it
# runs), absolute include paths, no dependency file, and our output.
export KPATCH_CC_REAL=${cc%% *}
cc=$(sed -e "s|^[^ ]*|$kpatch_cc|" -e 's| -Wp,-MMD,[^ ]*||' -e "s| -I\./| -I$tree/|g" \
	-e "s| -include \./| -include $tree/|g" \
	-e "s| -c -o $obj $rel| -iquote $tree/$(dirname "$rel") -c -o $out $rel|" \
	<<<"$cc")
[[ $cc == *" -o $out "* ]] || { echo "kernel-object: unexpected command: $cc" >&2; exit 1; }
(cd "$srcdir" && eval "$cc")

# objtool, as kbuild ran it: ORC, return sites, static calls.
if [[ $post == *objtool* ]]; then
	post=$(sed -e "s|\./tools/objtool/objtool|$tree/tools/objtool/objtool|" \
		-e "s| $obj\$| $out|" <<<"${post%% ; *}")
	[[ $post == *" $out" ]] || { echo "kernel-object: unexpected objtool command: $post" >&2; exit 1; }
	eval "$post"
fi
