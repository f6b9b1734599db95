#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Threads and scheduling on linuxu: the schedtest and pthreadtest apps (platform-neutral,
# tests/sched/apps) under the cooperative and the preemptive scheduler, and libcthreads
# (newlib's per-thread state and locks); out of memory, a 1 GiB allocation, and a stack
# overflow named in the crash report.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib.sh"
DEF="$ROOT/tests/defconfigs/linuxu-x86_64"
APPS="$ROOT/tests/sched/apps"
echo CONFIG_LIBSCHED_PREEMPT=y >"$WORK/preempt.frag"
printf 'CONFIG_LIBDEBUG_PRINTK_WARN=y\nCONFIG_LINUXU_HEAP_MB=4096\n' >"$WORK/big.frag"

# run_app WHAT APP IMAGE ARGS...: runs it, expects status 0, every check ok and the app's
# summary line.
run_app() {
	local what="$1" name="$2" img="$3"
	shift 3
	run_status "$img" "$@"
	expect_app "$what" "$name" "$status" "$WORK/out"
}

for sched in coop preempt; do
	frags="$DEF"
	[ $sched = preempt ] && frags="$DEF,$WORK/preempt.frag"
	app="$(app_copy "$APPS/schedtest" "schedtest-$sched")"
	if app_build "$app" "$frags" >"$WORK/build.log" 2>&1; then
		ok "schedtest builds ($sched)"
		img="$app/build/schedtest-${sched}_linuxu-x86_64"
		RUN_TIMEOUT=60 run_app "schedtest $sched" schedtest "$img"
		if [ $sched = preempt ]; then
			expect_grep "preemption preempts an endless loop" "$WORK/out" \
				'^ok: an endless loop was preempted'
		else
			# A thread that recurses without end hits its guard page: named, not random.
			run_status "$img" overflow
			expect_eq "stack overflow exits with the crash status" "$status" 70
			expect_grep "stack overflow is named" "$WORK/out" \
				'^CRASH: stack overflow in thread deep at address 0x[0-9a-f]{16}'
		fi
	else
		bad "schedtest builds ($sched)"
		tail -n 20 "$WORK/build.log"
	fi

	app="$(app_copy "$APPS/pthreadtest" "pthreadtest-$sched")"
	if app_build "$app" "$frags" >"$WORK/build.log" 2>&1; then
		run_app "pthreadtest $sched" pthreadtest "$app/build/pthreadtest-${sched}_linuxu-x86_64"
	else
		bad "pthreadtest builds ($sched)"
		tail -n 20 "$WORK/build.log"
	fi

	app="$(app_copy "$APPS/libcthreads" "libcthreads-$sched")"
	if app_build "$app" "$frags" "$NEWLIB_FRAGS" >"$WORK/build.log" 2>&1; then
		run_app "libcthreads $sched" libcthreads "$app/build/libcthreads-${sched}_linuxu-x86_64"
		expect_console_lines "libcthreads $sched" "$WORK/out"
	else
		bad "libcthreads builds ($sched)"
		tail -n 20 "$WORK/build.log"
	fi
done

# pthreadtest against newlib's headers (<time.h>, <sched.h>, <sys/types.h>) too.
app="$(app_copy "$APPS/pthreadtest" pthreadtest-newlib)"
if app_build "$app" "$DEF" "$ROOT/tests/fs/defconfigs/libc-newlib" >"$WORK/build.log" 2>&1; then
	run_app "pthreadtest newlib" pthreadtest "$app/build/pthreadtest-newlib_linuxu-x86_64"
else
	bad "pthreadtest builds (newlib)"
	tail -n 20 "$WORK/build.log"
fi

# Memory: a 4 GiB heap gives a 1 GiB block; running out is ENOMEM and a warning, not a crash.
app="$(app_copy "$APPS/schedtest" schedtest-mem)"
if app_build "$app" "$DEF,$WORK/big.frag" >"$WORK/build.log" 2>&1; then
	run_app "memory" schedtest "$app/build/schedtest-mem_linuxu-x86_64" bigalloc oom
	expect_grep "1 GiB allocation on a 4 GiB heap" "$WORK/out" '^ok: 1 GiB allocation$'
	expect_grep "out of memory is a warning" "$WORK/out" \
		'WARN: \[alloc\] .*out of memory: [0-9]+ bytes'
else
	bad "schedtest builds (4 GiB heap)"
	tail -n 20 "$WORK/build.log"
fi
finish
