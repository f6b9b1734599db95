#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Threads and scheduling on KVM x86_64 (QEMU through tools/qemu-guest, TCG unless
# LITH_ACCEL says otherwise): the same platform-neutral apps as test-sched-linuxu.sh, under
# the cooperative and the preemptive scheduler.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib.sh"
DEF="$ROOT/tests/defconfigs/kvm-x86_64"
QG="$ROOT/tools/qemu-guest"
APPS="$ROOT/tests/sched/apps"

# run_app WHAT APP IMAGE ARGS...: boots it, expects status 0 and the app's summary line.
run_app() {
	local what="$1" name="$2" img="$3"
	shift 3
	run_status "$QG" -k "$img" -A "${LITH_ACCEL:-tcg}" -m 512 -t 120 "$@"
	expect_app "$what" "$name" "$status" "$WORK/out"
}

echo CONFIG_LIBSCHED_PREEMPT=y >"$WORK/preempt.frag"
for sched in coop preempt; do
	frags="$DEF"
	[ $sched = preempt ] && frags="$DEF,$WORK/preempt.frag"
	for name in schedtest pthreadtest libcthreads; do
		app="$(app_copy "$APPS/$name" "$name")"
		extra=""
		[ $name = libcthreads ] && extra="$NEWLIB_FRAGS"
		if app_build "$app" "$frags" $extra >"$WORK/build.log" 2>&1; then
			run_app "$name kvm $sched" "$name" "$app/build/${name}_kvm-x86_64"
			if [ $name = schedtest ] && [ $sched = coop ]; then
				expect_grep "guard pages stay on after 1000 threads" "$WORK/out" \
					'^guard pages: on$'
				# A thread that recurses without end hits its guard page: named.
				run_status "$QG" -k "$app/build/${name}_kvm-x86_64" -A "${LITH_ACCEL:-tcg}" \
					-m 512 -t 60 -a overflow
				expect_eq "stack overflow exits with the crash status" "$status" 70
				expect_grep "stack overflow is named" "$WORK/out" \
					'^CRASH: stack overflow in thread deep at address 0x[0-9a-f]{16} '
			fi
			[ $name = libcthreads ] && expect_console_lines "$name kvm $sched" "$WORK/out"
		else
			bad "$name builds (kvm, $sched)"
			tail -n 20 "$WORK/build.log"
		fi
	done
done
finish
