#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Filesystems on Xen x86_64 PV and PVH (real Xen 4.17 nested in QEMU, tests/xenhost/run.sh; all
# guests in one boot): apps/fs-read with its 9pfs root over the Xen 9pfront transport
# (libs/9p/xen.c), served by QEMU's xen-9pfs back-end in dom0 from a copy of guest_fs; a
# wrong tag failing the mount; and tests/fs/apps/fstest (16 MiB round trips with newlib's
# stdio and raw calls: the rings wrap many times) over the same transport. fstest takes
# about two and a half minutes in the nested Xen (LITH_XEN_FSTEST=0 skips it), and its
# files need a dom0 larger than the default (its /guest is in memory; 256 MiB: ENOSPC).
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/xen/lib.sh"

DEF="$ROOT/apps/fs-read/defconfig.xen-x86_64"
SHARE="$WORK/guest_fs"
EXPORT="$WORK/export"
cp -r "$ROOT/apps/fs-read/guest_fs" "$SHARE"
mkdir -p "$EXPORT"
XENBOOT_FILES=("$SHARE" "$EXPORT")
# p9 TAG PATH: the xl line of a 9pfs device (run.sh rewrites PATH to its place in dom0).
p9() {
	echo "p9 = [ 'tag=$1,security_model=none,path=$2' ]"
}

# p9_guest NAME SRC SHARE FRAGMENT...: SRC built for Xen as NAME, the xl config the build
# wrote sharing guest_fs as fs0, then rewritten to share SHARE instead; queued for the boot.
# Sets $img; fails if the build did.
p9_guest() {
	local name="$1" src="$2" share="$3" app
	shift 3
	app="$(app_copy "$src" "$name")"
	img="$app/build/${name}_xen-x86_64"
	if ! app_build "$app" "$@" >"$WORK/build-$name.log" 2>&1; then
		bad "$name builds for Xen"
		tail -n 20 "$WORK/build-$name.log" | sed 's/^/    /'
		return 1
	fi
	ok "$name builds for Xen"
	grep -q "^p9 = \[ 'tag=fs0,security_model=none,path=$app/guest_fs' \]$" "$img.xl.cfg" &&
		ok "$name: the build's xl config shares guest_fs as fs0" ||
		bad "no p9 line in $img.xl.cfg"
	sed -i '/^p9 = /d' "$img.xl.cfg"
	p9 fs0 "$share" >>"$img.xl.cfg"
	xen_add "$img" "$name"
}

if p9_guest fs-read "$ROOT/apps/fs-read" "$SHARE" "$DEF"; then
	# The same image, its device tagged fs1: the root (fs0) cannot be mounted.
	cp "$img" "$WORK/wrongtag"
	sed -e 's/^name = .*/name = "wrongtag"/' -e '/^p9 = /d' "$img.xl.cfg" \
		>"$WORK/wrongtag.xl.cfg"
	p9 fs1 "$SHARE" >>"$WORK/wrongtag.xl.cfg"
	xen_add "$WORK/wrongtag"
fi

# PVH: the same app and share through the same 9pfront code, on the HVM-style guest.
printf 'CONFIG_XEN_PVH=y\n' >"$WORK/pvh.frag"
p9_guest fs-read-pvh "$ROOT/apps/fs-read" "$SHARE" "$DEF" "$WORK/pvh.frag"

if [ "${LITH_XEN_FSTEST:-1}" != 1 ]; then
	echo "fstest over Xen 9pfront skipped (LITH_XEN_FSTEST=0)"
else
	export LITH_XENHOST_DOM0_MEM="${LITH_XENHOST_DOM0_MEM:-640M}"
	p9_guest fstest "$ROOT/tests/fs/apps/fstest" "$EXPORT" "$DEF" &&
		sed -i 's/^memory = .*/memory = 128/' "$img.xl.cfg"
fi

[ ${#XENBOOT_IMAGES[@]} -gt 0 ] && xen_boot_all

if [ "$(xen_n fs-read)" != 0 ]; then
	out="$WORK/out.$(xen_n fs-read)"
	expect_eq "fs-read on Xen PV exits 0" "$(xen_status "$(xen_n fs-read)")" 0
	expect_grep "fs-read on Xen PV: hello" "$out" '^Hello, world!$'
	expect_grep "fs-read on Xen PV: file contents" "$out" \
		'^File contents: The grass is green!$'
	expect_grep "fs-read on Xen PV: bye" "$out" '^Bye, world!$'
fi

if [ "$(xen_n fs-read-pvh)" != 0 ]; then
	out="$WORK/out.$(xen_n fs-read-pvh)"
	expect_eq "fs-read on Xen PVH exits 0" "$(xen_status "$(xen_n fs-read-pvh)")" 0
	expect_grep "fs-read on Xen PVH: file contents" "$out" \
		'^File contents: The grass is green!$'
	expect_grep "fs-read on Xen PVH: bye" "$out" '^Bye, world!$'
fi

if [ "$(xen_n wrongtag)" != 0 ]; then
	out="$WORK/out.$(xen_n wrongtag)"
	expect_eq "wrong tag: domain crashed (70)" "$(xen_status "$(xen_n wrongtag)")" 70
	expect_grep "wrong tag: CRIT line" "$out" \
		'CRIT: \[vfs\] <rootfs\.c @ +[0-9]+> Failed to mount /: 19$'
	expect_grep "wrong tag: names the tag found" "$out" '\(tags found: fs1\)'
	expect_nogrep "wrong tag: main did not run" "$out" '^Hello, world!$'
fi

if [ "$(xen_n fstest)" != 0 ]; then
	out="$WORK/out.$(xen_n fstest)"
	what="fstest over Xen 9pfront"
	expect_eq "$what: exit status" "$(xen_status "$(xen_n fstest)")" 0
	expect_grep "$what: no failure" "$out" '^fstest: [0-9]+ checks, 0 failures'
	expect_grep "$what: 16 MiB checksum" "$out" \
		'^big file: 16777216 bytes, checksum [0-9a-f]+ matches'
	expect_grep "$what: 16 MiB through stdio" "$out" \
		'^stdio big file: 16777216 bytes, checksum matches'
	grep -E '^(FAIL|fstest:|big file|stdio big)' "$out" | sed "s/^/    [xen pv] /"
fi
finish
