#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The initial ramdisk on real boots: apps/fs-read with a ramfs root filled from an initrd
# (a cpio newc archive of apps/fs-read/guest_fs), no 9P device at all, on KVM x86_64 (PVH
# on pc and microvm, multiboot, and RAM above the first GiB), KVM arm64 virt (the tree's
# /chosen linux,initrd-start/end) and Xen x86_64 PV and PVH (xl's ramdisk =; one boot of
# the Xen test host). Errors: a file that is not a cpio archive stops the boot with
# load_initrd's line and a failure status; a ramfs root without an initrd leaves / empty,
# so fs-read's open fails and it exits 1.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/xen/lib.sh"
QG="$ROOT/tools/qemu-guest"
ACC=(-A "${LITH_ACCEL:-tcg}")
FRAG="$ROOT/tests/fs/defconfigs/initrd"

(cd "$ROOT/apps/fs-read/guest_fs" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) \
	>"$WORK/good.cpio"
head -c 3000 /dev/urandom >"$WORK/notcpio.bin"
[ -s "$WORK/good.cpio" ] && ok "initrd made with cpio -o -H newc" || bad "cpio failed"

# expect_read WHAT: fs-read's three lines, the initrd unpacked, and status 0.
expect_read() {
	expect_eq "$1: exit status" "$status" 0
	expect_grep "$1: initrd found" "$WORK/out" 'INFO: .*initrd: 0x[0-9a-f]+-0x[0-9a-f]+ \(512 bytes\)$'
	expect_grep "$1: initrd unpacked" "$WORK/out" 'initrd: 512 bytes unpacked into /$'
	expect_grep "$1: hello" "$WORK/out" 'Hello, world!$'
	expect_grep "$1: file contents" "$WORK/out" '^File contents: The grass is green!$'
	expect_grep "$1: bye" "$WORK/out" '^Bye, world!$'
	grep -m 1 -o 'initrd: 0x.*' "$WORK/out" | sed "s/^/    [$1] /"
}

# expect_notcpio WHAT: load_initrd's error line, then the boot stops (crash: 70).
expect_notcpio() {
	expect_eq "$1: crash status" "$status" 70
	expect_grep "$1: error line" "$WORK/out" \
		'ERR: \[vfs\] <rootfs\.c @ +[0-9]+> initrd at 0x[0-9a-f]+ \(3000 bytes\): not a cpio newc archive: 22$'
	expect_nogrep "$1: main did not run" "$WORK/out" 'Hello, world!$'
}

# expect_noinitrd WHAT: an empty ramfs root; fs-read says so and returns 1.
expect_noinitrd() {
	expect_eq "$1: exit status" "$status" 1
	expect_grep "$1: open fails" "$WORK/out" '^open /grass: No such file or directory$'
}

if command -v qemu-system-x86_64 >/dev/null; then
	app="$(app_copy "$ROOT/apps/fs-read" fs-read)"
	mb="$(app_copy "$ROOT/apps/fs-read" fs-read-mb)"
	echo CONFIG_KVM_MULTIBOOT=y >"$WORK/multiboot.frag"
	if app_build "$app" "$ROOT/tests/defconfigs/kvm-x86_64" "$FRAG" >"$WORK/build.log" 2>&1
	then
		img="$app/build/fs-read_kvm-x86_64"
		for m in pc microvm; do
			run_status "$QG" -k "$img" "${ACC[@]}" -t 30 -M $m -i "$WORK/good.cpio"
			expect_read "x86_64 PVH ($m)"
		done
		# QEMU puts the initrd near the top of RAM: above the GiB that entry.S maps.
		run_status "$QG" -k "$img" "${ACC[@]}" -t 30 -m 1536 -i "$WORK/good.cpio"
		expect_read "x86_64 PVH, 1536 MiB"
		expect_grep "x86_64 PVH, 1536 MiB: initrd above 1 GiB" "$WORK/out" \
			'initrd: 0x[4-9a-f][0-9a-f]{7}-'
		run_status "$QG" -k "$img" "${ACC[@]}" -t 30 -i "$WORK/notcpio.bin"
		expect_notcpio "x86_64 PVH, not a cpio archive"
		run_status "$QG" -k "$img" "${ACC[@]}" -t 30
		expect_noinitrd "x86_64 PVH, no initrd"
	else
		bad "fs-read builds for kvm x86_64 with a ramfs root"
		tail -n 20 "$WORK/build.log" | sed 's/^/    /'
	fi
	# Multiboot: QEMU loads the module right after the image, where free memory began.
	if app_build "$mb" "$ROOT/tests/defconfigs/kvm-x86_64" "$FRAG" "$WORK/multiboot.frag" \
		>"$WORK/build.log" 2>&1; then
		run_status "$QG" -k "$mb/build/fs-read-mb_kvm-x86_64" "${ACC[@]}" -t 30 \
			-i "$WORK/good.cpio"
		expect_read "x86_64 multiboot"
		expect_grep "x86_64 multiboot: booted by multiboot" "$WORK/out" 'booted by multiboot'
	else
		bad "fs-read builds for kvm x86_64 with multiboot"
		tail -n 20 "$WORK/build.log" | sed 's/^/    /'
	fi
