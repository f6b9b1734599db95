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

guests=()
app="$(app_copy "$ROOT/apps/fs-read" fs-read)"
img="$app/build/fs-read_xen-x86_64"
if app_build "$app" "$DEF" >"$WORK/build-fs-read.log" 2>&1; then
	ok "fs-read builds for Xen PV"
	grep -q "^p9 = \[ 'tag=fs0,security_model=none,path=$app/guest_fs' \]$" "$img.xl.cfg" &&
		ok "the build's xl config shares guest_fs as fs0" || bad "no p9 line in $img.xl.cfg"
	sed -i '/^p9 = /d' "$img.xl.cfg"
	p9 fs0 "$SHARE" >>"$img.xl.cfg"
	xen_add "$img"
	guests+=(fs-read)
	# The same image, its device tagged fs1: the root (fs0) cannot be mounted.
	cp "$img" "$WORK/wrongtag"
	sed -e 's/^name = .*/name = "wrongtag"/' -e '/^p9 = /d' "$img.xl.cfg" \
		>"$WORK/wrongtag.xl.cfg"
	p9 fs1 "$SHARE" >>"$WORK/wrongtag.xl.cfg"
	xen_add "$WORK/wrongtag"
	guests+=(wrongtag)
else
	bad "fs-read builds for Xen PV"
	tail -n 20 "$WORK/build-fs-read.log" | sed 's/^/    /'
fi

# PVH: the same app and share through the same 9pfront code, on the HVM-style guest.
app="$(app_copy "$ROOT/apps/fs-read" fs-read-pvh)"
img_pvh="$app/build/fs-read-pvh_xen-x86_64"
printf 'CONFIG_XEN_PVH=y\n' >"$WORK/pvh.frag"
if app_build "$app" "$DEF" "$WORK/pvh.frag" >"$WORK/build-fs-read-pvh.log" 2>&1; then
	sed -i '/^p9 = /d' "$img_pvh.xl.cfg"
	p9 fs0 "$SHARE" >>"$img_pvh.xl.cfg"
	xen_add "$img_pvh"
	guests+=(fs-read-pvh)
else
	bad "fs-read builds for Xen PVH"
	tail -n 20 "$WORK/build-fs-read-pvh.log" | sed 's/^/    /'
fi

if [ "${LITH_XEN_FSTEST:-1}" = 1 ]; then
	export LITH_XENHOST_DOM0_MEM="${LITH_XENHOST_DOM0_MEM:-640M}"
	app="$(app_copy "$ROOT/tests/fs/apps/fstest" fstest)"
	img="$app/build/fstest_xen-x86_64"
fi
if [ "${LITH_XEN_FSTEST:-1}" != 1 ]; then
	echo "fstest over Xen 9pfront skipped (LITH_XEN_FSTEST=0)"
elif app_build "$app" "$DEF" >"$WORK/build-fstest.log" 2>&1; then
	ok "fstest builds for Xen PV"
	sed -i 's/^memory = .*/memory = 128/' "$img.xl.cfg"
	sed -i '/^p9 = /d' "$img.xl.cfg"
	p9 fs0 "$EXPORT" >>"$img.xl.cfg"
	xen_add "$img"
	guests+=(fstest)
else
	bad "fstest builds for Xen PV"
	tail -n 20 "$WORK/build-fstest.log" | sed 's/^/    /'
fi

# n NAME: the guest number of NAME in the boot, 0 if it was not built.
n() {
	local i
	for i in "${!guests[@]}"; do
		[ "${guests[$i]}" = "$1" ] && { echo $((i + 1)); return; }
	done
	echo 0
}

[ ${#guests[@]} -gt 0 ] && xen_boot_all

if [ "$(n fs-read)" != 0 ]; then
	out="$WORK/out.$(n fs-read)"
	expect_eq "fs-read on Xen PV exits 0" "$(xen_status "$(n fs-read)")" 0
	expect_grep "fs-read on Xen PV: hello" "$out" '^Hello, world!$'
	expect_grep "fs-read on Xen PV: file contents" "$out" \
		'^File contents: The grass is green!$'
	expect_grep "fs-read on Xen PV: bye" "$out" '^Bye, world!$'
fi

if [ "$(n fs-read-pvh)" != 0 ]; then
	out="$WORK/out.$(n fs-read-pvh)"
	expect_eq "fs-read on Xen PVH exits 0" "$(xen_status "$(n fs-read-pvh)")" 0
	expect_grep "fs-read on Xen PVH: file contents" "$out" \
		'^File contents: The grass is green!$'
	expect_grep "fs-read on Xen PVH: bye" "$out" '^Bye, world!$'
fi

if [ "$(n wrongtag)" != 0 ]; then
	out="$WORK/out.$(n wrongtag)"
	expect_eq "wrong tag: domain crashed (70)" "$(xen_status "$(n wrongtag)")" 70
	expect_grep "wrong tag: CRIT line" "$out" \
		'CRIT: \[vfs\] <rootfs\.c @ +[0-9]+> Failed to mount /: 19$'
	expect_grep "wrong tag: names the tag found" "$out" '\(tags found: fs1\)'
	expect_nogrep "wrong tag: main did not run" "$out" '^Hello, world!$'
fi

if [ "$(n fstest)" != 0 ]; then
	out="$WORK/out.$(n fstest)"
	what="fstest over Xen 9pfront"
	expect_eq "$what: exit status" "$(xen_status "$(n fstest)")" 0
	expect_grep "$what: no failure" "$out" '^fstest: [0-9]+ checks, 0 failures'
	expect_grep "$what: 16 MiB checksum" "$out" \
		'^big file: 16777216 bytes, checksum [0-9a-f]+ matches'
	expect_grep "$what: 16 MiB through stdio" "$out" \
		'^stdio big file: 16777216 bytes, checksum matches'
	grep -E '^(FAIL|fstest:|big file|stdio big)' "$out" | sed "s/^/    [xen pv] /"
fi
finish
