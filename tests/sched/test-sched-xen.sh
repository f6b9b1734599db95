#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Threads and scheduling on Xen PV: the platform-neutral apps of test-sched-linuxu.sh under
# the cooperative and the preemptive scheduler, all booted in one run of the Xen test host.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../xen/lib.sh"
. "$(dirname "$0")/lib.sh"
APPS="$ROOT/tests/sched/apps"

echo CONFIG_LIBSCHED_PREEMPT=y >"$WORK/preempt.frag"
names=()
for sched in coop preempt; do
	frags=("$XEN_DEF")
	[ $sched = preempt ] && frags+=("$WORK/preempt.frag")
	for name in schedtest pthreadtest libcthreads; do
		app="$(app_copy "$APPS/$name" "$name-$sched")"
		img="$app/build/$name-${sched}_xen-x86_64"
		extra=()
		[ $name = libcthreads ] && extra=("$NEWLIB_FRAGS")
		if app_build "$app" "${frags[@]}" "${extra[@]}" >"$WORK/build.log" 2>&1; then
			xen_add "$img"
			names+=("$name $sched:$name")
		else
			bad "$name builds (xen, $sched)"
			tail -n 20 "$WORK/build.log"
		fi
	done
done
xen_boot_all
i=0
for entry in "${names[@]}"; do
	i=$((i + 1))
	what="${entry%%:*}"
	name="${entry##*:}"
	expect_app "$what (xen)" "$name" "$(xen_status $i)" "$WORK/out.$i"
	[ "$name" = libcthreads ] && expect_console_lines "$what (xen)" "$WORK/out.$i"
done
finish
