#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# 9P throughput benchmark (not part of tests/run): sequential write+fsync and read of one
# large file over virtio-9p, by Lith (bench/9p/app, nolibc, 9pfs root) and by a Linux guest
# (Debian's kernel and busybox-static from the Xen test host's cache, bench/9p/init.sh, dd)
# on the same QEMU command line (one function, differing only in -kernel/-initrd/-append):
# qemu-system-x86_64 -M pc, one vCPU, the same virtio-9p-pci device with
# security_model=none on a fresh host folder per run, the same msize. Rounds alternate
# Lith and Linux. Each guest times its own phases (open..close, CLOCK_MONOTONIC in Lith,
# the kernel's monotonic clock around dd in Linux, less the cost of starting a dd). Prints
# MiB/s per round, the medians, the ratio Lith/Linux per phase, and the image size of
# apps/fs-read with nolibc and newlib.
# x86_64 only: no Debian arm64 kernel is cached for the Linux side.
# usage: bench/9p/run.sh [ROUNDS [MIB [CHUNK]]]   (defaults 3, 64, 65536)
#   LITH_ACCEL   tcg (default) or kvm (with -cpu ${LITH_QEMU_CPU:-host})
#   LITH9P_MSIZE 9P msize for both guests (default 131072: Lith's CONFIG_LIB9P_MSIZE
#                default and Linux 6.1's default)
#   LITH9P_MEM   guest memory in MiB (default 512)
#   LITH9P_KEEP  1: keep the work folder (guest consoles) and print its name
# The Linux kernel and initramfs are cached in ${LITH_CACHE:-~/.cache/lith}/bench9p/<hash>/.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/bench/9p"
ROUNDS="${1:-3}"
MIB="${2:-64}"
CHUNK="${3:-65536}"
ACCEL="${LITH_ACCEL:-tcg}"
MSIZE="${LITH9P_MSIZE:-131072}"
MEM="${LITH9P_MEM:-512}"
CACHE="${LITH_CACHE:-$HOME/.cache/lith}"
TMO=$((120 + MIB * 20))
W="$(mktemp -d "${TMPDIR:-/tmp}/lith-bench.XXXXXX")"
if [ "${LITH9P_KEEP:-0}" = 1 ]; then
	echo "bench: work folder $W" >&2
else
	trap 'rm -rf "$W"' EXIT
fi

die() {
	echo "bench: $*" >&2
	exit 1
}

for t in qemu-system-x86_64 dpkg-deb cpio gzip objcopy sha256sum; do
	command -v $t >/dev/null || die "$t is missing"
done
case "$ACCEL" in tcg|kvm) ;; *) die "LITH_ACCEL is tcg or kvm, not '$ACCEL'" ;; esac
[ $(((MIB << 20) % CHUNK)) = 0 ] || die "CHUNK must divide MIB MiB"

. "$ROOT/bench/lib.sh"

# --- Lith: the benchmark app, and fs-read's image size with each C library.
printf 'CONFIG_LIB9P_MSIZE=%s\n' "$MSIZE" >"$W/msize.frag"
# Software-nested KVM (no vmx/svm) cannot run SSE in a guest kernel (see README.md).
[ "$ACCEL" = kvm ] && ! grep -qwE 'vmx|svm' /proc/cpuinfo &&
	printf 'CONFIG_ARCH_X86_64_NO_SSE=y\n' >>"$W/msize.frag"
build b9p "$HERE/app" "$HERE/app/defconfig.kvm-x86_64" "$W/msize.frag" ||
	die "bench/9p/app does not build"
lith_img="$W/b9p/build/b9p_kvm-x86_64"
grep -v '^CONFIG_LIBC_NEWLIB=' "$ROOT/apps/fs-read/defconfig.kvm-x86_64" >"$W/nolibc.def"
build fsr-nolibc "$ROOT/apps/fs-read" "$W/nolibc.def" || die "fs-read (nolibc) does not build"
build fsr-newlib "$ROOT/apps/fs-read" "$ROOT/apps/fs-read/defconfig.kvm-x86_64" ||
	die "fs-read (newlib) does not build"

# --- Linux: Debian's kernel (from the .deb the Xen test host was built from, so that the
# modules match) and an initramfs of busybox-static, the 9P modules and init.sh.
xh="$("$ROOT/tests/xenhost/build-dom0.sh" -q)" || die "tests/xenhost/build-dom0.sh failed"
xh="${xh%/}"
kdeb=""
if [ -f "$xh/manifest.txt" ]; then
	kname="$(grep -o '^linux-image-[^ ]*\.deb' "$xh/manifest.txt" | head -n 1)"
	[ -n "$kname" ] && [ -f "$CACHE/xenhost/debs/$kname" ] && kdeb="$CACHE/xenhost/debs/$kname"
fi
[ -n "$kdeb" ] ||
	kdeb="$(find "$CACHE/xenhost/debs" -name 'linux-image-*.deb' | sort -V | tail -n 1)"
[ -f "$kdeb" ] || die "no linux-image .deb in $CACHE/xenhost/debs"
[ -x "$xh/busybox" ] || die "no busybox in $xh"
MODULES="virtio_pci 9pnet_virtio 9p"

