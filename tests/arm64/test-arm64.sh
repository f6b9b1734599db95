#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# KVM platform boot tests on arm64: images cross-built for Armv8 and booted by
# qemu-system-aarch64 -M virt (TCG) through tools/qemu-guest, with GICv2 and GICv3,
# several CPUs, EL1 and EL2 entry, both virtio transports, and the architecture switch
# in one application folder.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../sched/lib.sh"
DEF="$ROOT/tests/defconfigs/kvm-arm64"
DEF86="$ROOT/tests/defconfigs/kvm-x86_64"
QG="$ROOT/tools/qemu-guest"
ACC=(-A "${LITH_ACCEL:-tcg}")

if ! command -v qemu-system-aarch64 >/dev/null ||
	! command -v aarch64-linux-gnu-gcc >/dev/null; then
	bad "qemu-system-aarch64 and aarch64-linux-gnu-gcc are needed (tools/setup installs them)"
	finish
fi

# boot IMAGE ARGS...: qemu-guest with a time limit; output in $WORK/out, $status.
boot() {
	local img="$1"
	shift
	run_status "$QG" -k "$img" "${ACC[@]}" -t 60 "$@"
}

# --- helloworld on GICv2 and GICv3, several CPUs, EL1 and EL2, more than 1 GiB ----------------
app="$(app_copy "$ROOT/apps/helloworld" helloworld)"
if app_build "$app" "$DEF"; then
	img="$app/build/helloworld_kvm-arm64"
	expect_eq "the image is an AArch64 ELF" "$(od -An -tu2 -j18 -N2 "$img" | tr -d ' ')" 183
	size=$(stat -c %s "$img")
	if [ "$size" -le 65536 ]; then ok "helloworld image is $size bytes (<= 64 KiB)"; else
		bad "helloworld image is $size bytes (> 64 KiB)"; fi
	while read -r name machine cpu extra; do
		boot "$img" -M "$machine" -c "$cpu" $extra
		expect_eq "helloworld on $name exits 0" "$status" 0
		expect_grep "banner on $name" "$WORK/out" '^Powered by Lith [0-9]+\.[0-9]+\.[0-9]+ \(.+\)$'
		expect_grep "hello line on $name" "$WORK/out" '^Hello world!$'
	done <<-EOT
	gicv2-a57 virt cortex-a57
	gicv3-a57 virt,gic-version=3 cortex-a57
	gicv2-max virt max
	gicv3-max virt,gic-version=3 max
	gicv2-a72 virt cortex-a72
	el2-gicv3 virt,virtualization=on,gic-version=3 cortex-a57
	2GiB virt,gic-version=3 cortex-a57 -m 2048
	EOT
	expect_nogrep "default level prints no info" "$WORK/out" 'INFO:'

	# A raw copy of the image is an arm64 Linux Image: QEMU passes the tree in x0.
	aarch64-linux-gnu-objcopy -O binary "$img" "$WORK/hello.bin"
	timeout 30 qemu-system-aarch64 -M virt -cpu cortex-a57 -m 256 -nodefaults -nographic \
		-serial stdio -no-reboot -kernel "$WORK/hello.bin" </dev/null >"$WORK/out" 2>&1
	expect_grep "raw Image boot (device tree in x0)" "$WORK/out" '^Hello world!$'
	expect_grep "raw Image: status on the console" "$WORK/out" '^LITH_EXIT_STATUS=0$'

	printf 'CONFIG_LIBDEBUG_PRINTK_INFO=y\nCONFIG_LIBBOOT_TRACE=y\n' >"$WORK/info.frag"
	if app_build "$app" "$DEF" "$WORK/info.frag"; then
		boot "$img" -a "a b"
		expect_eq "info level still exits 0" "$status" 0
		expect_grep "info: booted at EL1 with the tree" "$WORK/out" \
			'INFO: .*kvm: booted by ELF at EL1, device tree at 0x40000000, command line "a b"'
		expect_grep "info: the UART" "$WORK/out" 'INFO: .*serial: PL011 UART at 0x9000000'
		expect_grep "info: the stack switch" "$WORK/out" 'INFO: .*stack: switched to the boot stack'
		expect_grep "info: RAM from the tree" "$WORK/out" \
			'INFO: .*memory: RAM 0x40000000-0x48000000 \(128 MiB\)'
		expect_grep "info: the MMU" "$WORK/out" 'INFO: .*memory: MMU on, 4 KiB granule'
		expect_grep "info: memory regions" "$WORK/out" 'INFO: .*memory region 0x[0-9a-f]+-'
		expect_grep "info: GICv2" "$WORK/out" 'INFO: .*gic: GICv2, distributor at 0x8000000'
		expect_grep "info: PSCI conduit" "$WORK/out" 'INFO: .*power: PSCI through hvc'
		expect_grep "info: timer frequency" "$WORK/out" \
			'INFO: .*time: generic timer at [0-9]+ kHz, virtual timer on interrupt 27'
		expect_grep "info: the PCI bus" "$WORK/out" 'INFO: .*pci: ECAM host bridge at 0x'
		expect_grep "info: the PCI host bridge device" "$WORK/out" 'INFO: .*pci 00:00\.0: 1b36:0008'
		expect_grep "boot trace from the first instruction" "$WORK/out" \
			'^boot-trace: entry->boot=[0-9]+ us$'
		expect_grep "boot trace to power-off" "$WORK/out" '^boot-trace: entry->halt=[0-9]+ us$'
		boot "$img" -M virt,virtualization=on,gic-version=3
		expect_eq "info level at EL2 exits 0" "$status" 0
		expect_grep "info: dropped from EL2" "$WORK/out" 'INFO: .*kvm: booted by ELF at EL2'
		expect_grep "info: GICv3" "$WORK/out" \
			'INFO: .*gic: GICv3, distributor at 0x8000000, redistributor'
		expect_grep "info: PSCI through smc under EL2" "$WORK/out" 'INFO: .*power: PSCI through smc'
		boot "$img" -m 2048
		expect_grep "info: 2 GiB of RAM mapped" "$WORK/out" \
			'INFO: .*memory region 0x[0-9a-f]+-0xc0000000: [0-9]+ KiB free'
	else
		bad "helloworld builds at info level"
	fi
