#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Xen x86_64 boot tests, PV and PVH: real images booted by real Xen 4.17 and xl (nested in
# QEMU, tests/xenhost/run.sh; all guests in one run). Checks what each guest prints and
# how its domain ends.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib.sh"

echo CONFIG_LIBDEBUG_PRINTK_INFO=y >"$WORK/info.frag"
printf 'CONFIG_XEN_CMDLINE="kernel.param=1 -- 3 \\"two words\\""\n' >"$WORK/cmdline.frag"
mkdir -p "$WORK/share"
XENBOOT_FILES=("$WORK/share")
P9="p9 = [ 'tag=fs0,security_model=none,path=$WORK/share' ]"

# build NAME SRC FRAGMENT...: a scratch copy built for Xen; queued for the boot on success.
# Sets $img. The guest's number in the boot is its place in the queue.
build() {
	local name="$1" src="$2" app
	shift 2
	app="$(app_copy "$src" "$name")"
	img="$app/build/${name}_xen-x86_64"
	if app_build "$app" "$@" >"$WORK/build-$name.log" 2>&1; then
		ok "$name builds ($(stat -c %s "$img") bytes)"
		xen_add "$img" "$name"
	else
		bad "$name builds"
		tail -n 20 "$WORK/build-$name.log" | sed 's/^/    /'
	fi
}

build helloworld "$ROOT/apps/helloworld" "$XEN_DEF" "$WORK/info.frag"
[ -f "$img.xl.cfg" ] && grep -q '^type = "pv"$' "$img.xl.cfg" && ok "xl config generated (PV)" ||
	bad "no PV xl config $img.xl.cfg"
build status "$ROOT/tests/apps/status" "$XEN_DEF" "$WORK/cmdline.frag"
build fault "$ROOT/tests/apps/fault" "$XEN_DEF"
build assert "$ROOT/tests/apps/assert" "$XEN_DEF"
build xenplat "$ROOT/tests/xen/apps/xenplat" "$XEN_DEF"
# A 9pfs device, so that xenbus has something to enumerate (QEMU's back-end in dom0).
[ -f "$img.xl.cfg" ] && echo "$P9" >>"$img.xl.cfg"
build hellopvh "$ROOT/apps/helloworld" "$XEN_PVH_DEF" "$WORK/info.frag"
[ -f "$img.xl.cfg" ] && grep -q '^type = "pvh"$' "$img.xl.cfg" && ok "xl config generated (PVH)" ||
	bad "no PVH xl config $img.xl.cfg"
build faultpvh "$ROOT/tests/apps/fault" "$XEN_PVH_DEF"
build xenplatpvh "$ROOT/tests/xen/apps/xenplat" "$XEN_PVH_DEF"
[ -f "$img.xl.cfg" ] && echo "$P9" >>"$img.xl.cfg"
xen_boot_all

# helloworld at info level: the boot says what it set up.
for g in helloworld hellopvh; do
	i=$(xen_n $g)
	[ "$i" = 0 ] && continue
	out="$WORK/out.$i"
	expect_eq "$g: exit status" "$(xen_status "$i")" 0
	expect_grep "$g: status came through xenstore" "$out" 'exit status 0 \(xenstore\)'
	expect_grep "$g: banner" "$out" '^Powered by Lith [0-9]+\.[0-9]+\.[0-9]+ \(.+\)$'
	expect_grep "$g: hello line" "$out" '^Hello world!$'
	expect_grep "$g: boot prints the timer's event channel" "$out" \
		'INFO: .*VIRQ_TIMER on event channel [0-9]+'
	expect_grep "$g: boot prints xenstore" "$out" 'INFO: .*xenstore: ring .* connected'
	expect_grep "$g: allocator got the memory" "$out" \
		'INFO: .*memory region .*: [0-9]{5,} KiB free'
done
[ "$(xen_n helloworld)" != 0 ] && expect_grep "helloworld: boot prints start_info" \
	"$WORK/out.$(xen_n helloworld)" 'INFO: .*Xen PV: magic xen-3.0-x86_64'
[ "$(xen_n hellopvh)" != 0 ] && expect_grep "hellopvh: boot prints the PVH start info" \
	"$WORK/out.$(xen_n hellopvh)" 'INFO: .*Xen PVH: start info .* version 1'

# main's value is the exit status; xl's extra= is the command line.
if [ "$(xen_n status)" != 0 ]; then
	out="$WORK/out.$(xen_n status)"
	expect_eq "main returning 3 exits 3" "$(xen_status "$(xen_n status)")" 3
	expect_grep "argv[0] is the app name" "$out" '^argv\[0\]=<status>$'
	expect_grep "words before -- are kernel parameters" "$out" '^argv\[1\]=<3>$'
	expect_grep "a quoted argument stays one word" "$out" '^argv\[2\]=<two words>$'
fi

# A wild write is reported, and the domain ends as crashed.
if [ "$(xen_n fault)" != 0 ]; then
	out="$WORK/out.$(xen_n fault)"
	expect_eq "PV page fault: domain crashed (70)" "$(xen_status "$(xen_n fault)")" 70
	expect_grep "PV fault report" "$out" \
		'^CRASH: page fault \(vector 14, error 0x[0-9a-f]{4}\) at rip 0x[0-9a-f]{16}, '\
'address 0x0000000000000008$'
	expect_grep "PV register dump" "$out" '^RIP=[0-9a-f]{16} RFL='
	expect_nogrep "PV: nothing after the fault" "$out" 'not reached'
fi
if [ "$(xen_n assert)" != 0 ]; then
	out="$WORK/out.$(xen_n assert)"
	expect_eq "failed assertion: domain crashed (70)" "$(xen_status "$(xen_n assert)")" 70
	expect_grep "assertion message names file and line" "$out" \
		'CRIT: \[appassert\] <main\.c @ +9> Assertion failure in main\(\): argc == 42'
	expect_grep "crash reason" "$out" '^CRASH: assertion failed$'
fi
if [ "$(xen_n faultpvh)" != 0 ]; then
	out="$WORK/out.$(xen_n faultpvh)"
	expect_eq "PVH page fault: domain crashed (70)" "$(xen_status "$(xen_n faultpvh)")" 70
	expect_grep "PVH fault report" "$out" '^CRASH: page fault \(vector 14'
	expect_nogrep "PVH: nothing after the fault" "$out" 'not reached'
fi

# The platform's own services: xenstore, event channels, grant tables, timer, xenbus.
for g in xenplat xenplatpvh; do
	i=$(xen_n $g)
	[ "$i" = 0 ] && continue
	out="$WORK/out.$i"
	expect_eq "$g: exit status" "$(xen_status "$i")" 0
	expect_grep "$g: ran every check" "$out" '^xenplat: 0 failures$'
	expect_nogrep "$g: no failed check" "$out" '^FAIL'
	grep -E '^(ok|FAIL):' "$out" | sed "s/^/$g: /"
done
finish