# The modules named in $MODULES and their dependencies (the depends= of each one's
# .modinfo), dependencies first, into bench9p_order; built-in ones are skipped.
declare -A ko_path=()
bench9p_order=()
mod_resolve() {	# mod_resolve TREE NAME
	local m="${2//-/_}" d f
	case " ${bench9p_order[*]} $seen " in *" $m "*) return 0 ;; esac
	seen+=" $m"
	f="${ko_path[$m]:-}"
	if [ -z "$f" ]; then
		grep -q "/$m\.ko" "$1"/lib/modules/*/modules.builtin && return 0
		echo "bench: kernel module $m not found" >&2
		return 1
	fi
	objcopy -O binary -j .modinfo "$f" "$W/modinfo" || return 1
	for d in $(tr '\0' '\n' <"$W/modinfo" | sed -n 's/^depends=//p' | tr ',' ' '); do
		mod_resolve "$1" "$d" || return 1
	done
	bench9p_order+=("$m")
}

build_initramfs() {	# build_initramfs OUTDIR
	local t="$W/kx" r="$W/rootfs" f m
	mkdir -p "$t" "$r/bin" "$r/lib/modules" || return 1
	dpkg-deb --fsys-tarfile "$kdeb" | tar -x -C "$t" --wildcards './boot/vmlinuz-*' \
		'./lib/modules/*/kernel/drivers/virtio/*' './lib/modules/*/kernel/net/9p/*' \
		'./lib/modules/*/kernel/fs/*' './lib/modules/*/modules.builtin' || return 1
	while read -r f; do
		m="$(basename "$f" .ko)"
		ko_path[${m//-/_}]="$f"
	done < <(find "$t/lib/modules" -name '*.ko')
	seen=""
	for m in $MODULES; do
		mod_resolve "$t" "$m" || return 1
	done
	for m in "${bench9p_order[@]}"; do
		cp "${ko_path[$m]}" "$r/lib/modules/$m.ko" || return 1
		echo "$m" >>"$r/modules.order"
	done
	cp "$xh/busybox" "$r/bin/busybox" && cp "$HERE/init.sh" "$r/init" &&
		chmod 755 "$r/init" "$r/bin/busybox" || return 1
	(cd "$r" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -9) \
		>"$1/initramfs.cpio.gz" || return 1
	cp "$t"/boot/vmlinuz-* "$1/vmlinuz" || return 1
	{
		echo "kernel $(basename "$kdeb")"
		echo "busybox $(sha256sum <"$xh/busybox" | cut -c1-16)"
		echo "modules ${bench9p_order[*]}"
	} >"$1/manifest.txt"
}

hash="$({
	basename "$kdeb"
	sha256sum <"$xh/busybox"
	echo "$MODULES"
	cat "$HERE/init.sh"
	declare -f build_initramfs mod_resolve
} | sha256sum | cut -c1-16)"
lx="$CACHE/bench9p/$hash"
if [ ! -f "$lx/manifest.txt" ]; then
	rm -rf "$lx.tmp"
	mkdir -p "$lx.tmp" || die "cannot create $lx.tmp"
	build_initramfs "$lx.tmp" || die "could not build the Linux initramfs"
	rm -rf "$lx"
	mv "$lx.tmp" "$lx" || die "cannot create $lx"
	# Builds of other recipes are not needed any more.
	find "$CACHE/bench9p" -mindepth 1 -maxdepth 1 ! -name "$hash" -exec rm -rf {} +
fi

# --- One QEMU command line for both guests.
qemu_run() {	# qemu_run CONSOLE SHARE KERNEL INITRD APPEND
	# shellcheck disable=SC2054 # QEMU's options are comma-separated
	local cmd=(qemu-system-x86_64 -M pc -accel "$ACCEL" -m "$MEM" -smp 1
		-nodefaults -no-user-config -nographic -serial stdio -no-reboot
		-device isa-debug-exit,iobase=0xf4,iosize=4
		-fsdev "local,id=fs0,path=$2,security_model=none"
		-device virtio-9p-pci,fsdev=fs0,mount_tag=fs0
		-kernel "$3" -append "$5")
	[ "$ACCEL" = kvm ] && cmd+=(-cpu "${LITH_QEMU_CPU:-host}")
	[ -n "$4" ] && cmd+=(-initrd "$4")
	echo "${cmd[*]}" >"$1.cmd"
	timeout -k 2 "$TMO" "${cmd[@]}" </dev/null >"$1" 2>&1
}

val() {	# val KEY CONSOLE: the number after KEY= on a LITH9P line (after any escapes)
	tr -d '\r' <"$2" | sed -n "s/.*LITH9P .*\<$1=\([0-9]*\).*/\1/p" | tail -n 1
}
mibs() {	# mibs BYTES NS
	awk -v b="$1" -v n="$2" 'BEGIN {printf "%.1f", b / 1048576 / (n / 1e9)}'
}

