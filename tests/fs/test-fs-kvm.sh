#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Filesystems on KVM (QEMU, TCG unless LITH_ACCEL says otherwise): apps/fs-read with its
# 9pfs root over virtio-9p on x86_64 -M pc (PCI) and microvm (MMIO) and on arm64 virt (PCI
# and MMIO), a wrong mount tag failing fast, and tests/fs/apps/fstest (newlib: POSIX calls
# and stdio, 16 MiB round trips) over virtio-9p on both architectures.
. "$(dirname "$0")/../lib/common.sh"
QG="$ROOT/tools/qemu-guest"
ACC=(-A "${LITH_ACCEL:-tcg}")

if ! command -v qemu-system-x86_64 >/dev/null; then
	bad "qemu-system-x86_64 is missing (tools/setup installs it)"
	finish
fi

app="$(app_copy "$ROOT/apps/fs-read" fs-read)"
if app_build "$app" "$ROOT/apps/fs-read/defconfig.kvm-x86_64"; then
	img="$app/build/fs-read_kvm-x86_64"
	for m in pc microvm; do
		run_status "$QG" -k "$img" "${ACC[@]}" -t 60 -M $m -e "$app/guest_fs"
		expect_eq "fs-read on $m exits 0" "$status" 0
		expect_grep "fs-read on $m: hello" "$WORK/out" 'Hello, world!$'
		expect_grep "fs-read on $m: file contents" "$WORK/out" \
			'^File contents: The grass is green!$'
		expect_grep "fs-read on $m: bye" "$WORK/out" '^Bye, world!$'
	done

	# The seed's own command line, from the app's folder: plain QEMU, no exit device; the
	# image powers the machine off itself.
	RUN_TIMEOUT=60 run_status bash -c "cd '$app' && qemu-system-x86_64 -fsdev \
local,id=myid,path=guest_fs,security_model=none -device virtio-9p-pci,fsdev=myid,mount_tag=fs0 \
-kernel build/fs-read_kvm-x86_64 -nographic"
	expect_eq "the seed's qemu command: QEMU exits 0" "$status" 0
	expect_grep "the seed's qemu command: file contents" "$WORK/out" \
		'^File contents: The grass is green!$'
	expect_grep "the seed's qemu command: bye" "$WORK/out" '^Bye, world!$'

	# The users' complaint #2: a tag other than fs0 stops the boot at once, clearly.
	cmd="$("$QG" -k "$img" "${ACC[@]}" -M pc -e "$app/guest_fs" -D)"
	start=$(date +%s%N)
	RUN_TIMEOUT=30 run_status bash -c "${cmd//mount_tag=fs0/mount_tag=fs1}"
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	expect_eq "wrong tag: crash status through isa-debug-exit" "$status" $(( (70 << 1) | 1 ))
	expect_grep "wrong tag: CRIT line" "$WORK/out" \
		'CRIT: \[vfs\] <rootfs\.c @ +[0-9]+> Failed to mount /: 19$'
	expect_grep "wrong tag: names the tag found" "$WORK/out" '\(tags found: fs1\)'
	[ "$ms" -lt 10000 ] && ok "wrong tag fails fast (${ms} ms)" || bad "wrong tag took ${ms} ms"
	run_status "$QG" -k "$img" "${ACC[@]}" -t 30 -M pc
	expect_eq "no 9P device: crash status" "$status" 70
	expect_grep "no 9P device: CRIT line" "$WORK/out" 'Failed to mount /: 19$'
else
	bad "fs-read builds for kvm"
fi

# arm64 virt: PCI (default) and MMIO transports.
if command -v qemu-system-aarch64 >/dev/null; then
	app="$(app_copy "$ROOT/apps/fs-read" fs-read-arm64)"
	if app_build "$app" "$ROOT/apps/fs-read/defconfig.kvm-arm64"; then
		for bus in pci mmio; do
			run_status "$QG" -k "$app/build/fs-read-arm64_kvm-arm64" -t 60 -B $bus \
				-e "$app/guest_fs"
			expect_eq "fs-read on arm64 ($bus) exits 0" "$status" 0
			expect_grep "fs-read on arm64 ($bus): file contents" "$WORK/out" \
				'^File contents: The grass is green!'
		done
		# A wrong tag on arm64: the same CRIT line, the crash status through semihosting.
		cmd="$("$QG" -k "$app/build/fs-read-arm64_kvm-arm64" -e "$app/guest_fs" -D)"
		start=$(date +%s%N)
		RUN_TIMEOUT=30 run_status bash -c "${cmd//mount_tag=fs0/mount_tag=fs1}"
		ms=$(( ($(date +%s%N) - start) / 1000000 ))
		expect_eq "arm64 wrong tag: crash status" "$status" 70
		expect_grep "arm64 wrong tag: CRIT line" "$WORK/out" \
			'CRIT: \[vfs\] <rootfs\.c @ +[0-9]+> Failed to mount /: 19$'
		expect_grep "arm64 wrong tag: names the tag found" "$WORK/out" '\(tags found: fs1\)'
		[ "$ms" -lt 10000 ] && ok "arm64 wrong tag fails fast (${ms} ms)" ||
			bad "arm64 wrong tag took ${ms} ms"
	else
		bad "fs-read builds for kvm arm64"
	fi
else
	bad "qemu-system-aarch64 is missing (tools/setup installs it)"
fi

for arch in x86_64 arm64; do
	app="$(app_copy "$ROOT/tests/fs/apps/fstest" fstest-$arch)"
	if app_build "$app" "$ROOT/apps/fs-read/defconfig.kvm-$arch"; then
		rm -rf "$WORK/export"
		mkdir -p "$WORK/export"
		what="fstest over virtio-9p ($arch)"
		start=$(date +%s%N)
		run_status "$QG" -k "$app/build/fstest-${arch}_kvm-$arch" "${ACC[@]}" -t 120 -m 256 \
			-e "$WORK/export"
		ms=$(( ($(date +%s%N) - start) / 1000000 ))
		expect_eq "$what: exit status" "$status" 0
		expect_grep "$what: no failure" "$WORK/out" '^fstest: [0-9]+ checks, 0 failures'
		expect_grep "$what: 16 MiB checksum" "$WORK/out" \
			'^big file: 16777216 bytes, checksum [0-9a-f]+ matches'
		expect_grep "$what: 16 MiB through stdio" "$WORK/out" \
			'^stdio big file: 16777216 bytes, checksum matches'
		grep -E '^(FAIL|fstest:|big file|stdio big)' "$WORK/out" |
			sed "s/^/    [kvm $arch newlib, ${ms} ms] /"
		[ -z "$(ls -A "$WORK/export")" ] && ok "$what left the shared folder empty" ||
			bad "$what left files behind: $(ls -A "$WORK/export")"
	else
		bad "fstest builds for kvm $arch"
	fi
done
finish