else
	bad "helloworld builds for kvm-arm64"
fi

# --- main's status, arguments, crashes --------------------------------------------------------
app="$(app_copy "$ROOT/tests/apps/status" status)"
if app_build "$app" "$DEF"; then
	img="$app/build/status_kvm-arm64"
	boot "$img"
	expect_eq "main returning 3 exits 3 (semihosting)" "$status" 3
	boot "$img" -M virt,gic-version=3 -a 'kernel.param=1 -- 7 "two words"'
	expect_eq "argv[1] is the status (GICv3)" "$status" 7
	expect_grep "an argument with a blank stays one word" "$WORK/out" '^argv\[2\]=<two words>$'
	boot "$img" -N
	expect_eq "without semihosting the console line carries 3" "$status" 3
	expect_grep "the status line" "$WORK/out" '^LITH_EXIT_STATUS=3$'
else
	bad "status app builds"
fi

app="$(app_copy "$ROOT/tests/apps/fault" fault)"
if app_build "$app" "$DEF"; then
	for mode in semihosting console; do
		boot "$app/build/fault_kvm-arm64" $([ $mode = console ] && echo -N)
		expect_eq "data abort exits with the crash status ($mode)" "$status" 70
	done
	crash='^CRASH: data abort \(EC 0x25\) at pc 0x[0-9a-f]{16}, address 0x0000000000000008'
	expect_grep "fault report" "$WORK/out" "$crash \\(translation fault, level [0-3], write\\)\$"
	expect_grep "register dump" "$WORK/out" '^X0 =[0-9a-f]{16} X1 =[0-9a-f]{16} X2 '
	expect_grep "register dump: pc, sp, syndrome" "$WORK/out" \
		'^PC =[0-9a-f]{16} SP =[0-9a-f]{16} PSTATE='
	expect_grep "stack trace" "$WORK/out" '^  #1 0x[0-9a-f]{16}$'
	expect_nogrep "nothing after the fault" "$WORK/out" 'not reached'
else
	bad "fault app builds"
fi

app="$(app_copy "$ROOT/tests/apps/platcheck" platcheck)"
if app_build "$app" "$DEF"; then
	for m in virt virt,gic-version=3; do
		boot "$app/build/platcheck_kvm-arm64" -M $m
		expect_eq "platcheck exit status ($m)" "$status" 0
		expect_grep "platcheck ($m): TLS, clocks, timer + idle, allocator" "$WORK/out" \
			'^platcheck: 0 failures$'
		expect_nogrep "no failed check ($m)" "$WORK/out" '^FAIL'
	done