run_one() {	# run_one lith|linux ROUND: appends "write_MiB/s read_MiB/s wall_s" to $W/WHO
	local who="$1" out="$W/$1.$2.console" share="$W/share.$1.$2" t0 t1 wb wn rb rn oh
	mkdir -p "$share"
	t0=$(date +%s%N)
	if [ "$who" = lith ]; then
		qemu_run "$out" "$share" "$lith_img" "" "-- $MIB $CHUNK"
	else
		qemu_run "$out" "$share" "$lx/vmlinuz" "$lx/initramfs.cpio.gz" \
			"console=ttyS0 quiet panic=-1 lith9p_mib=$MIB lith9p_chunk=$CHUNK lith9p_msize=$MSIZE"
	fi
	t1=$(date +%s%N)
	if ! tr -d '\r' <"$out" | grep -q '^LITH9P ok$'; then
		echo "bench: $who round $2 failed; its console:" >&2
		tail -n 20 "$out" >&2
		return 1
	fi
	# The file the guest wrote must be on the host, whole (Linux: zeros from /dev/zero;
	# Lith checks its own pattern on the way back).
	if [ "$(stat -c %s "$share/bench9p.dat")" != $((MIB << 20)) ]; then
		echo "bench: $who round $2: the shared file has the wrong size" >&2
		return 1
	fi
	if [ "$who" = linux ] && ! cmp -s -n $((MIB << 20)) "$share/bench9p.dat" /dev/zero; then
		echo "bench: linux round $2: the shared file is not all zeros" >&2
		return 1
	fi
	rm -rf "$share"
	wb=$(val write_bytes "$out") wn=$(val write_ns "$out")
	rb=$(val read_bytes "$out") rn=$(val read_ns "$out")
	if [ "$who" = linux ]; then
		# Starting dd is inside each phase: take it out (Lith's phases start no process).
		oh=$(val linux_timing_overhead_ns "$out")
		echo "$oh" >>"$W/overhead"
		wn=$((wn - oh)) rn=$((rn - oh))
	fi
	echo "$(mibs "$wb" "$wn") $(mibs "$rb" "$rn") $(awk -v n=$((t1 - t0)) \
		'BEGIN {printf "%.1f", n / 1e9}')" >>"$W/$who"
}

row() { printf '%-6s %12s %12s %12s %12s %9s %9s\n' "$@"; }
kv() { printf '%-44s %s\n' "$1" "$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
col() { awk -v c="$1" '{print $c}' "$2" | median; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

qv="$(qemu-system-x86_64 --version | sed -n 's/.*version \([^ ]*\).*/\1/p')"
echo "Lith vs Linux over virtio-9p ($(date -u '+%F %H:%M') UTC, load $(load))"
echo "qemu-system-x86_64 $qv -M pc -accel $ACCEL -smp 1 -m $MEM, virtio-9p-pci" \
	"security_model=none; ${MIB} MiB file, ${CHUNK}-byte chunks, msize $MSIZE, $ROUNDS rounds"
echo "Linux guest: $(basename "$kdeb" .deb), busybox dd," \
	"modules: $(sed -n 's/^modules //p' "$lx/manifest.txt")"
echo
row round "Lith write" "Lith read" "Linux write" "Linux read" "Lith s" "Linux s"
for r in $(seq "$ROUNDS"); do
	run_one lith "$r" || exit 1
	run_one linux "$r" || exit 1
	read -r lw lr lt < <(tail -n 1 "$W/lith")
	read -r xw xr xt < <(tail -n 1 "$W/linux")
	row "$r" "$lw" "$lr" "$xw" "$xr" "$lt" "$xt"
done
lw=$(col 1 "$W/lith") lr=$(col 2 "$W/lith") lt=$(col 3 "$W/lith")
xw=$(col 1 "$W/linux") xr=$(col 2 "$W/linux") xt=$(col 3 "$W/linux")
row median "$lw" "$lr" "$xw" "$xr" "$lt" "$xt"
echo "(MiB/s, each guest's own clock, open..close; Lith s / Linux s: launch to exit of QEMU;"
echo " host load at the end $(load))"
echo
kv "Linux: dd start, subtracted from each phase" \
	"$(median <"$W/overhead" | awk '{printf "%.1f ms", $1 / 1e6}')"
kv "ratio Lith/Linux, write (median)" "$(ratio "$lw" "$xw")"
kv "ratio Lith/Linux, read (median)" "$(ratio "$lr" "$xr")"
# Linux lists msize in /proc/mounts only when it is not its default (128 KiB since 5.19).
lm="$(tr -d '\r' <"$W/linux.1.console" |
	sed -n 's/.*LITH9P linux_mount .*msize=\([0-9]*\).*/\1/p')"
kv "msize: Lith proposes; Linux as mounted" "$MSIZE; ${lm:-131072 (its default)}"
kv "bench/9p/app image (nolibc, stripped)" "$(stat -c %s "$lith_img") bytes"
for c in nolibc newlib; do
	kv "apps/fs-read image, kvm-x86_64, $c" \
		"$(stat -c %s "$W/fsr-$c/build/fsr-${c}_kvm-x86_64") bytes"
done
