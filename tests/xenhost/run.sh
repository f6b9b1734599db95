#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Run one guest on the Xen test host: real Xen 4.17 with a Debian PV dom0,
# booted inside QEMU (TCG by default). dom0 runs `xl create` on the guest,
# logs its console, reports how it shut down and powers off.
#
# Usage: run.sh [-t TIMEOUT_S] [-o LOGDIR] [-f FILE]... [-v] KERNEL XLCONFIG
#   -t TIMEOUT_S  global timeout in seconds (default 120); QEMU is killed then
#   -o LOGDIR     keep the logs there: serial.log (all of COM1: Xen, dom0),
#                 console.log (the guest console), xl.log, guest.cfg (as
#                 rewritten), result (shutdown reason, status, exit code)
#   -f FILE       a file or folder to put into dom0 at /guest/files/<name>
#                 (repeatable), e.g. a folder to share over 9p
#   -v            stream the serial console to stderr while running
# KERNEL is the guest kernel, XLCONFIG an xl domain config. The config's
# `kernel =` is rewritten to the kernel's place in dom0 (/guest/kernel), and
# every host path given with -f (as given, or absolute) to
# /guest/files/<name>. on_poweroff, on_reboot, on_crash and on_watchdog are
# forced to "preserve": dom0 reads the exit status, then destroys the domain.
#
# stdout: "xenhost: ..." lines (timings, result) and the guest's whole
# console between "xenhost: ----- guest console begin -----" and
# "xenhost: ----- guest console end -----".
#
# Exit status:
#   poweroff   the guest's exit status: xenstore key data/lith/exit_status of
#              its domain if written, else the last console line
#              LITH_EXIT_STATUS=<n>, else 0 (taken modulo 256, 0 -> 1 if n!=0)
#   crash      70
#   reboot     71
#   watchdog, suspend, soft_reset: 72
#   124        nothing to report: Xen, dom0, xl create or the guest did not
#              come up or did not shut down in time (the message says which)
#   125        the harness could not run (dom0 build, QEMU missing, ...)
#   2          usage error
#
# Environment:
#   LITH_XENHOST_ACCEL  QEMU accelerator (default tcg,thread=multi; kvm only
#                       on real VMX/SVM hardware)
#   LITH_XENHOST_QEMU   QEMU binary (default qemu-system-x86_64)
#   LITH_XENHOST_9P=0   dom0 without the xen-9pfs backend (smaller, faster)
#   LITH_CACHE          cache root (default ~/.cache/lith)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
me=run.sh
M=@@XENHOST@@

usage() {
	awk '/^# Usage/ { p = 1 } /^#   -v/ { print "#   -v" substr($0, 6); exit }
	     p { print }' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
	echo "See the head of $0 for the config rewriting and exit codes." >&2
	exit 2
}

bad() {
	echo "$me: $*" >&2
	usage
}

timeout=120
logdir=
verbose=0
extra=()
while getopts ":t:o:f:vh" opt; do
	case "$opt" in
	t)
		[[ "$OPTARG" =~ ^[0-9]+$ ]] && [ "$OPTARG" -gt 0 ] ||
			bad "-t wants a positive number of seconds, not '$OPTARG'"
		timeout=$OPTARG
		;;
	o) logdir=$OPTARG ;;
	f)
		[ -e "$OPTARG" ] || bad "-f $OPTARG: no such file or folder"
		extra+=("$OPTARG")
		;;
	v) verbose=1 ;;
	h) usage ;;
	:) bad "-$OPTARG needs an argument" ;;
	*) bad "unknown option -$OPTARG" ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || bad "want KERNEL and XLCONFIG, got $# argument(s)"
kernel=$1
config=$2
[ -f "$kernel" ] || bad "kernel '$kernel' is not a file"
[ -f "$config" ] || bad "config '$config' is not a file"

die125() {
	echo "$me: error: $*" >&2
	exit 125
}

qemu=${LITH_XENHOST_QEMU:-qemu-system-x86_64}
accel=${LITH_XENHOST_ACCEL:-tcg,thread=multi}
command -v "$qemu" >/dev/null || die125 "$qemu not found (apt-get install qemu-system-x86)"

dom0=$("$here/build-dom0.sh" -q) || die125 "building the dom0 failed (see above)"
for f in xen vmlinuz dom0.cpio.gz busybox; do
	[ -f "$dom0/$f" ] || die125 "dom0 build $dom0 lacks $f"
