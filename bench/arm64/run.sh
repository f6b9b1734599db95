#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# KVM arm64 boot benchmark (not part of tests/run), on qemu-system-aarch64 -M virt:
#   - helloworld image size (nolibc);
#   - guest instructions from the first instruction to main and to exit, counted by the
#     qemu-icount TCG plugin (/work/shared/tools/qemu-icount or $ICOUNT_SRC);
#   - the image's own boot trace (CONFIG_LIBBOOT_TRACE: entry->boot, entry->halt in us);
#   - launch-to-exit wall time, median of $RUNS runs, GICv2 and GICv3.
# usage: bench/arm64/run.sh [RUNS]   (accelerator: $LITH_ACCEL, default tcg)
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${1:-7}"
ACCEL="${LITH_ACCEL:-tcg}"
ICOUNT_SRC="${ICOUNT_SRC:-/work/shared/tools/qemu-icount/icount.c}"
W="$(mktemp -d "${TMPDIR:-/tmp}/lith-bench.XXXXXX")"
trap 'rm -rf "$W"' EXIT
QG="$ROOT/tools/qemu-guest"
DEF="$ROOT/tests/defconfigs/kvm-arm64"

. "$ROOT/bench/lib.sh"

build hello "$ROOT/apps/helloworld" "$DEF" || { echo "bench: helloworld does not build" >&2; exit 1; }
printf 'CONFIG_LIBBOOT_TRACE=y\n' >"$W/trace.frag"
build trace "$ROOT/apps/helloworld" "$DEF" "$W/trace.frag" || exit 1
img="$W/hello/build/hello_kvm-arm64"

wall() {	# wall MACHINE: median launch-to-exit in ms
	local i t0 t1
	for i in $(seq "$RUNS"); do
		t0=$(date +%s%N)
		"$QG" -k "$img" -M "$1" -A "$ACCEL" -t 30 >/dev/null 2>&1
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000))
	done | median | awk '{printf "%.1f", $1 / 1000}'
}

echo "Lith KVM arm64 benchmark ($ACCEL, $RUNS runs each, $(date -u +%F))"
printf '%-44s %s\n' "helloworld image (nolibc, stripped)" "$(stat -c %s "$img") bytes"
if [ "$ACCEL" = tcg ] && [ -f "$ICOUNT_SRC" ] &&
	gcc -O2 -shared -fPIC -o "$W/libicount.so" "$ICOUNT_SRC" \
		$(pkg-config --cflags glib-2.0 2>/dev/null) 2>/dev/null; then
	entry=$(aarch64-linux-gnu-readelf -h "$img.dbg" | awk '/Entry point/ {print $4}')
	main=0x$(aarch64-linux-gnu-nm "$img.dbg" | awk '$3 == "main" {print $1}')
	"$QG" -k "$img" -A tcg -t 30 -x "-plugin $W/libicount.so,entry=$entry,mark=$main -d plugin -D $W/icount.log" >/dev/null 2>&1
	total=$(sed -n 's/^ICOUNT total=\([0-9]*\) .*/\1/p' "$W/icount.log")
	atmain=$(sed -n 's/^ICOUNT mark .* at=\([0-9]*\) .*/\1/p' "$W/icount.log")
	if [ -n "$total" ] && [ -n "$atmain" ]; then
		printf '%-44s %s\n' "guest instructions entry->main" "$atmain"
		printf '%-44s %s\n' "guest instructions entry->exit" "$total"
	else
		printf '%-44s %s\n' "guest instructions" "not measured (plugin output missing)"
	fi
else
	printf '%-44s %s\n' "guest instructions" "not measured (needs TCG and $ICOUNT_SRC)"
fi
out="$("$QG" -k "$W/trace/build/trace_kvm-arm64" -A "$ACCEL" -t 30 2>/dev/null)"
for k in entry-\>boot entry-\>halt; do
	printf '%-44s %s\n' "boot trace $k" "$(echo "$out" | sed -n "s/^boot-trace: $k=\([0-9]*\) us/\1 us/p")"
done
for m in virt virt,gic-version=3; do
	printf '%-44s %s ms\n' "launch -> exit, -M $m" "$(wall $m)"
done
