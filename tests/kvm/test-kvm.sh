#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# KVM platform boot tests (x86_64): real images booted by QEMU through tools/qemu-guest on
# -M pc, q35 and microvm. TCG by default (this kind of machine has no hardware KVM); set
# LITH_ACCEL=kvm to run them all under KVM. A last test boots an image built without SSE
# with -accel kvm when /dev/kvm works.
. "$(dirname "$0")/../lib/common.sh"
DEF="$ROOT/tests/defconfigs/kvm-x86_64"
QG="$ROOT/tools/qemu-guest"
ACC=(-A "${LITH_ACCEL:-tcg}")
KAPPS="$ROOT/tests/kvm/apps"

# boot NAME IMAGE ARGS...: qemu-guest with a time limit; output in $WORK/out, $status.
boot() {
	local img="$1"
	shift
	run_status "$QG" -k "$img" "${ACC[@]}" -t 60 "$@"
	# SeaBIOS (pc, q35) ends its own output without a newline.
	sed -i 's/^Booting from ROM\.\.//' "$WORK/out"
}

# --- helloworld on each machine type, and its size --------------------------------------------
app="$(app_copy "$ROOT/apps/helloworld" helloworld)"
if app_build "$app" "$DEF"; then
	img="$app/build/helloworld_kvm-x86_64"
	size=$(stat -c %s "$img")
	if [ "$size" -le 65536 ]; then ok "helloworld image is $size bytes (<= 64 KiB)"; else
		bad "helloworld image is $size bytes (> 64 KiB)"; fi
	for m in pc q35 microvm; do
		boot "$img" -M $m
		expect_eq "helloworld on $m exits 0" "$status" 0
		expect_grep "banner on $m" "$WORK/out" '^Powered by Lith [0-9]+\.[0-9]+\.[0-9]+ \(.+\)$'
		expect_grep "hello line on $m" "$WORK/out" '^Hello world!$'
	done
	expect_nogrep "default level prints no info" "$WORK/out" 'INFO:'

	printf 'CONFIG_LIBDEBUG_PRINTK_INFO=y\nCONFIG_LIBBOOT_TRACE=y\n' >"$WORK/info.frag"
	if app_build "$app" "$DEF" "$WORK/info.frag"; then
		boot "$img" -M q35 -a "a b"
		expect_eq "info level still exits 0" "$status" 0
		expect_grep "info: booted by PVH" "$WORK/out" 'INFO: .*kvm: booted by PVH, command line "a b"'
		expect_grep "info: the UART" "$WORK/out" 'INFO: .*serial: 16550 UART COM1'
		expect_grep "info: TSC frequency and source" "$WORK/out" \
			'INFO: .*time: TSC at [0-9]+ kHz \(.+\)'
		expect_grep "info: the timer" "$WORK/out" 'INFO: .*timer: LAPIC'
		expect_grep "info: PCI devices" "$WORK/out" 'INFO: .*pci 00:00\.0: 8086:29c0'
		expect_grep "info: memory regions" "$WORK/out" 'INFO: .*memory region 0x[0-9a-f]+-'
		expect_grep "info: the stack switch" "$WORK/out" 'INFO: .*stack: switched to the boot stack'
		expect_grep "boot trace from the first instruction" "$WORK/out" \
			'^boot-trace: entry->boot=[0-9]+ us$'
		expect_grep "boot trace to power-off" "$WORK/out" '^boot-trace: entry->halt=[0-9]+ us$'
	else
		bad "helloworld builds at info level"
	fi
else
	bad "helloworld builds for kvm"
fi

# --- main's status, arguments, crashes ---------------------------------------------------------
app="$(app_copy "$ROOT/tests/apps/status" status)"
if app_build "$app" "$DEF"; then
	img="$app/build/status_kvm-x86_64"
	boot "$img" -M pc
	expect_eq "main returning 3 exits 3 (pc)" "$status" 3
	boot "$img" -M microvm -n -a 'kernel.param=1 -- 7 "two words"'
	expect_eq "argv[1] is the status (microvm)" "$status" 7
	expect_grep "an argument with a blank stays one word" "$WORK/out" '^argv\[2\]=<two words>$'
	expect_nogrep "virtio_mmio.device= words are not the app's" "$WORK/out" 'virtio_mmio'
else
	bad "status app builds"
fi

app="$(app_copy "$ROOT/tests/apps/fault" fault)"
if app_build "$app" "$DEF"; then
	boot "$app/build/fault_kvm-x86_64" -M q35
	expect_eq "page fault exits with the crash status" "$status" 70
	expect_grep "fault report" "$WORK/out" \
		'^CRASH: page fault \(vector 14, error 0x[0-9a-f]+\) at rip 0x[0-9a-f]{16}, address 0x0000000000000008$'
	expect_grep "register dump" "$WORK/out" '^RIP=[0-9a-f]{16} RFL=[0-9a-f]{16}'
	expect_grep "stack trace" "$WORK/out" '^  #1 0x[0-9a-f]{16}$'
	expect_nogrep "nothing after the fault" "$WORK/out" 'not reached'
else
	bad "fault app builds"
fi

app="$(app_copy "$ROOT/tests/apps/platcheck" platcheck)"
if app_build "$app" "$DEF"; then
	boot "$app/build/platcheck_kvm-x86_64" -M microvm
	expect_eq "platcheck exit status (microvm)" "$status" 0
	expect_grep "platcheck: TLS, clocks, timer + idle, allocator" "$WORK/out" '^platcheck: 0 failures$'
	expect_nogrep "no failed check" "$WORK/out" '^FAIL'
else
	bad "platcheck app builds"
fi

