#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Run guests on the Xen test host: real Xen 4.17 with a Debian PV dom0,
# booted inside QEMU (TCG by default). dom0 runs `xl create` on each guest in
# turn, logs its console, reports how it shut down, and powers off.
#
# Usage: run.sh [-t TIMEOUT_S] [-g GUEST_S] [-o LOGDIR] [-f FILE]... [-v]
#               KERNEL XLCONFIG [KERNEL XLCONFIG]...
#   -t TIMEOUT_S  global timeout in seconds (default 120); QEMU is killed then
#   -g GUEST_S    dom0 destroys a guest that runs longer than this (default:
#                 what is left of TIMEOUT_S when the guest starts, minus 12 s)
#   -o LOGDIR     keep the logs there: serial.log (all of COM1: Xen, dom0),
#                 console.log (the guest console), xl.log, guest.cfg (as
#                 rewritten), result (one line per guest, then the exit
#                 code); with several guests console-<n>.log, xl-<n>.log and
#                 guest-<n>.cfg
#   -f FILE       a file or folder to put into dom0 at /guest/files/<name>
#                 (repeatable), e.g. a folder to share over 9p
#   -v            stream the serial console to stderr while running
#
# KERNEL is a guest kernel, XLCONFIG an xl domain config; more pairs run one
# after the other in the same boot (saves ~12 s of boot per extra guest). In
# each config `kernel =` is rewritten to the kernel's place in dom0
# (/guest/<n>/kernel), and every host path given with -f (as given, or
# absolute) to /guest/files/<name>. on_poweroff, on_reboot, on_crash and
# on_watchdog are forced to "preserve": dom0 reads the exit status, then
# destroys the domain.
#
# stdout: "xenhost: ..." lines: the timings
#   xenhost: qemu start -> dom0 ready: X s
#   xenhost: xl create -> guest exit: Y s
# the guest's whole console between "xenhost: ----- guest console begin -----"
# and "xenhost: ----- guest console end -----", and a result line
#   xenhost: guest shutdown: <reason>[, exit status N (<source>)] -> exit C
# With several guests each guest's lines follow "xenhost: === guest n/N: CFG".
#
# Exit status (of the first guest whose code is not 0, if several):
#   poweroff   the guest's exit status: xenstore key data/lith/exit_status of
#              its domain if written, else the last console line
#              LITH_EXIT_STATUS=<n>, else 0 (modulo 256; n != 0 never gives 0)
#   crash      70
#   reboot     71
#   watchdog, suspend, soft_reset: 72
#   124        no result: Xen, dom0, xl create or the guest did not come up or
#              did not shut down in time (the message says which)
#   125        the harness could not run (dom0 build, QEMU missing, ...)
#   2          usage error
#
# Environment:
#   LITH_XENHOST_ACCEL     QEMU accelerator (default tcg,thread=multi; kvm
#                          only on real VMX/SVM hardware)
#   LITH_XENHOST_QEMU      QEMU binary (default qemu-system-x86_64)
#   LITH_XENHOST_9P=0      dom0 without the xen-9pfs backend
#   LITH_XENHOST_DOM0_MEM  dom0's memory (default 256M; QEMU has 1024M)
#   LITH_XENHOST_SMP       CPUs of the QEMU machine = dom0's vCPUs (default
#                          1; guests may still have more vCPUs)
#   LITH_CACHE             cache root (default ~/.cache/lith)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
me=run.sh
M=@@XENHOST@@

usage() {
	awk '/^# Usage/ { p = 1 } p { print } /^#   -v/ { exit }' \
		"${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
	echo "See the head of $0 for the config rewriting and exit codes." >&2
	exit 2
}

bad() {
	echo "$me: $*" >&2
	usage
}

