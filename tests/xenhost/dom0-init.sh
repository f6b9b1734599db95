#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# /init of the Xen test host's dom0 (busybox ash; packed into dom0.cpio.gz by
# build-dom0.sh). Brings up the Xen toolstack daemons, runs the one guest that
# run.sh packed under /guest/ and reports on the console (hvc0 -> Xen -> COM1)
# with lines starting with "@@XENHOST@@", which run.sh parses:
#
#   @@XENHOST@@ dom0-ready budget=<s>        toolstack up, about to run xl
#   @@XENHOST@@ xl-create-start              xl create launched
#   @@XENHOST@@ guest-started domid=<n>      domain built and unpaused
#   @@XENHOST@@ guest-exit reason=<r> code=<n> domid=<n> xs_status=<s|none>
#   @@XENHOST@@ guest-timeout budget=<s>     guest still running: destroyed
#   @@XENHOST@@ xl-create-failed rc=<n>      xl gave up before the guest ran
#   @@XENHOST@@ dom0-error <what>            dom0 setup failed
#   @@XENHOST@@ console-begin / console-end  the guest's whole console log
#   @@XENHOST@@ xl-log-begin / xl-log-end    xl's output (+ device model logs)
#   @@XENHOST@@ dom0-poweroff
#
# /guest/run.env (written by run.sh) sets XENHOST_TIMEOUT, the global timeout
# in seconds; the guest gets what is left of it minus a margin for teardown.

export PATH=/usr/lib/xen-4.17/bin:/usr/sbin:/usr/bin:/sbin:/bin
M=@@XENHOST@@

say() {
	echo "$M $*"
}

off() {
	say dom0-poweroff
	sync
	poweroff -f
	sleep 10
}

die() {
	say "dom0-error $*"
	for f in /tmp/*.log; do
		[ -s "$f" ] && { echo "--- $f"; cat "$f"; }
	done
	off
}

uptime_s() {
	cut -d. -f1 /proc/uptime
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /var
mount -t tmpfs tmpfs /tmp
# No udev: the hotplug scripts want these (they loop on stat /dev/stdin).
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
ln -s /run /var/run
mkdir -p /var/log/xen/console /var/lib/xen/dump /var/lib/xenstored \
	/run/xen /run/xenstored /var/lock
hostname dom0

[ -f /guest/run.env ] || die "no /guest/run.env: guest cpio missing"
. /guest/run.env
cfg=/guest/guest.cfg
[ -f "$cfg" ] || die "no $cfg"

for m in xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs; do
	insmod "/lib/modules/xen/$m.ko" || die "insmod $m"
done
# Back-ends for network and block front-ends, only when the config asks.
if grep -Eq '^[[:space:]]*vif[[:space:]]*=' "$cfg"; then
	for m in llc stp bridge xen-netback; do
		insmod "/lib/modules/xen/$m.ko" || die "insmod $m"
	done
	brctl addbr xenbr0 && ip link set xenbr0 up
fi
if grep -Eq '^[[:space:]]*disk[[:space:]]*=' "$cfg"; then
	for m in loop xen-blkback; do
		insmod "/lib/modules/xen/$m.ko" || die "insmod $m"
	done
fi
mount -t xenfs xenfs /proc/xen || die "mount xenfs"
syslogd -O /var/log/messages

xenstored --pid-file=/run/xenstored.pid >/tmp/xenstored.log 2>&1 ||
	die "xenstored"
xen-init-dom0 >/tmp/xen-init-dom0.log 2>&1 || die "xen-init-dom0"
xenconsoled --log=guest --log-dir=/var/log/xen/console \
	--pid-file=/run/xenconsoled.pid >/tmp/xenconsoled.log 2>&1 ||
	die "xenconsoled"

budget=$((${XENHOST_TIMEOUT:-120} - $(uptime_s) - 12))
[ "$budget" -lt 5 ] && budget=5
say "dom0-ready budget=$budget"

say xl-create-start
xl create -F "$cfg" on_poweroff=preserve on_reboot=preserve \
	on_crash=preserve on_watchdog=preserve >/tmp/xl.log 2>&1 &
xlpid=$!

started=
domid=
timedout=
deadline=$(($(uptime_s) + budget))
check_started() {
	[ -n "$started" ] && return
	grep -q 'Waiting for domain' /tmp/xl.log || return
	domid=$(sed -n 's/.*(domid \([0-9]*\)).*/\1/p' /tmp/xl.log | head -n 1)
	started=1
	say "guest-started domid=$domid"
}
while kill -0 "$xlpid" 2>/dev/null; do
	check_started
	if [ "$(uptime_s)" -ge "$deadline" ]; then
		timedout=1
		break
	fi
	sleep 0.1
done
if [ -n "$timedout" ]; then
	kill "$xlpid" 2>/dev/null
	xlrc=timeout
else
	wait "$xlpid"
	xlrc=$?
fi
check_started

# The domain id also when xl never reported it (e.g. killed while building).
[ -z "$domid" ] &&
	domid=$(xl list 2>/dev/null | awk 'NR > 2 { print $2; exit }')

code=$(sed -n 's/.*has shut down, reason code \([0-9]*\).*/\1/p' /tmp/xl.log |
	head -n 1)
xs=
if [ -n "$domid" ]; then
	xs=$(xenstore-read "/local/domain/$domid/data/lith/exit_status" \
		2>/dev/null)
fi

if [ -n "$timedout" ]; then
	say "guest-timeout budget=$budget"
elif [ -n "$code" ]; then
	case "$code" in
	0) reason=poweroff ;;
	1) reason=reboot ;;
	2) reason=suspend ;;
	3) reason=crash ;;
	4) reason=watchdog ;;
	5) reason=soft_reset ;;
	*) reason=unknown ;;
	esac
	say "guest-exit reason=$reason code=$code domid=$domid" \
		"xs_status=${xs:-none}"
else
	say "xl-create-failed rc=$xlrc"
fi

[ -n "$domid" ] && xl destroy "$domid" >>/tmp/xl.log 2>&1

say console-begin
for f in /var/log/xen/console/guest-*.log; do
	[ -f "$f" ] || continue
	cat "$f"
	# Close an unterminated last line so the end marker starts a line.
	[ -s "$f" ] && [ "$(tail -c 1 "$f" | od -An -c | tr -d ' ')" != '\n' ] &&
		echo
done
say console-end

say xl-log-begin
cat /tmp/xl.log
for f in /var/log/xen/qemu-dm-*.log; do
	[ -s "$f" ] && { echo "--- $f"; cat "$f"; }
done
say xl-log-end

off
