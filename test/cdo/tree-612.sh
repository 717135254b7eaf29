#!/bin/bash
# Prepares the 6.12 tree that the 6.12 kernel-object cases compile in: a
# copy of linux-source-6.12 with Debian's 6.12 cloud config
# (olddefconfig), "make modules_prepare" (generated headers, objtool,
# the module linker script), then
# each object named on the command line built by kbuild, so that its
# .o.cmd file records kbuild's exact command for kernel-object.sh.
#   tree-612.sh --print-dir        the tree (may not exist yet)
#   tree-612.sh [REL.o...]         prepare it when missing, build objects
# Cached under ~/.cache/kpatch/cdo-fixtures-612/tree-<key>/linux, keyed on
# the source package's version, the config and this script's recipe
# number; "prepared" marks a finished preparation, "sizes" holds the
# probe's entry sizes and "objtool" the options kbuild gave objtool on it
# (both rebuilt when removed).
set -euo pipefail

TREE612_RECIPE=1
# The source and Debian's config come from packages: on a fresh machine
# they are installed here, so the 6.12 cases run rather than skip.
if [[ ${1:-} != --print-dir ]]; then
	"$(dirname "$0")/../../scripts/install-deps.sh" kernel-6.12 >&2
fi
src=${CDO612_SOURCE:-/tmp/src/linux-source-6.12}
tarball=/usr/src/linux-source-6.12.tar.xz
config=${CDO612_CONFIG:-$(ls -d /usr/src/linux-headers-6.12.*-cloud-amd64/.config 2>/dev/null | sort -V | tail -n 1)}
root=${CDO612_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/kpatch/cdo-fixtures-612}

[[ -n $config && -r $config ]] ||
	{ echo "tree-612: no 6.12 cloud config: install linux-headers-6.12.*-cloud-amd64" >&2; exit 2; }
ver=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null || echo none)
key=$( { echo "$ver recipe $TREE612_RECIPE"; cat "$config"; } | sha256sum | cut -c1-16)
dir=$root/tree-$key
tree=$dir/linux

if [[ ${1:-} == --print-dir ]]; then
	echo "$tree"
	exit 0
fi

mkdir -p "$root"
exec 9>"$root/.lock"
flock 9
if [[ ! -e $dir/prepared ]]; then
	rm -rf "$dir"
	mkdir -p "$dir"
	if [[ -d $src ]]; then
		cp -a "$src" "$tree"
	elif [[ -r $tarball ]]; then
		tar -xf "$tarball" -C "$dir" && mv "$dir"/linux-source-6.12 "$tree"
	else
		echo "tree-612: no 6.12 source: install linux-source-6.12" >&2
		exit 2
	fi
	cp "$config" "$tree/.config"
	# The exports of Debian's build of this config, for the cases and the
	# probe's modpost.
	cp "$(dirname "$config")/Module.symvers" "$tree/"
	# Debian signs modules with its own key and embeds its certificates:
	# neither is needed to compile single objects.
	"$tree/scripts/config" --file "$tree/.config" --set-str SYSTEM_TRUSTED_KEYS "" \
		--set-str SYSTEM_REVOCATION_KEYS "" --set-str MODULE_SIG_KEY "certs/signing_key.pem"
	make -s -C "$tree" olddefconfig >"$dir/prepare.log" 2>&1
	make -s -C "$tree" -j2 modules_prepare >>"$dir/prepare.log" 2>&1 ||
		{ tail -20 "$dir/prepare.log" >&2; exit 1; }
	touch "$dir/prepared"
fi
# The special-section entry sizes, from kpatch-build's probe, as
# kpatch-build gets them: NAME SIZE lines.
if [[ ! -s $dir/sizes || ! -s $dir/objtool ]]; then
	probe=$dir/probe
	rm -rf "$probe"
	mkdir -p "$probe"
	cp "$(dirname "$0")/../../kpatch-build/probe/"* "$probe/"
	make -C "$tree" M="$probe" modules >"$dir/probe.log" 2>&1 ||
		{ tail -20 "$dir/probe.log" >&2; exit 1; }
	nm -S "$probe/special-sizes.o" |
		awk '/ kpatch_probe_/ { sub("kpatch_probe_", "", $4); print $4, strtonum("0x" $2) }' >"$dir/sizes.tmp"
	# The options kbuild gives objtool on a module, as kpatch-build
	# reads them: kpatch-cc runs objtool with them on vmlinux objects.
	sed -n 's|.*tools/objtool/objtool \(.*\) [^ ]*special-sizes\.o$|\1|p' \
		"$probe/.special-sizes.o.cmd" >"$dir/objtool"
	mv "$dir/sizes.tmp" "$dir/sizes"
fi
# kbuild's command for each object, in its .cmd file; the objects
# themselves are only a by-product.
need=()
for o in "$@"; do
	[[ -e $tree/$(dirname "$o")/.$(basename "$o").cmd ]] || need+=("$o")
done
if ((${#need[@]})); then
	make -s -C "$tree" -j2 "${need[@]}" >>"$dir/objects.log" 2>&1 ||
		{ tail -20 "$dir/objects.log" >&2; exit 1; }
fi
