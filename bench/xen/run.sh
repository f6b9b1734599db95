#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Xen benchmark (not part of tests/run): helloworld for Xen PV and PVH against the floor
# PV kernel (bench/floor/xen), all booted by real Xen in one run of tests/xenhost/run.sh.
# Prints the image sizes (default -O2 and -Os builds), the guest's own boot time
# (LIBBOOT_TRACE: lith_boot() -> main and -> exit, in microseconds) and the xl create ->
# guest exit wall time of each guest.
# usage: bench/xen/run.sh [ROUNDS]   (default 1: each guest once, in turn)
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-1}"
work="$(mktemp -d "${TMPDIR:-/tmp}/lith-xenbench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

mk() { # NAME DEFCONFIG FRAGMENT...
	local name="$1" d="$work/$1"
	shift
	cp -r "$ROOT/apps/helloworld" "$d"
	rm -rf "$d/build" "$d/.config"
	make -C "$d" --no-print-directory LITH_ROOT="$ROOT" defconfig \
		DEFCONFIG="$(IFS=,; echo "$*")" >>"$work/build.log" 2>&1 &&
		make -C "$d" --no-print-directory LITH_ROOT="$ROOT" >>"$work/build.log" 2>&1 ||
		{ tail -n 20 "$work/build.log"; echo "bench: $name does not build" >&2; exit 1; }
}
printf 'CONFIG_LIBBOOT_TRACE=y\n' >"$work/trace.frag"
printf 'CONFIG_OPTIMIZE_SIZE=y\n' >"$work/size.frag"
mk hellopv "$ROOT/tests/defconfigs/xen-x86_64" "$work/trace.frag"
mk hellopvh "$ROOT/tests/defconfigs/xen-pvh-x86_64" "$work/trace.frag"
mk hellopv-Os "$ROOT/tests/defconfigs/xen-x86_64" "$work/trace.frag" "$work/size.frag"
if ! make -C "$ROOT/bench/floor/xen" BUILD="$work/floor" >>"$work/build.log" 2>&1; then
	tail -n 20 "$work/build.log"
	echo "bench: the floor kernel does not build" >&2
	exit 1
fi
floor="$work/floor/floor-xen"
printf '%-30s %8s\n' image bytes
for n in hellopv hellopv-Os hellopvh; do
	printf '%-30s %8s\n' "helloworld $n" "$(stat -c %s "$work/$n/build/${n}_xen-x86_64")"
done
printf '%-30s %8s\n' "floor-xen (PV floor)" "$(stat -c %s "$floor")"

args=()
names=()
for i in $(seq "$rounds"); do
	for n in hellopv hellopv-Os hellopvh; do
		args+=("$work/$n/build/${n}_xen-x86_64" "$work/$n/build/${n}_xen-x86_64.xl.cfg")
		names+=("$n")
	done
	args+=("$floor" "$ROOT/bench/floor/xen/floor.cfg")
	names+=(floor)
done
"$ROOT/tests/xenhost/run.sh" -t $((120 + 30 * ${#names[@]})) "${args[@]}" >"$work/out" 2>&1
rc=$?
ready=$(grep -m1 '^xenhost: qemu start' "$work/out" | sed 's/^xenhost: //')
echo "Xen test host: status $rc; $ready"
awk '/^xenhost: === guest [0-9]+\// { split($4, a, "/"); g = a[1] }
     /^xenhost: xl create -> guest exit:/ { t[g] = $(NF - 1) }
     /^boot-trace:/ { b[g] = b[g] " " $2 }
     /^xenhost: guest shutdown:/ { r[g] = $NF }
     END { for (i = 1; i in t || i in r; i++) print i, t[i], r[i], b[i] }' "$work/out" |
	while read -r i t r b; do
		printf '%-12s exit %-3s xl create -> exit %5s s  %s\n' "${names[$((i - 1))]}" "$r" "$t" "$b"
	done