else
	bad "qemu-system-x86_64 is missing (tools/setup installs it)"
fi

if command -v qemu-system-aarch64 >/dev/null; then
	app="$(app_copy "$ROOT/apps/fs-read" fs-read-arm64)"
	if app_build "$app" "$ROOT/tests/defconfigs/kvm-arm64" "$FRAG" >"$WORK/build.log" 2>&1
	then
		img="$app/build/fs-read-arm64_kvm-arm64"
		run_status "$QG" -k "$img" -t 60 -i "$WORK/good.cpio"
		expect_read "arm64 virt"
		expect_grep "arm64 virt: Linux boot protocol" "$WORK/out" \
			'booted by Linux boot protocol'
		run_status "$QG" -k "$img" -t 60 -i "$WORK/notcpio.bin"
		expect_notcpio "arm64 virt, not a cpio archive"
	else
		bad "fs-read builds for kvm arm64 with a ramfs root"
		tail -n 20 "$WORK/build.log" | sed 's/^/    /'
	fi
else
	bad "qemu-system-aarch64 is missing (tools/setup installs it)"
fi

# Xen: every guest in one boot of the test host. run.sh copies the -f files into dom0 and
# rewrites their paths in the configs.
XENBOOT_FILES=("$WORK/good.cpio" "$WORK/notcpio.bin")
guests=()
# xen_guest NAME IMAGE RAMDISK: queue IMAGE under NAME with RAMDISK (none: "").
xen_guest() {
	cp "$2" "$WORK/$1"
	sed -e "s/^name = .*/name = \"$1\"/" "$2.xl.cfg" >"$WORK/$1.xl.cfg"
	[ -n "$3" ] && echo "ramdisk = \"$3\"" >>"$WORK/$1.xl.cfg"
	xen_add "$WORK/$1"
	guests+=("$1")
}
for t in pv pvh; do
	def="$XEN_DEF"
	[ $t = pvh ] && def="$XEN_PVH_DEF"
	app="$(app_copy "$ROOT/apps/fs-read" fs-read-$t)"
	# PVH: the ramdisk line comes from Kconfig (CONFIG_XEN_RAMDISK) in the generated config.
	printf 'CONFIG_XEN_RAMDISK="%s"\n' "$WORK/good.cpio" >"$WORK/ramdisk.frag"
	extra=""
	[ $t = pvh ] && extra="$WORK/ramdisk.frag"
	if app_build "$app" "$def" "$FRAG" $extra >"$WORK/build.log" 2>&1; then
		img="$app/build/fs-read-${t}_xen-x86_64"
		if [ $t = pvh ]; then
			expect_grep "Xen PVH: the generated xl config loads the ramdisk" "$img.xl.cfg" \
				"^ramdisk = \"$WORK/good.cpio\"$"
			xen_guest "xen-$t" "$img" ""
		else
			xen_guest "xen-$t" "$img" "$WORK/good.cpio"
		fi
		if [ $t = pv ]; then
			xen_guest xen-pv-notcpio "$img" "$WORK/notcpio.bin"
			xen_guest xen-pv-none "$img" ""
		fi
	else
		bad "fs-read builds for Xen $t with a ramfs root"
		tail -n 20 "$WORK/build.log" | sed 's/^/    /'
	fi
done
[ ${#guests[@]} -gt 0 ] && xen_boot_all
for i in "${!guests[@]}"; do
	cp "$WORK/out.$((i + 1))" "$WORK/out"
	status="$(xen_status $((i + 1)))"
	case "${guests[$i]}" in
	xen-pv) expect_read "Xen PV" ;;
	xen-pvh) expect_read "Xen PVH" ;;
	xen-pv-notcpio) expect_notcpio "Xen PV, not a cpio archive" ;;
	xen-pv-none) expect_noinitrd "Xen PV, no initrd" ;;
	esac
done
finish
