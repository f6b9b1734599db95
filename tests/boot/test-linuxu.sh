#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# linuxu boot tests: build real images from defconfigs, run them as processes, check what
# they print and how they exit.
. "$(dirname "$0")/../lib/common.sh"
DEF="$ROOT/tests/defconfigs/linuxu-x86_64"

# helloworld, as the tutorial builds it: its own defconfig.
app="$(app_copy "$ROOT/apps/helloworld" helloworld)"
if app_make "$app" defconfig && app_make "$app"; then
	ok "helloworld builds"
	img="$app/build/helloworld_linuxu-x86_64"
	[ -x "$img" ] && [ -f "$img.dbg" ] && ok "image and .dbg exist" || bad "image missing"
	run_status "$img"
	expect_eq "helloworld exit status" "$status" 0
	expect_grep "banner" "$WORK/out" '^Powered by Lith [0-9]+\.[0-9]+\.[0-9]+ \(.+\)$'
	expect_grep "hello line" "$WORK/out" '^Hello world!$'
	expect_nogrep "default level hides info" "$WORK/out" 'INFO:'

	# The message level is a Kconfig choice: more messages after a rebuild.
	echo CONFIG_LIBDEBUG_PRINTK_INFO=y >"$WORK/info.frag"
	if app_make "$app" defconfig DEFCONFIG="$ROOT/apps/helloworld/defconfig,$WORK/info.frag" &&
		app_make "$app"; then
		run_status "$img"
		expect_grep "info level shows boot messages" "$WORK/out" \
			'^\[ *[0-9]+\.[0-9]{6}\] INFO: \[boot\] <boot\.c @ +[0-9]+> memory region'
		expect_eq "still exits 0" "$status" 0
	else
		bad "rebuild at info level"
	fi
else
	bad "helloworld builds"
fi

# main's return value is the exit status; arguments arrive as argv.
app="$(app_copy "$ROOT/tests/apps/status" status)"
if app_build "$app" "$DEF"; then
	img="$app/build/status_linuxu-x86_64"
	run_status "$img"
	expect_eq "main returning 3 exits 3" "$status" 3
	expect_grep "argv[0] is the app name" "$WORK/out" '^argv\[0\]=<status>$'
	run_status "$img" 7 "two words" ""
	expect_eq "main returning argv[1] exits 7" "$status" 7
	expect_grep "an argument with a blank stays one word" "$WORK/out" '^argv\[2\]=<two words>$'
	expect_grep "an empty argument survives" "$WORK/out" '^argv\[3\]=<>$'
	run_status "$img" kernel.param=1 -- 5
	expect_eq "words before -- are kernel parameters" "$status" 5
else
	bad "status app builds"
fi

# Init tables run by class before main; terminate functions run in reverse after it.
app="$(app_copy "$ROOT/tests/apps/inittab" inittab)"
if app_build "$app" "$DEF"; then
	run_status "$app/build/inittab_linuxu-x86_64"
	expect_eq "inittab exit status" "$status" 0
	got="$(grep -E '^(init|term|main)' "$WORK/out" | tr '\n' ' ')"
	expect_eq "init and term order" "$got" \
		"init early init plat init lib init sys init late main term late term sys term early "
else
	bad "inittab app builds"
fi

# A failed assertion names file and line, and the image crashes (status 70).
app="$(app_copy "$ROOT/tests/apps/assert" assert)"
if app_build "$app" "$DEF"; then
	run_status "$app/build/assert_linuxu-x86_64"
	expect_eq "assertion failure exits with the crash status" "$status" 70
	expect_grep "assertion message names file and line" "$WORK/out" \
		'CRIT: \[appassert\] <main\.c @ +9> Assertion failure in main\(\): argc == 42'
	expect_grep "crash reason" "$WORK/out" '^CRASH: assertion failed$'
	expect_nogrep "nothing after the assertion" "$WORK/out" 'not reached'
else
	bad "assert app builds"
fi

# A wild write is reported, not silent.
app="$(app_copy "$ROOT/tests/apps/fault" fault)"
if app_build "$app" "$DEF"; then
	run_status "$app/build/fault_linuxu-x86_64"
	expect_eq "segmentation fault exits with the crash status" "$status" 70
	expect_grep "fault report" "$WORK/out" \
		'^CRASH: segmentation fault at address 0x0000000000000008 \(rip 0x[0-9a-f]{16}'
else
	bad "fault app builds"
fi

# The platform interface seen from above: TLS, clocks, timer + idle, allocator.
app="$(app_copy "$ROOT/tests/apps/platcheck" platcheck)"
if app_build "$app" "$DEF"; then
	run_status "$app/build/platcheck_linuxu-x86_64"
	expect_eq "platcheck exit status" "$status" 0
	expect_grep "platcheck ran every check" "$WORK/out" '^platcheck: 0 failures$'
	expect_nogrep "no failed check" "$WORK/out" '^FAIL'
	cat "$WORK/out"
else
	bad "platcheck app builds"
fi
finish