else
	bad "platcheck app builds"
fi

# --- threads: context switch, TLS, timers, preemption from the timer interrupt, guard pages ----
echo CONFIG_LIBSCHED_PREEMPT=y >"$WORK/preempt.frag"
for sched in coop preempt; do
	frags="$DEF"
	[ $sched = preempt ] && frags="$DEF,$WORK/preempt.frag"
	app="$(app_copy "$ROOT/tests/sched/apps/schedtest" "schedtest-$sched")"
	if app_build "$app" "$frags" >"$WORK/build.log" 2>&1; then
		img="$app/build/schedtest-${sched}_kvm-arm64"
		boot "$img" -m 256 -M virt,gic-version=3
		expect_eq "schedtest $sched: exit status" "$status" 0
		expect_grep "schedtest $sched: summary" "$WORK/out" '^schedtest: 0 failures$'
		expect_nogrep "schedtest $sched: no failed check" "$WORK/out" '^FAIL'
		if [ $sched = preempt ]; then
			expect_grep "preemption shares the CPU between busy threads" "$WORK/out" \
				'^ok: two busy threads share the CPU'
		else
			boot "$img" -m 256 -a overflow
			expect_eq "stack overflow exits with the crash status" "$status" 70
			expect_grep "stack overflow hits the guard page and is named" "$WORK/out" \
				'^CRASH: stack overflow in thread deep at address 0x[0-9a-f]{16} '
		fi
	else
		bad "schedtest builds ($sched)"
		tail -n 20 "$WORK/build.log"
	fi
done

# newlib under the preemptive scheduler: per-thread C library state, locked FILEs.
app="$(app_copy "$ROOT/tests/sched/apps/libcthreads" libcthreads)"
if app_build "$app" "$DEF" "$WORK/preempt.frag" "$NEWLIB_FRAGS" >"$WORK/build.log" 2>&1; then
	boot "$app/build/libcthreads_kvm-arm64" -m 256
	expect_app "libcthreads arm64" libcthreads "$status" "$WORK/out"
	expect_console_lines "libcthreads arm64" "$WORK/out"
else
	bad "libcthreads builds (arm64)"
	tail -n 20 "$WORK/build.log"
fi

# --- a device interrupt (the PL011's receive SPI) through GICv2 and GICv3 ----------------------
app="$(app_copy "$ROOT/tests/arm64/apps/consoleirq" consoleirq)"
if app_build "$app" "$DEF"; then
	for m in virt virt,gic-version=3; do
		# The input comes once the guest sleeps: only the interrupt can wake it.
		(sleep 1; printf 'ping\n') | timeout 60 "$QG" -k "$app/build/consoleirq_kvm-arm64" \
			"${ACC[@]}" -M $m -t 30 >"$WORK/out" 2>&1
		expect_eq "console input ($m): exit status" "$?" 0
		expect_grep "console input ($m): the line" "$WORK/out" '^got: ping$'
		expect_grep "console input ($m): woken by the UART interrupt" "$WORK/out" \
			'^woken by an interrupt$'
	done
else
	bad "consoleirq app builds"
fi

# --- virtio devices on both transports, modern and legacy -------------------------------------
app="$(app_copy "$ROOT/tests/kvm/apps/virtio" virtio)"
mkdir -p "$WORK/share"
dd if=/dev/zero of="$WORK/disk.img" bs=1k count=64 status=none
printf 'LITHBLK0' | dd of="$WORK/disk.img" conv=notrunc status=none
if app_build "$app" "$DEF" "$ROOT/tests/kvm/apps/virtio/defconfig"; then
	img="$app/build/virtio_kvm-arm64"
	legacy_pci="-global virtio-9p-pci.disable-modern=on -global virtio-net-pci.disable-modern=on"
	legacy_pci="$legacy_pci -global virtio-blk-pci.disable-modern=on"
	while read -r name machine bus transport extra; do
		boot "$img" -M "$machine" -B "$bus" -e "$WORK/share" -n -b "$WORK/disk.img" \
			${extra:+-x "$extra"}
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
	pci-modern virt pci virtio-pci
	pci-legacy-gicv3 virt,gic-version=3 pci virtio-pci.\\(legacy\\) $legacy_pci
	mmio-legacy virt mmio virtio-mmio.\\(legacy\\)
	mmio-v2-gicv3 virt,gic-version=3 mmio virtio-mmio -global virtio-mmio.force-legacy=false
	EOT
