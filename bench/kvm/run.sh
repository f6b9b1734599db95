#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# KVM x86_64 boot benchmark (not part of tests/run). Prints a small table:
#   - helloworld image size (nolibc);
#   - guest instructions from the kernel's first instruction to main and to exit, counted
#     exactly by the qemu-icount TCG plugin (/work/shared/tools/qemu-icount or $ICOUNT_SRC);
#   - the image's own boot trace (entry->main in us, CONFIG_LIBBOOT_TRACE; the TSC
#     calibration the trace itself triggers is not counted);
#   - launch-to-exit wall time per machine type, median of $RUNS runs, against the floor
#     kernel (bench/floor/kvm: prints one line, exits) measured in the same run.
# usage: bench/kvm/run.sh [RUNS]   (accelerator: $LITH_ACCEL, default tcg)
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${1:-7}"
ACCEL="${LITH_ACCEL:-tcg}"
ICOUNT_SRC="${ICOUNT_SRC:-/work/shared/tools/qemu-icount/icount.c}"
W="$(mktemp -d "${TMPDIR:-/tmp}/lith-bench.XXXXXX")"
trap 'rm -rf "$W"' EXIT
QG="$ROOT/tools/qemu-guest"
DEF="$ROOT/tests/defconfigs/kvm-x86_64"

. "$ROOT/bench/lib.sh"

build hello "$ROOT/apps/helloworld" "$DEF" || { echo "bench: helloworld does not build" >&2; exit 1; }
printf 'CONFIG_LIBBOOT_TRACE=y\n' >"$W/trace.frag"
build trace "$ROOT/apps/helloworld" "$DEF" "$W/trace.frag" || exit 1
make -s -C "$ROOT/bench/floor/kvm" BUILD="$W/floor" >/dev/null || exit 1
img="$W/hello/build/hello_kvm-x86_64"
floor="$W/floor/floor-kvm"

ms_now() { date +%s%N; }
wall() {	# wall IMAGE MACHINE: median launch-to-exit in ms
	local i t0 t1
	for i in $(seq "$RUNS"); do
		t0=$(ms_now)
		"$QG" -k "$1" -M "$2" -A "$ACCEL" -t 30 >/dev/null 2>&1
		t1=$(ms_now)
		echo $(((t1 - t0) / 1000))
	done | median | awk '{printf "%.1f", $1 / 1000}'
}

echo "Lith KVM x86_64 benchmark ($ACCEL, $RUNS runs each, $(date -u +%F))"
printf '%-44s %s\n' "helloworld image (nolibc, stripped)" "$(stat -c %s "$img") bytes"

if [ "$ACCEL" = tcg ] && [ -f "$ICOUNT_SRC" ] &&
	gcc -O2 -shared -fPIC -o "$W/libicount.so" "$ICOUNT_SRC" 2>/dev/null; then
	entry=$(readelf -h "$img.dbg" | awk '/Entry point/ {print $4}')
	main=0x$(nm "$img.dbg" | awk '$3 == "main" {print $1}')
	for m in pc microvm; do
		"$QG" -k "$img" -M $m -A tcg -t 30 -x "-plugin $W/libicount.so,arg=entry=$entry,arg=mark=$main -d plugin -D $W/icount.$m.log" >/dev/null 2>&1
		before=$(sed -n 's/^ICOUNT total=.* before_entry=\([0-9]*\).*/\1/p' "$W/icount.$m.log")
		total=$(sed -n 's/^ICOUNT total=\([0-9]*\) .*/\1/p' "$W/icount.$m.log")
		atmain=$(sed -n 's/^ICOUNT mark .* at=\([0-9]*\) .*/\1/p' "$W/icount.$m.log")
		if [ -n "$before" ] && [ -n "$atmain" ]; then
			printf '%-44s %s\n' "guest instructions entry->main ($m)" "$((atmain - before))"
			printf '%-44s %s\n' "guest instructions entry->exit ($m)" "$((total - before))"
		else
			printf '%-44s %s\n' "guest instructions ($m)" "not measured (plugin output missing)"
		fi
	done
else
	printf '%-44s %s\n' "guest instructions" "not measured (needs TCG and $ICOUNT_SRC)"
fi

for m in pc q35 microvm; do
	out="$("$QG" -k "$W/trace/build/trace_kvm-x86_64" -M $m -A "$ACCEL" -t 30 2>/dev/null)"
	eb=$(sed -n 's/^.*boot-trace: entry->boot=\([0-9]*\) us.*/\1/p' <<<"$out" | tr -d '\r')
	bm=$(sed -n 's/^.*boot-trace: boot->main=\([0-9]*\) us.*/\1/p' <<<"$out" | tr -d '\r')
	[ -n "$eb" ] && [ -n "$bm" ] &&
		printf '%-44s %s\n' "boot trace entry->main ($m)" "$((eb + bm)) us"
done

printf '\n%-10s %12s %12s %8s\n' machine "floor ms" "hello ms" ratio
for m in pc q35 microvm; do
	f=$(wall "$floor" $m)
	h=$(wall "$img" $m)
	printf '%-10s %12s %12s %8s\n' $m "$f" "$h" "$(awk -v h="$h" -v f="$f" 'BEGIN {printf "%.2f", h / f}')"
done
