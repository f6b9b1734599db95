#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Tests of the Xen test host (run.sh) with the floor PV guest
# (bench/floor/xen): checks each guest's console and run.sh's exit status.
#
# Usage: test-xenhost.sh [CASE...]
# Cases (default: all but 9p; "all" adds it):
#   usage    bad arguments -> exit 2, no boot
#   ok       one guest, poweroff -> 0, the hello line, the timing lines
#   status3  LITH_EXIT_STATUS=3 on the console -> 3
#   crash    SHUTDOWN_crash -> 70
#   xsexit   xenstore data/lith/exit_status = 5 -> 5
#   reboot   SHUTDOWN_reboot -> 71
#   9p       a folder shared with -f and p9=: the device model starts -> 0
#   hang     the guest never shuts down: dom0 destroys it (-g) -> 124
#   timeout  global timeout before dom0 is up: QEMU killed -> 124
# status3, crash, xsexit, reboot and 9p run as guests of one boot (run.sh
# takes several KERNEL XLCONFIG pairs); ok, hang and timeout boot alone.
# The last line is "xenhost: N passed, M failed"; the exit status is 0 only
# when nothing failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
floor=$top/bench/floor/xen
run=$here/run.sh
default_cases=(usage ok status3 crash xsexit reboot hang timeout)
all_cases=("${default_cases[@]}" 9p)
batch_cases=" status3 crash xsexit reboot 9p "

cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=("${default_cases[@]}")
[ "${cases[*]}" = all ] && cases=("${all_cases[@]}")
for c in "${cases[@]}"; do
	[[ " ${all_cases[*]} " == *" $c "* ]] || {
		echo "test-xenhost.sh: unknown case '$c' (cases: ${all_cases[*]})" >&2
		exit 2
	}
done

work=$(mktemp -d "${TMPDIR:-/tmp}/xenhost-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

if ! make -s -C "$floor" >"$work/make.log" 2>&1; then
	cat "$work/make.log"
	echo "xenhost: building the floor guest failed"
	echo "xenhost: 0 passed, 1 failed"
	exit 1
fi
kernel=$floor/build/floor-xen

# Build or reuse the dom0 before the clock starts for the cases.
if ! "$here/build-dom0.sh" >"$work/build.log" 2>&1; then
	cat "$work/build.log"
	echo "xenhost: building the dom0 failed"
	echo "xenhost: 0 passed, 1 failed"
	exit 1
fi

# Per case: the floor's command line, the wanted exit status, and regular
# expressions the case's output must match.
declare -A extra want pats
extra=([ok]="" [status3]="exit=3" [crash]="crash" [xsexit]="xsexit=5"
	[reboot]="reboot" [9p]="exit=0" [hang]="hang" [timeout]="")
want=([usage]=2 [ok]=0 [status3]=3 [crash]=70 [xsexit]=5 [reboot]=71 [9p]=0
	[hang]=124 [timeout]=124)
pats=(
	[usage]="Usage: run.sh"
	[ok]="^floor: hello from Xen PV$|exit status 0 \\(default\\) -> exit 0$|^xenhost: qemu start -> dom0 ready: [0-9.]+ s$"
	[status3]="^LITH_EXIT_STATUS=3$|exit status 3 \\(console\\) -> exit 3$"
	[crash]="^floor: crashing on purpose$|guest shutdown: crash -> exit 70$"
	[xsexit]="^floor: exit status in xenstore$|exit status 5 \\(xenstore\\) -> exit 5$"
	[reboot]="^floor: rebooting on purpose$|guest shutdown: reboot -> exit 71$"
	[9p]="^floor: hello from Xen PV$|exit status 0 \\(console\\) -> exit 0$"
	[hang]="^floor: hanging on purpose$|within dom0's budget of 4 s"
	[timeout]="did not come up|global timeout of 6 s"
)

mkcfg() {
	# mkcfg CASE -> path of an xl config for the floor guest
	{
		echo "name = \"floor-$1\""
		echo 'type = "pv"'
		echo 'kernel = "floor-xen"'
		echo 'memory = 32'
		echo 'vcpus = 1'
		echo "extra = \"${extra[$1]}\""
		if [ "$1" = 9p ]; then
			echo "p9 = [ 'tag=fs0,security_model=none,path=$work/share' ]"
		fi
	} >"$work/$1.cfg"
	echo "$work/$1.cfg"
}

# verdict CASE RC SECONDS: checks $work/CASE.out, writes $work/CASE.verdict.
verdict() {
	local c=$1 rc=$2 why='' p
	[ "$rc" = "${want[$c]}" ] || why="exit status $rc, want ${want[$c]}"
	IFS='|' read -r -a ps <<<"${pats[$c]}"
	for p in "${ps[@]}"; do
		grep -Eq -- "$p" "$work/$c.out" ||
			why="${why:+$why; }no line matching /$p/"
	done
	if [ "$c" != usage ] && [ "${want[$c]}" != 124 ]; then
		grep -q '^xenhost: xl create -> guest exit: [0-9.]* s$' \
			"$work/$c.out" || why="${why:+$why; }no guest timing line"
	fi
	if [ -z "$why" ]; then
		echo "PASS $c ($3 s)" >"$work/$c.verdict"
	else
		echo "FAIL $c ($3 s): $why" >"$work/$c.verdict"
	fi
}

start=$SECONDS

# The cases that boot alone.
for c in "${cases[@]}"; do
	[[ "$batch_cases" == *" $c "* ]] && continue
	t0=$SECONDS
	rc=0
	case "$c" in
	usage) "$run" >"$work/$c.out" 2>&1 || rc=$? ;;
	ok) "$run" "$kernel" "$(mkcfg ok)" >"$work/$c.out" 2>&1 || rc=$? ;;
	hang)
		"$run" -t 90 -g 4 "$kernel" "$(mkcfg hang)" >"$work/$c.out" 2>&1 ||
			rc=$?
		;;
	timeout)
		"$run" -t 6 "$kernel" "$(mkcfg timeout)" >"$work/$c.out" 2>&1 ||
			rc=$?
		;;
	esac
	verdict "$c" "$rc" $((SECONDS - t0))