timeout=120
guest_timeout=
logdir=
verbose=0
extra=()
while getopts ":t:g:o:f:vh" opt; do
	case "$opt" in
	t)
		if ! [[ "$OPTARG" =~ ^[0-9]+$ ]] || [ "$OPTARG" -eq 0 ]; then
			bad "-t wants a positive number of seconds, not '$OPTARG'"
		fi
		timeout=$OPTARG
		;;
	g)
		if ! [[ "$OPTARG" =~ ^[0-9]+$ ]] || [ "$OPTARG" -eq 0 ]; then
			bad "-g wants a positive number of seconds, not '$OPTARG'"
		fi
		guest_timeout=$OPTARG
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
if [ $# -lt 2 ] || [ $(($# % 2)) -ne 0 ]; then
	bad "want KERNEL XLCONFIG pairs, got $# argument(s)"
fi
kernels=()
configs=()
while [ $# -gt 0 ]; do
	[ -f "$1" ] || bad "kernel '$1' is not a file"
	[ -f "$2" ] || bad "config '$2' is not a file"
	kernels+=("$1")
	configs+=("$2")
	shift 2
done
nguests=${#kernels[@]}

die125() {
	echo "$me: error: $*" >&2
	exit 125
}

qemu=${LITH_XENHOST_QEMU:-qemu-system-x86_64}
accel=${LITH_XENHOST_ACCEL:-tcg,thread=multi}
command -v "$qemu" >/dev/null ||
	die125 "$qemu not found (apt-get install qemu-system-x86)"

dom0=$("$here/build-dom0.sh" -q) || die125 "building the dom0 failed (see above)"
for f in xen vmlinuz dom0.cpio.gz busybox; do
	[ -f "$dom0/$f" ] || die125 "dom0 build $dom0 lacks $f"
done
case "$dom0" in
*,*) die125 "the cache path $dom0 has a comma, which QEMU's -initrd cannot take" ;;
esac
# Prefer the lz4 variants (see build-dom0.sh): they boot seconds faster.
dom0_kernel=$dom0/vmlinuz
[ -f "$dom0/vmlinuz.lz4" ] && dom0_kernel=$dom0/vmlinuz.lz4

work=$(mktemp -d "${TMPDIR:-/tmp}/xenhost.XXXXXX")
qpid=
tailpid=
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	if [ -n "$qpid" ] && kill -0 "$qpid" 2>/dev/null; then
		kill "$qpid" 2>/dev/null || true
		sleep 0.5
		kill -9 "$qpid" 2>/dev/null || true
	fi
	if [ -n "$tailpid" ]; then
		kill "$tailpid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the guest archive: /guest/{run.env,files/,<n>/{kernel,guest.cfg}} ----
g=$work/stage/guest
mkdir -p "$g/files"
declare -A seen
for f in "${extra[@]}"; do
	name=$(basename "$f")
	[ -z "${seen[$name]:-}" ] || bad "two -f files are named '$name'"
	seen[$name]=1
	cp -a "$f" "$g/files/$name"
done
for i in $(seq 1 "$nguests"); do
	mkdir -p "$g/$i"
	cp "${kernels[i - 1]}" "$g/$i/kernel"
	cfgtext=$(cat "${configs[i - 1]}")
	for f in "${extra[@]}"; do
		name=$(basename "$f")
		abs=$(realpath "$f")
		cfgtext=${cfgtext//"$abs"/"/guest/files/$name"}
		[ "$f" = "$abs" ] || cfgtext=${cfgtext//"$f"/"/guest/files/$name"}
	done
	kline="kernel = \"/guest/$i/kernel\""
	if grep -Eq '^[[:space:]]*kernel[[:space:]]*=' <<<"$cfgtext"; then
		cfgtext=$(sed -E "s|^[[:space:]]*kernel[[:space:]]*=.*|$kline|" \
			<<<"$cfgtext")
	else
		cfgtext+=$'\n'"$kline"
	fi
	printf '%s\n' "$cfgtext" >"$g/$i/guest.cfg"
done
{
	echo "XENHOST_GUESTS=$nguests"
	echo "XENHOST_TIMEOUT=$timeout"
	echo "XENHOST_GUEST_TIMEOUT=$guest_timeout"
} >"$g/run.env"

bb=$dom0/busybox
(cd "$work/stage" && find . -mindepth 1 | LC_ALL=C sort |
	"$bb" cpio -o -H newc -R 0:0 2>/dev/null) | gzip -1 >"$work/guest.cpio.gz"
# One initrd made of two archives (Xen ignores multiboot modules after
# dom0's initrd). The legacy lz4 frame has no end marker: it must be last.
if [ -f "$dom0/dom0.cpio.lz4" ]; then
	cat "$work/guest.cpio.gz" "$dom0/dom0.cpio.lz4" >"$work/initrd"
else
	cat "$dom0/dom0.cpio.gz" "$work/guest.cpio.gz" >"$work/initrd"
fi

# --- boot ------------------------------------------------------------------
dom0_mem=${LITH_XENHOST_DOM0_MEM:-256M}
# One CPU: as fast on a quiet host, twice as fast on a busy one (no vCPU
# spinning on a lock whose holder the host has descheduled).
smp=${LITH_XENHOST_SMP:-1}
xen_args="console=com1 com1=115200,8n1 dom0_mem=$dom0_mem,max:$dom0_mem"
xen_args+=" dom0_max_vcpus=$smp loglvl=all guest_loglvl=all smap=0"
# Skip what costs seconds under TCG and dom0 does not need: the PM timer
# check, crypto self-tests, encrypted keys, kprobe tracing, zswap.
dom0_args="console=hvc0 earlyprintk=xen panic=-1 quiet acpi_pm_good"
dom0_args+=" cryptomgr.notests"
# One initcall per parameter: a comma would split QEMU's -initrd list.
for f in crypto_kdf108_init init_encrypted init_kprobe_trace init_zswap; do
	dom0_args+=" initcall_blacklist=$f"
done
serial=$work/serial.log
: >"$serial"

now_ms() {
	local t=${EPOCHREALTIME/./}
	echo $((t / 1000))
}

t0=$(now_ms)
# timeout(1) as a backstop: QEMU dies even if this script is SIGKILLed.
timeout -k 5 $((timeout + 10)) "$qemu" -accel "$accel" -cpu max -smp "$smp" -m 1024 -nographic -no-reboot \
	-nodefaults -serial stdio -monitor none \
	-kernel "$dom0/xen" -append "$xen_args" \
	-initrd "$dom0_kernel $dom0_args,$work/initrd" \
	</dev/null >"$serial" 2>"$work/qemu.err" &
qpid=$!
if [ "$verbose" = 1 ]; then
	tail -n +1 -f --pid="$qpid" "$serial" >&2 &
	tailpid=$!
fi

t_ready=''
host_timeout=''
while kill -0 "$qpid" 2>/dev/null; do
	t=$(now_ms)
	if [ -z "$t_ready" ] && grep -q -F "$M dom0-ready" "$serial"; then
		t_ready=$t
	fi
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
st=$work/serial.txt
tr -d '\r' <"$serial" >"$st"

mark() {
	# The first marker line "$M <name> ..." (a guest's: "$M <name> guest=<n>").
	grep -m 1 -E "$M $1( |\$)" "$st" || true
}
section() {
	# Lines strictly between the markers "$1-begin guest=$2" and "$1-end ...".
	awk -v b="$M $1-begin guest=$2" -v e="$M $1-end guest=$2" '
		substr($0, length($0) - length(e) + 1) == e { p = 0 }
		p { print }
		substr($0, length($0) - length(b) + 1) == b { p = 1 }' "$st"
}
field() {
	# The value of key $1 in marker line $2.
	sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"
}
secs() {
	# milliseconds -> "S.s"
	printf '%d.%d' $(($1 / 1000)) $((($1 % 1000) / 100))
}

ready_line=$(mark dom0-ready)
if [ -n "$t_ready" ] && [ -n "$ready_line" ]; then
	echo "xenhost: qemu start -> dom0 ready: $(secs $((t_ready - t0))) s"
fi

# Why there is no result for guest $1: sets $what.
explain() {
	local n=$1 err
	if ! grep -q -e 'Xen version' -e '(XEN)' "$st"; then
		what="Xen did not come up (no hypervisor output)"
	elif grep -q 'Panic on CPU' "$st"; then
		what="Xen panicked"
	elif [ -z "$ready_line" ]; then
		err=$(mark dom0-error)
		if [ -n "$err" ]; then
			what="dom0 setup failed: ${err#*dom0-error }"
		elif grep -q 'Kernel panic' "$st"; then
			what="dom0 kernel panicked"
		else
			what="dom0 did not come up"
		fi
	elif [ -n "$(mark "xl-create-failed guest=$n")" ]; then
		what="xl create failed, the guest did not start (see xl output)"
	elif [ -z "$(mark "xl-create-start guest=$n")" ]; then
		what="dom0 did not get to this guest"
	elif [ -z "$(mark "guest-started guest=$n")" ]; then
		what="xl create did not start the guest"
	elif [ -n "$(mark "guest-timeout guest=$n")" ]; then
		what="guest did not shut down within dom0's budget of"
		what+=" $(field budget "$(mark "guest-timeout guest=$n")") s (destroyed)"
	else
		what="guest did not shut down"
	fi
	if [ -n "$host_timeout" ]; then
		what+="; global timeout of $timeout s hit, QEMU killed"
	else
		what+="; QEMU exited with status $qrc after $(secs $((t_end - t0))) s"
	fi
}

rc_all=0
results=()
tail_shown=0
for n in $(seq 1 "$nguests"); do
	[ "$nguests" -eq 1 ] ||
		echo "xenhost: === guest $n/$nguests: ${configs[n - 1]}"
	section console "$n" >"$work/console-$n.log"
	section xl-log "$n" >"$work/xl-$n.log"
	exit_line=$(mark "guest-exit guest=$n")
	if [ -n "$exit_line" ]; then
		echo "xenhost: xl create -> guest exit: $(field secs "$exit_line") s"
	fi
	if [ -n "$(mark "console-begin guest=$n")" ]; then
		echo "xenhost: ----- guest console begin -----"
		cat "$work/console-$n.log"
		echo "xenhost: ----- guest console end -----"
	fi

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
					"$work/console-$n.log" | tail -n 1 || true)
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
		explain "$n"
		result="no result: $what"
		if [ -s "$work/xl-$n.log" ]; then
			echo "xenhost: ----- xl output -----" >&2
			cat "$work/xl-$n.log" >&2
		fi
		if [ "$verbose" = 0 ] && [ "$tail_shown" = 0 ]; then
			tail_shown=1
			echo "xenhost: ----- last 30 lines of the serial console -----" >&2
			tail -n 30 "$st" >&2
			[ -s "$work/qemu.err" ] && cat "$work/qemu.err" >&2
		fi
	fi
	echo "xenhost: $result -> exit $rc"
	results+=("guest $n: $result -> exit $rc")
	[ "$rc_all" -ne 0 ] || rc_all=$rc
done

if [ -n "$logdir" ]; then
	mkdir -p "$logdir"
	cp "$serial" "$logdir/"
	for n in $(seq 1 "$nguests"); do
		s=-$n
		[ "$nguests" -gt 1 ] || s=
		cp "$work/console-$n.log" "$logdir/console$s.log"
		cp "$work/xl-$n.log" "$logdir/xl$s.log"
		cp "$g/$n/guest.cfg" "$logdir/guest$s.cfg"
	done
	{
		printf '%s\n' "${results[@]}"
		echo "exit $rc_all"
	} >"$logdir/result"
fi
exit "$rc_all"