# --- every virtio device QEMU offers, on both transports, modern and legacy --------------------
app="$(app_copy "$KAPPS/virtio" virtio)"
mkdir -p "$WORK/share"
dd if=/dev/zero of="$WORK/disk.img" bs=1k count=64 status=none
printf 'LITHBLK0' | dd of="$WORK/disk.img" conv=notrunc status=none
if app_build "$app" "$DEF" "$KAPPS/virtio/defconfig"; then
	img="$app/build/virtio_kvm-x86_64"
	legacy_pci="-global virtio-9p-pci.disable-modern=on -global virtio-net-pci.disable-modern=on"
	legacy_pci="$legacy_pci -global virtio-blk-pci.disable-modern=on"
	while read -r name machine transport extra; do
		boot "$img" -M "$machine" -e "$WORK/share" -n -b "$WORK/disk.img" ${extra:+-x "$extra"}
		expect_eq "virtio $name: exit status" "$status" 0
		for dev in 9p net blk; do
			expect_grep "virtio $name: $dev negotiated" "$WORK/out" \
				"^virtio: $dev at .* over $transport features 0x[0-9a-f]+ status 0x(f|7) "
		done
		expect_grep "virtio $name: 9p mount tag" "$WORK/out" 'tag=fs0$'
		expect_grep "virtio $name: blk read through the virtqueue" "$WORK/out" \
			'^virtio: blk read sector 0: done, status 0, 513 bytes, data "LITHBLK0"$'
		expect_grep "virtio $name: 3 devices ready" "$WORK/out" '^virtio: 3 devices ready$'
	done <<-EOT
	pc-modern pc virtio-pci
	pc-legacy pc virtio-pci.\\(legacy\\) $legacy_pci
	q35-modern q35 virtio-pci
	microvm-legacy microvm virtio-mmio.\\(legacy\\)
	microvm-v2 microvm virtio-mmio -global virtio-mmio.force-legacy=false
	EOT
else
	bad "virtio app builds"
fi

# --- the wrapper ----------------------------------------------------------------------------------
for m in pc q35 microvm; do
	"$QG" -D -k k.img -M $m -a "x y" >"$WORK/cmd" 2>&1
	expect_grep "-D on $m: machine" "$WORK/cmd" "^qemu-system-x86_64 -M $m(,acpi=off)? "
	expect_grep "-D on $m: exit device, no reboot, console" "$WORK/cmd" \
		'-nographic .*-no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4'
	expect_grep "-D on $m: command line" "$WORK/cmd" "-append 'x y'"
	"$QG" -D -k k.img -M $m -e /tmp/share >"$WORK/cmd" 2>&1
	bus=pci
	[ $m = microvm ] && bus=device
	expect_grep "-D -e on $m: virtio-9p with mount tag fs0" "$WORK/cmd" \
		"-fsdev local,id=fs0,path=/tmp/share,security_model=none -device virtio-9p-$bus,fsdev=fs0,mount_tag=fs0"
done
"$QG" -D -k k.img -A kvm >"$WORK/cmd" 2>&1
expect_grep "-A kvm selects KVM" "$WORK/cmd" '-accel kvm '
"$QG" -D -k k.img -A tcg >"$WORK/cmd" 2>&1
expect_grep "-A tcg selects TCG" "$WORK/cmd" '-accel tcg '
"$QG" -D -k k.img -g 1234 >"$WORK/cmd" 2>&1
expect_grep "-g: gdbserver, paused" "$WORK/cmd" '-gdb tcp::1234 -S$'
if [ -f "$ROOT/tests/kvm/apps/hello/Makefile" ] && [ -n "${img:-}" ] && [ -f "$img" ]; then
	run_status "$QG" -k "$img" "${ACC[@]}" -M microvm -t 2 -x "-S"
	expect_eq "-t: a guest that never ends is stopped with 124" "$status" 124
fi

# --- multiboot (a.out kludge header): QEMU prefers it to PVH when both are there ----------------
app="$(app_copy "$KAPPS/hello" mbhello)"
echo CONFIG_KVM_MULTIBOOT=y >"$WORK/mb.frag"
if app_build "$app" "$DEF" "$WORK/mb.frag"; then
	boot "$app/build/mbhello_kvm-x86_64" -M pc -a "x"
	expect_eq "multiboot image on pc exits 0" "$status" 0
	expect_grep "multiboot image says hello" "$WORK/out" '^Hello world!$'
else
	bad "multiboot hello builds"
fi

# --- KVM smoke test -----------------------------------------------------------------------------
if [ ! -e /dev/kvm ]; then
	echo "skip: KVM smoke test: no /dev/kvm on this machine"
elif [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
	echo "skip: KVM smoke test: /dev/kvm is not readable and writable by $(id -un)"
else
	app="$(app_copy "$KAPPS/hello" kvmhello)"
	echo CONFIG_ARCH_X86_64_NO_SSE=y >"$WORK/nosse.frag"
	if app_build "$app" "$DEF" "$WORK/nosse.frag"; then
		# Software-nested KVM (kvm-pvm) aborts on -cpu host's MSR 0x10a: hide it.
		LITH_QEMU_CPU="${LITH_QEMU_CPU:-host,-arch-capabilities}" \
			run_status "$QG" -k "$app/build/kvmhello_kvm-x86_64" -A kvm -M microvm -t 120
		if grep -q 'Could not access KVM kernel module\|failed to initialize kvm' "$WORK/out"; then
			echo "skip: KVM smoke test: /dev/kvm exists but QEMU cannot use it:" \
				"$(grep -m1 -i kvm "$WORK/out")"
		else
			expect_eq "KVM: a no-SSE image boots and exits 0 under -accel kvm" "$status" 0
			expect_grep "KVM: hello line" "$WORK/out" '^Hello world!$'
		fi
	else
		bad "no-SSE hello builds"
	fi
fi
finish
