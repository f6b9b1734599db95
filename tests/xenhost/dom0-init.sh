#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# /init of the Xen test host's dom0 (busybox ash; packed into dom0.cpio.gz by
# build-dom0.sh). Brings up the Xen toolstack daemons, runs the guests that
# run.sh packed under /guest/<n>/ (kernel, guest.cfg) one after the other and
# reports on the console (hvc0 -> Xen -> COM1) with lines starting with
# "@@XENHOST@@", which run.sh parses:
#
#   dom0-ready uptime=<s>                        toolstack up
#   dom0-error <what>                            dom0 setup failed
# and per guest n:
#   xl-create-start guest=<n> budget=<s>         xl create launched
#   guest-started guest=<n> domid=<d>            domain built and unpaused
#   guest-exit guest=<n> reason=<r> code=<c> domid=<d> xs_status=<s|none>
#       secs=<xl create -> shutdown, dom0 clock>
#   guest-timeout guest=<n> budget=<s>           still running: destroyed
#   xl-create-failed guest=<n> rc=<rc>           xl gave up
#   console-begin/-end guest=<n>                 the guest's whole console
#   xl-log-begin/-end guest=<n>                  xl's output (+ qemu-dm logs)
# and last: dom0-poweroff
#
# /guest/run.env (written by run.sh) sets XENHOST_GUESTS, the number of
# guests, XENHOST_TIMEOUT, the global timeout in seconds, and
# XENHOST_GUEST_TIMEOUT, a guest's budget if given; else a guest gets what is
# left of the global timeout minus a margin.

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
# shellcheck source=/dev/null
. /guest/run.env
[ -f /guest/1/guest.cfg ] || die "no /guest/1/guest.cfg"

for m in xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs; do
	insmod "/lib/modules/xen/$m.ko" || die "insmod $m"
done
# Back-ends for network and block front-ends, only when the config asks.
if cat /guest/*/guest.cfg | grep -Eq '^[[:space:]]*vif[[:space:]]*='; then
	for m in llc stp bridge xen-netback; do
		insmod "/lib/modules/xen/$m.ko" || die "insmod $m"
	done
	brctl addbr xenbr0 && ip link set xenbr0 up
fi
if cat /guest/*/guest.cfg | grep -Eq '^[[:space:]]*disk[[:space:]]*='; then
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

say "dom0-ready uptime=$(cut -d' ' -f1 /proc/uptime)"

# run_guest N: run /guest/N/guest.cfg to its end (or its budget).
run_guest() {
	n=$1
	cfg=/guest/$n/guest.cfg
	if [ -n "${XENHOST_GUEST_TIMEOUT:-}" ]; then
		budget=$XENHOST_GUEST_TIMEOUT
	else
		budget=$((${XENHOST_TIMEOUT:-120} - $(uptime_s) - 12))
		[ "$budget" -lt 5 ] && budget=5
	fi
	rm -f /var/log/xen/console/guest-*.log /var/log/xen/qemu-dm-*.log

	say "xl-create-start guest=$n budget=$budget"
	t0=$(cut -d' ' -f1 /proc/uptime)
	xl create -F "$cfg" 'on_poweroff="preserve"' 'on_reboot="preserve"' \
		'on_crash="preserve"' 'on_watchdog="preserve"' \
		>/tmp/xl.log 2>&1 &
	xlpid=$!

	started=
	domid=
	timedout=
	deadline=$(($(uptime_s) + budget))
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
	t1=$(cut -d' ' -f1 /proc/uptime)
	check_started

	# The domain id also when xl never reported it.
	[ -z "$domid" ] &&
		domid=$(xl list 2>/dev/null | awk 'NR > 2 { print $2; exit }')

	code=$(sed -n 's/.*has shut down, reason code \([0-9]*\).*/\1/p' \
		/tmp/xl.log | head -n 1)
	xs=
	if [ -n "$domid" ]; then
		xs=$(xenstore-read "/local/domain/$domid/data/lith/exit_status" \
			2>/dev/null)
	fi

	if [ -n "$timedout" ]; then
		say "guest-timeout guest=$n budget=$budget"
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
		say "guest-exit guest=$n reason=$reason code=$code domid=$domid" \
			"xs_status=${xs:-none}" \
			"secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
	else
		say "xl-create-failed guest=$n rc=$xlrc"
	fi

	[ -n "$domid" ] && xl destroy "$domid" >>/tmp/xl.log 2>&1

	say "console-begin guest=$n"
	for f in /var/log/xen/console/guest-*.log; do
		[ -f "$f" ] || continue
		cat "$f"
		# Close an unterminated last line: the end marker starts a line.
		[ -s "$f" ] &&
			[ "$(tail -c 1 "$f" | od -An -c | tr -d ' ')" != '\n' ] &&
			echo
	done
	say "console-end guest=$n"

	say "xl-log-begin guest=$n"
	cat /tmp/xl.log
	for f in /var/log/xen/qemu-dm-*.log; do
		[ -s "$f" ] && { echo "--- $f"; cat "$f"; }
	done
	say "xl-log-end guest=$n"
}

check_started() {
	[ -n "$started" ] && return
	grep -q 'Waiting for domain' /tmp/xl.log || return
	domid=$(sed -n 's/.*(domid \([0-9]*\)).*/\1/p' /tmp/xl.log | head -n 1)
	started=1
	say "guest-started guest=$n domid=$domid"
}

n=1
while [ "$n" -le "${XENHOST_GUESTS:-1}" ]; do
	run_guest "$n"
	n=$((n + 1))
done

off