done
case "$dom0" in
*,*) die125 "the cache path $dom0 contains a comma, which QEMU's -initrd cannot take" ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/xenhost.XXXXXX")
qpid=
tailpid=
cleanup() {
	if [ -n "$qpid" ] && kill -0 "$qpid" 2>/dev/null; then
		kill "$qpid" 2>/dev/null || true
		sleep 0.5
		kill -9 "$qpid" 2>/dev/null || true
	fi
	[ -n "$tailpid" ] && kill "$tailpid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the guest archive: /guest/{kernel,guest.cfg,run.env,files/} ----------
g=$work/stage/guest
mkdir -p "$g/files"
cp "$kernel" "$g/kernel"
cfgtext=$(cat "$config")
declare -A seen
for f in "${extra[@]}"; do
	name=$(basename "$f")
	[ -z "${seen[$name]:-}" ] || bad "two -f files are named '$name'"
	seen[$name]=1
	cp -a "$f" "$g/files/$name"
	abs=$(realpath "$f")
	cfgtext=${cfgtext//"$abs"/"/guest/files/$name"}
	[ "$f" = "$abs" ] || cfgtext=${cfgtext//"$f"/"/guest/files/$name"}
done
kline='kernel = "/guest/kernel"'
if grep -Eq '^[[:space:]]*kernel[[:space:]]*=' <<<"$cfgtext"; then
	cfgtext=$(sed -E "s|^[[:space:]]*kernel[[:space:]]*=.*|$kline|" <<<"$cfgtext")
else
	cfgtext+=$'\n'"$kline"
fi
printf '%s\n' "$cfgtext" >"$g/guest.cfg"
echo "XENHOST_TIMEOUT=$timeout" >"$g/run.env"

bb=$dom0/busybox
(cd "$work/stage" && find . -mindepth 1 | LC_ALL=C sort |
	"$bb" cpio -o -H newc -R 0:0 2>/dev/null) | gzip -1 >"$work/guest.cpio.gz"
cat "$dom0/dom0.cpio.gz" "$work/guest.cpio.gz" >"$work/initrd.cpio.gz"

# --- boot ------------------------------------------------------------------
xen_args="console=com1 com1=115200,8n1 dom0_mem=512M,max:512M"
xen_args+=" dom0_max_vcpus=2 loglvl=all guest_loglvl=all smap=0"
serial=$work/serial.log
: >"$serial"

now_ms() {
	local t=${EPOCHREALTIME/./}
	echo $((t / 1000))
}
secs() {
	# milliseconds -> "S.s"
	printf '%d.%d' $(($1 / 1000)) $((($1 % 1000) / 100))
}

t0=$(now_ms)
"$qemu" -accel "$accel" -cpu max -smp 2 -m 1024 -nographic -no-reboot \
	-nodefaults -serial stdio -monitor none \
	-kernel "$dom0/xen" -append "$xen_args" \
	-initrd "$dom0/vmlinuz console=hvc0 earlyprintk=xen panic=-1 quiet,$work/initrd.cpio.gz" \
	</dev/null >"$serial" 2>"$work/qemu.err" &
qpid=$!
if [ "$verbose" = 1 ]; then
	tail -n +1 -f --pid="$qpid" "$serial" >&2 &
	tailpid=$!
fi

t_ready= t_create= t_exit= host_timeout=
seen_marker() {
	grep -q -F "$M $1" "$serial"
}
while kill -0 "$qpid" 2>/dev/null; do
	t=$(now_ms)
	[ -z "$t_ready" ] && seen_marker dom0-ready && t_ready=$t
	[ -z "$t_create" ] && seen_marker xl-create-start && t_create=$t
	[ -z "$t_exit" ] && seen_marker console-begin && t_exit=$t
	if [ $((t - t0)) -ge $((timeout * 1000)) ]; then
		host_timeout=1
		kill "$qpid" 2>/dev/null || true
		sleep 0.5
		kill -9 "$qpid" 2>/dev/null || true
		break
	fi
	sleep 0.1
done
qrc=0
wait "$qpid" 2>/dev/null || qrc=$?
qpid=
t_end=$(now_ms)
if [ -n "$tailpid" ]; then
	sleep 0.2
	kill "$tailpid" 2>/dev/null || true
	tailpid=
fi

# --- what happened ---------------------------------------------------------
tr -d '\r' <"$serial" >"$work/serial.txt"
st=$work/serial.txt
mark() {
	grep -m 1 -F "$M $1" "$st" || true
}
section() {
	# Lines strictly between "$M $1-begin" and "$M $1-end".
	awk -v b="$M $1-begin" -v e="$M $1-end" \
		'index($0, e) { p = 0 } p { print } index($0, b) { p = 1 }' "$st"
}
field() {
	# The value of key $1 in marker line $2.
	sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"
}

section console >"$work/console.log"
section xl-log >"$work/xl.log"
ready_line=$(mark dom0-ready)
exit_line=$(mark guest-exit)

[ -n "$t_ready" ] && [ -n "$ready_line" ] &&
	echo "xenhost: qemu start -> dom0 ready: $(secs $((t_ready - t0))) s"
[ -n "$t_create" ] && [ -n "$t_exit" ] && [ -n "$exit_line" ] &&
	echo "xenhost: xl create -> guest exit: $(secs $((t_exit - t_create))) s"

if [ -n "$(mark console-begin)" ]; then
	echo "xenhost: ----- guest console begin -----"
	cat "$work/console.log"
	echo "xenhost: ----- guest console end -----"
fi

rc=
result=
if [ -n "$exit_line" ]; then
	reason=$(field reason "$exit_line")
	xs_status=$(field xs_status "$exit_line")
	case "$reason" in
	poweroff)
		src=default
		status=0
		if [ -n "$xs_status" ] && [ "$xs_status" != none ]; then
			src=xenstore
			status=$xs_status
		else
			cl=$(grep -E '^LITH_EXIT_STATUS=-?[0-9]+[[:space:]]*$' \
				"$work/console.log" | tail -n 1 || true)
			if [ -n "$cl" ]; then
				src=console
				status=${cl#LITH_EXIT_STATUS=}
				status=${status%%[[:space:]]*}
			fi
		fi
		if [[ "$status" =~ ^-?[0-9]{1,9}$ ]]; then
			rc=$((status & 255))
			[ "$rc" -eq 0 ] && [ "$status" -ne 0 ] && rc=1
		else
			echo "xenhost: exit status '$status' ($src) is not a number" >&2
			rc=1
		fi
		result="guest shutdown: poweroff, exit status $status ($src)"
		;;
	crash) rc=70 result="guest shutdown: crash" ;;
	reboot) rc=71 result="guest shutdown: reboot" ;;
	*) rc=72 result="guest shutdown: $reason" ;;
	esac
