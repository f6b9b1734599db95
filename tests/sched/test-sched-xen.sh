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
# A stack overflow hits the guard page. PV: Xen cannot deliver the fault on the overflowed
# stack and crashes the domain at once (status 70) instead of letting it corrupt memory.
# PVH: the double fault runs on its own stack and names the thread, as on KVM.
add_overflow() {	# add_overflow IMAGE
	cp "$1" "$1-overflow"
	sed 's/^extra = .*/extra = "-- overflow"/' "$1.xl.cfg" >"$1-overflow.xl.cfg"
	xen_add "$1-overflow"
}
ovf="$WORK/schedtest-coop/build/schedtest-coop_xen-x86_64"
[ -f "$ovf" ] && add_overflow "$ovf"
app="$(app_copy "$APPS/schedtest" schedtest-pvh)"
ovf_pvh="$app/build/schedtest-pvh_xen-x86_64"
if app_build "$app" "$XEN_PVH_DEF" >"$WORK/build.log" 2>&1; then
	add_overflow "$ovf_pvh"
else
	bad "schedtest builds (xen pvh)"
	tail -n 20 "$WORK/build.log"
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
if [ -f "$ovf_pvh" ]; then
	i=$((i + 1))
	expect_eq "stack overflow: crash status (xen pvh)" "$(xen_status $i)" 70
	expect_grep "stack overflow is named (xen pvh)" "$WORK/out.$i" \
		'^CRASH: stack overflow in thread deep at address 0x[0-9a-f]{16} '
fi
finish