else
	bad "virtio app builds"
fi

# --- the wrapper ------------------------------------------------------------------------------
"$QG" -D -k k_kvm-arm64 -a "x y" >"$WORK/cmd" 2>&1
expect_grep "-D arm64: machine, CPU" "$WORK/cmd" '^qemu-system-aarch64 -M virt -cpu cortex-a57 '
expect_grep "-D arm64: semihosting, no reboot, console" "$WORK/cmd" \
	'-nographic -serial stdio -no-reboot -semihosting-config enable=on,target=native'
expect_grep "-D arm64: command line" "$WORK/cmd" "-append 'x y'"
"$QG" -D -k k_kvm-arm64 -M virt,gic-version=3 -c max -N -e /tmp/share >"$WORK/cmd" 2>&1
expect_grep "-D arm64: -M and -c" "$WORK/cmd" '^qemu-system-aarch64 -M virt,gic-version=3 -cpu max '
expect_nogrep "-D arm64: -N drops semihosting" "$WORK/cmd" 'semihosting'
expect_grep "-D arm64: 9p on virtio-pci" "$WORK/cmd" \
	'-fsdev local,id=fs0,path=/tmp/share,security_model=none '\
'-device virtio-9p-pci,fsdev=fs0,mount_tag=fs0'
"$QG" -D -k k_kvm-arm64 -B mmio -e /tmp/share -n -b d.img >"$WORK/cmd" 2>&1
expect_grep "-D arm64 -B mmio: virtio-mmio devices" "$WORK/cmd" \
	'virtio-9p-device,fsdev=fs0,mount_tag=fs0 .*virtio-blk-device,drive=d0 '\
'.*virtio-net-device,netdev=n0'
"$QG" -D -k k_kvm-arm64 -M pc >"$WORK/cmd" 2>&1
expect_eq "-D arm64 -M pc is refused" "$?" 2
if [ -n "${img:-}" ] && [ -f "$img" ]; then
	run_status "$QG" -k "$img" "${ACC[@]}" -t 2 -x "-S"
	expect_eq "-t: a guest that never ends is stopped with 124" "$status" 124
fi

# --- x86_64 -> arm64 -> x86_64 in one application folder --------------------------------------
app="$(app_copy "$ROOT/apps/helloworld" switch)"
if app_build "$app" "$DEF86"; then
	ok "switch: x86_64 build"
	app_make "$app" defconfig DEFCONFIG="$DEF" >/dev/null
	app_make "$app" >"$WORK/mk" 2>&1
	expect_eq "switch: arm64 over x86_64 objects is refused" "$?" 2
	expect_grep "switch: the message says why and what to do" "$WORK/mk" \
		"error: .* holds objects built for x86_64, and .config now selects arm64: run 'make clean' first"
	if app_make "$app" clean && app_make "$app" >"$WORK/mk" 2>&1; then
		ok "switch: arm64 after make clean"
		boot "$app/build/switch_kvm-arm64"
		expect_eq "switch: the arm64 image boots" "$status" 0
	else
		bad "switch: arm64 after make clean"
		tail -n 20 "$WORK/mk"
	fi
	app_make "$app" defconfig DEFCONFIG="$DEF86" >/dev/null
	app_make "$app" >"$WORK/mk" 2>&1
	expect_eq "switch: x86_64 over arm64 objects is refused" "$?" 2
	expect_grep "switch: the message names both" "$WORK/mk" \
		"holds objects built for arm64, and .config now selects x86_64"
	if app_make "$app" clean && app_make "$app" >"$WORK/mk" 2>&1; then
		ok "switch: x86_64 again after make clean"
		run_status "$QG" -k "$app/build/switch_kvm-x86_64" "${ACC[@]}" -t 60 -M microvm
		expect_eq "switch: the x86_64 image boots" "$status" 0
		expect_eq "switch: no arm64 image is left" "$(ls "$app/build" | grep -c arm64)" 0
	else
		bad "switch: x86_64 again after make clean"
	fi
else
	bad "switch: x86_64 build"
fi
finish
