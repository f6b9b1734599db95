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
# A stack overflow hits the guard page: Xen cannot deliver the fault on the overflowed
# stack and crashes the domain at once (status 70) instead of letting it corrupt memory.
ovf="$WORK/schedtest-coop/build/schedtest-coop_xen-x86_64"
if [ -f "$ovf" ]; then
	cp "$ovf" "$ovf-overflow"
	sed 's/^extra = .*/extra = "-- overflow"/' "$ovf.xl.cfg" >"$ovf-overflow.xl.cfg"
	xen_add "$ovf-overflow"
fi
xen_boot_all
i=0
for entry in "${names[@]}"; do
	i=$((i + 1))
	what="${entry%%:*}"
	name="${entry##*:}"
	expect_app "$what (xen)" "$name" "$(xen_status $i)" "$WORK/out.$i"
	[ "$name" = libcthreads ] && expect_console_lines "$what (xen)" "$WORK/out.$i"
	[ "$what" = "schedtest coop" ] && expect_grep "guard pages stay on after 1000 threads (xen)" \
		"$WORK/out.$i" '^guard pages: on$'
done
if [ -f "$ovf" ]; then
	i=$((i + 1))
	expect_eq "stack overflow crashes the domain (xen)" "$(xen_status $i)" 70
	expect_grep "the overflow started (xen)" "$WORK/out.$i" '^overflowing the stack of thread deep$'
	expect_nogrep "the overflow is not survived (xen)" "$WORK/out.$i" 'overflow was not caught'
fi
finish