done

# The others as guests of one boot.
batch=()
pairs=()
args=()
for c in "${cases[@]}"; do
	[[ "$batch_cases" == *" $c "* ]] || continue
	batch+=("$c")
	pairs+=("$kernel" "$(mkcfg "$c")")
	if [ "$c" = 9p ]; then
		mkdir -p "$work/share"
		echo hello >"$work/share/hello.txt"
		args+=(-f "$work/share")
	fi
done
if [ ${#batch[@]} -gt 0 ]; then
	t0=$SECONDS
	rc=0
	"$run" "${args[@]}" "${pairs[@]}" >"$work/batch.out" 2>&1 || rc=$?
	secs=$((SECONDS - t0))
	# Split the output at "xenhost: === guest n/N: ..." into the cases.
	awk -v dir="$work" -v names="${batch[*]}" '
		BEGIN { split(names, name, " ") }
		/^xenhost: === guest [0-9]+\// {
			split($4, nn, "/"); f = dir "/" name[nn[1]] ".out"
		}
		f { print > f }' "$work/batch.out"
	first=0
	for c in "${batch[@]}"; do
		crc=$(sed -n 's/^xenhost: .* -> exit \([0-9]*\)$/\1/p' \
			"$work/$c.out" 2>/dev/null | tail -n 1)
		verdict "$c" "${crc:-none}" "$secs"
		[ "$first" != 0 ] || first=${want[$c]}
	done
	if [ "$rc" != "$first" ]; then
		echo "FAIL batch: run.sh exited $rc, want $first (first non-zero)" \
			>"$work/batch.verdict"
	fi
fi

pass=0
fail=0
for c in "${cases[@]}" $([ -f "$work/batch.verdict" ] && echo batch); do
	v=$(cat "$work/$c.verdict" 2>/dev/null || echo "FAIL $c: no verdict")
	echo "xenhost: $v"
	case "$v" in
	PASS*) pass=$((pass + 1)) ;;
	*)
		fail=$((fail + 1))
		sed 's/^/    | /' "$work/$c.out" 2>/dev/null | tail -n 40
		;;
	esac
done
echo "xenhost: total $((SECONDS - start)) s"
echo "xenhost: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
