#!/bin/busybox sh
# SPDX-License-Identifier: BSD-3-Clause
# /init of the Linux guest of bench/9p/run.sh (busybox-static and Debian's 9P modules in an
# initramfs). The same sequential write+fsync then read as bench/9p/app, with dd, on the
# 9P share tagged fs0; each phase is timed with the kernel's monotonic clock (the "now at"
# line of /proc/timer_list, in ns) from just before dd starts to just after it ends.
# Parameters on the kernel command line: lith9p_mib=N lith9p_chunk=BYTES lith9p_msize=BYTES
# Prints the app's LITH9P lines, plus the cost of starting a dd that copies nothing between
# two clock reads (linux_timing_overhead_ns: inside each phase; run.sh subtracts it), then
# powers off. Every failure prints "LITH9P FAIL ..." and powers off too.
/bin/busybox mkdir -p /proc /sys /dev /mnt /tmp /bin /sbin
/bin/busybox --install -s /bin
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null

die() {
	echo "LITH9P FAIL $*"
	poweroff -f
	sleep 10
}

arg() {	# arg NAME DEFAULT: lith9p_NAME=VALUE from the command line
	v=$(tr ' ' '\n' </proc/cmdline | sed -n "s/^lith9p_$1=//p" | tail -n 1)
	echo "${v:-$2}"
}
mib=$(arg mib 64)
chunk=$(arg chunk 65536)
msize=$(arg msize 131072)
count=$((mib * 1048576 / chunk))

while read -r m; do
	insmod "/lib/modules/$m.ko" || die "insmod $m"
done </modules.order
mount -t 9p -o "trans=virtio,version=9p2000.L,msize=$msize,cache=none" fs0 /mnt ||
	die "mount 9p"
echo "LITH9P linux_mount $(grep ' /mnt ' /proc/mounts)"

# now: ns = the monotonic clock in ns, from the third line of /proc/timer_list ("now at N
# nsecs"), with shell builtins only: no process is started to read the clock.
now() {
	{ read -r _; read -r _; read -r _ _ ns _; } </proc/timer_list
}
now
case "$ns" in '' | *[!0-9]*) die "no /proc/timer_list clock" ;; esac
f=/mnt/bench9p.dat
now; t0=$ns
dd if=/dev/zero of=/dev/null bs="$chunk" count=0 2>/dev/null
now; t1=$ns
echo "LITH9P linux_timing_overhead_ns=$((t1 - t0))"

now; t0=$ns
dd if=/dev/zero of=$f bs="$chunk" count="$count" conv=fsync 2>/tmp/dd.w || die "dd write"
now; t1=$ns
grep -q "^$count+0 records out" /tmp/dd.w || die "write: $(tail -n 1 /tmp/dd.w)"
echo "LITH9P write_bytes=$((count * chunk)) write_ns=$((t1 - t0)) chunk=$chunk"

sync
echo 3 >/proc/sys/vm/drop_caches
now; t0=$ns
dd if=$f of=/dev/null bs="$chunk" 2>/tmp/dd.r || die "dd read"
now; t1=$ns
grep -q "^$count+0 records in" /tmp/dd.r || die "read: $(head -n 1 /tmp/dd.r)"
echo "LITH9P read_bytes=$((count * chunk)) read_ns=$((t1 - t0)) check_ns=0 chunk=$chunk"
umount /mnt
echo "LITH9P ok"
poweroff -f
