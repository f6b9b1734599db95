#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The build system: out-of-tree libraries, Kconfig symbols in Makefile.uk and C, V=1,
# incremental rebuilds, clean and distclean.
. "$(dirname "$0")/../lib/common.sh"
DEF="$ROOT/tests/defconfigs/linuxu-x86_64"

mkdir -p "$WORK/libs"
cp -r "$ROOT/tests/libs/libgreet" "$WORK/libs/"
app="$(app_copy "$ROOT/tests/apps/extlib-user" extlib-user)"
ext=(UK_LIBS="$WORK/libs")
printf 'CONFIG_LIBGREET_NAME="lith"\n' >"$WORK/name"
if app_make "$app" "${ext[@]}" defconfig DEFCONFIG="$DEF,$WORK/name" &&
	app_make "$app" "${ext[@]}"; then
	ok "app with an out-of-tree library builds"
	expect_grep "the library is in the menu's .config" "$app/.config" '^CONFIG_LIBGREET=y$'
	run_status "$app/build/extlib-user_linuxu-x86_64"
	expect_grep "Kconfig string and per-library CFLAGS reach C" "$WORK/out" '^Greetings, lith!$'

	# A symbol that adds a source file in Makefile.uk.
	printf 'CONFIG_LIBGREET_SHOUT=y\n' >"$WORK/shout"
	app_make "$app" "${ext[@]}" defconfig DEFCONFIG="$DEF,$WORK/name,$WORK/shout" >/dev/null
	app_make "$app" "${ext[@]}" >"$WORK/build.log" 2>&1
	expect_grep "changing .config recompiles" "$WORK/build.log" 'CC +libgreet/greet.c'
	run_status "$app/build/extlib-user_linuxu-x86_64"
	expect_grep "a symbol in Makefile.uk adds a source" "$WORK/out" '^Greetings, LITH!$'

	# Nothing changed: nothing rebuilt.
	app_make "$app" "${ext[@]}" >"$WORK/build.log" 2>&1
	expect_nogrep "an unchanged tree rebuilds nothing" "$WORK/build.log" '^  (CC|LD) '

	# Touch one source: only it is recompiled and the image relinked.
	touch "$WORK/libs/libgreet/shout.c"
	app_make "$app" "${ext[@]}" >"$WORK/build.log" 2>&1
	expect_grep "a touched source is recompiled" "$WORK/build.log" 'CC +libgreet/shout.c'
	expect_nogrep "others are not" "$WORK/build.log" 'CC +libgreet/greet.c'

	touch "$WORK/libs/libgreet/greet.c"
	app_make "$app" "${ext[@]}" V=1 >"$WORK/build.log" 2>&1
	expect_grep "V=1 shows the compiler command" "$WORK/build.log" '^gcc .*-c .*greet\.c'

	app_make "$app" "${ext[@]}" clean >/dev/null 2>&1
	[ ! -e "$app/build" ] && [ -f "$app/.config" ] && ok "clean keeps .config" || bad "clean"
	app_make "$app" "${ext[@]}" distclean >/dev/null 2>&1
	[ ! -e "$app/.config" ] && ok "distclean removes .config" || bad "distclean"
else
	bad "app with an out-of-tree library builds"
fi

# Without a .config, make starts from defaults and says so.
app="$(app_copy "$ROOT/apps/helloworld" helloworld)"
run_status app_make "$app"
expect_eq "make without .config builds" "$status" 0
expect_grep "and says it used defaults" "$WORK/out" 'No .config'
run_status "$app/build/helloworld_linuxu-x86_64"
expect_grep "the default image runs" "$WORK/out" '^Hello world!$'

# Outside an application folder, make explains itself.
run_status make -C "$ROOT" --no-print-directory
[ "$status" -ne 0 ] && ok "root make without A= fails" || bad "root make without A= passed"
expect_grep "with a clear message" "$WORK/out" 'No application'
finish
