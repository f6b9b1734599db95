#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Builds Debian's newlib-source (libc.a, libm.a and headers) for one architecture into a
# cache outside any build folder, keyed by everything that shapes the result: this
# script, the newlib tarball, the compiler's version and the architecture. A second build
# with the same recipe is a no-op; concurrent builds wait for each other (flock).
#   usage: build-newlib.sh x86_64|arm64      prints the cache folder on its last line
#   LITH_CACHE (default ~/.cache/lith), NEWLIB_TARBALL (default Debian's), V=1: show the log
set -euo pipefail
arch="$1"
tarball="${NEWLIB_TARBALL:-/usr/src/newlib/newlib-3.3.0.tar.xz}"
case "$arch" in
x86_64) target=x86_64-elf cross="$( [ "$(uname -m)" = x86_64 ] || echo x86_64-linux-gnu-)"
	# The kernel's code model (arch/x86_64): Xen PV links at -2 GiB, linuxu and KVM low.
	extra="-mno-red-zone -mcmodel=kernel" ;;
arm64) target=aarch64-elf cross="$( [ "$(uname -m)" = aarch64 ] || echo aarch64-linux-gnu-)"
	extra="-mgeneral-regs-only" ;;
*) echo "build-newlib: unknown architecture '$arch'" >&2; exit 2 ;;
esac
# arm64: newlib's float code needs FP registers; -mgeneral-regs-only is only for the
# kernel's own code, so it is dropped for libm/libc below (kept here as documentation).
[ "$arch" = arm64 ] && extra=""

if [ ! -f "$tarball" ]; then
	echo "build-newlib: $tarball is missing: apt-get install newlib-source (tools/setup)" >&2
	exit 1
fi
cc="${cross}gcc"
cflags="-O2 -g -ffreestanding -fno-stack-protector -fno-pie -fno-builtin -ffunction-sections"
# Threads (libs/newlib/thread.c): the C library state is found through __getreent() (one
# per thread), locks are the kernel's mutexes, stdin/stdout/stderr are shared.
cflags+=" -fdata-sections -D_LDBL_EQ_DBL -D__DYNAMIC_REENT__ $extra"
conf=(--disable-multilib --disable-newlib-supplied-syscalls --enable-newlib-io-long-long
	--enable-newlib-io-c99-formats --enable-newlib-retargetable-locking
	--enable-newlib-global-stdio-streams --disable-nls)
# The recipe: bump RECIPE when the steps below change in a way the rest does not show.
RECIPE=3
key="$( { echo "$RECIPE $target $cflags ${conf[*]}"; stat -c '%s %Y' "$tarball"
	"$cc" --version | head -1; } | sha256sum | cut -c1-16)"
cache="${LITH_CACHE:-$HOME/.cache/lith}/newlib/$arch-$key"
if [ -n "${NEWLIB_PRINT_PATH:-}" ]; then
	echo "$cache"
	exit 0
fi
mkdir -p "$cache"
exec 9>"$cache.lock"
flock 9
if [ -f "$cache/.done" ]; then
	echo "$cache"
	exit 0
fi

echo "  NEWLIB  building newlib for $arch into $cache (once per recipe, ~1 min)" >&2
work="$(mktemp -d "${TMPDIR:-/tmp}/lith-newlib.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log="$work/build.log"
(
	set -e
	cd "$work"
	tar -xf "$tarball"
	src="$(echo "$work"/newlib-*/)"
	mkdir build && cd build
	gccinc="$("$cc" -print-file-name=include)"
	"$src/configure" --target="$target" --prefix="$work/install" "${conf[@]}" \
		CC_FOR_TARGET="$cc -nostdinc -isystem $gccinc" AR_FOR_TARGET="${cross}ar" \
		AS_FOR_TARGET="${cross}as" LD_FOR_TARGET="${cross}ld" \
		RANLIB_FOR_TARGET="${cross}ranlib" NM_FOR_TARGET="${cross}nm" \
		CFLAGS_FOR_TARGET="$cflags"
	make -j"$(nproc)" all-target-newlib
	make install-target-newlib
) >"$log" 2>&1 || {
	echo "build-newlib: the build failed; last lines of its log:" >&2
	tail -n 30 "$log" >&2
	exit 1
}
[ "${V:-}" = 1 ] && cat "$log" >&2
rm -rf "$cache/include" "$cache/lib"
cp -r "$work/install/$target/include" "$cache/include"
# Applications see the library as it was built (errno and friends through __getreent()),
# and the POSIX options Lith implements: threads (libs/pthread), clock_gettime with a
# monotonic clock, nanosleep and sched_yield. newlib leaves them off for bare-metal targets.
cat >>"$cache/include/newlib.h" <<'EOF'

/* Lith (libs/newlib/build-newlib.sh): per-thread state, and what the kernel provides. */
#ifndef __DYNAMIC_REENT__
#define __DYNAMIC_REENT__
#endif
#define _POSIX_THREADS 200809L
#define _POSIX_TIMERS 200809L
#define _POSIX_MONOTONIC_CLOCK 200809L
#define _POSIX_PRIORITY_SCHEDULING 200809L
EOF
mkdir -p "$cache/lib"
cp "$work/install/$target/lib/libc.a" "$work/install/$target/lib/libm.a" "$cache/lib/"
touch "$cache/.done"
echo "$cache"