else
	rc=124
	what=
	if ! grep -q -e 'Xen version' -e '(XEN)' "$st"; then
		what="Xen did not come up (no hypervisor output)"
	elif grep -q 'Panic on CPU' "$st"; then
		what="Xen panicked before the guest finished"
	elif [ -z "$ready_line" ]; then
		err=$(mark dom0-error)
		if [ -n "$err" ]; then
			what="dom0 setup failed: ${err#*dom0-error }"
		elif grep -q 'Kernel panic' "$st"; then
			what="dom0 kernel panicked"
		else
			what="dom0 did not come up"
		fi
	elif [ -n "$(mark xl-create-failed)" ]; then
		what="xl create failed: the guest did not start (see xl output)"
	elif [ -z "$(mark guest-started)" ]; then
		what="xl create did not start the guest"
	elif [ -n "$(mark guest-timeout)" ]; then
		what="guest did not shut down within dom0's budget of $(field budget "$(mark guest-timeout)") s (destroyed)"
	else
		what="guest did not shut down"
	fi
	if [ -n "$host_timeout" ]; then
		what+="; global timeout of $timeout s hit, QEMU killed"
	else
		what+="; QEMU exited with status $qrc after $(secs $((t_end - t0))) s"
	fi
	result="timeout/failure: $what"
	if [ -s "$work/xl.log" ]; then
		echo "xenhost: ----- xl output -----" >&2
		cat "$work/xl.log" >&2
	fi
	if [ "$verbose" = 0 ]; then
		echo "xenhost: ----- last 30 lines of the serial console -----" >&2
		tail -n 30 "$st" >&2
	fi
	[ -s "$work/qemu.err" ] && cat "$work/qemu.err" >&2
fi

echo "xenhost: $result -> exit $rc"

if [ -n "$logdir" ]; then
	mkdir -p "$logdir"
	cp "$serial" "$work/console.log" "$work/xl.log" "$g/guest.cfg" "$logdir/"
	printf 'reason=%s\nexit=%s\nresult=%s\n' "${reason:-none}" "$rc" \
		"$result" >"$logdir/result"
fi
exit "$rc"
