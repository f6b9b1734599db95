#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Kconfig: dropped assignments are errors naming the symbol; the interactive menu works;
# savedefconfig/olddefconfig round-trip.
. "$(dirname "$0")/../lib/common.sh"
app="$(app_copy "$ROOT/apps/helloworld" kc)"
DEF="$ROOT/apps/helloworld/defconfig"

# An unmet dependency: colored output needs kernel messages.
printf 'CONFIG_LIBDEBUG_PRINTK=n\nCONFIG_LIBDEBUG_ANSI_COLOR=y\n' >"$WORK/unmet"
run_status app_make "$app" defconfig DEFCONFIG="$DEF,$WORK/unmet"
[ "$status" -ne 0 ] && ok "unmet dependency fails" || bad "unmet dependency accepted"
expect_grep "message names the symbol and its dependency" "$WORK/out" \
	'error: .*unmet:2: CONFIG_LIBDEBUG_ANSI_COLOR=y was dropped .*depends on .*LIBDEBUG_PRINTK'
[ -f "$app/.config" ] && bad "no .config is written on error" || ok "no .config is written on error"

# An unknown symbol.
printf 'CONFIG_NO_SUCH_THING=y\n' >"$WORK/unknown"
run_status app_make "$app" defconfig DEFCONFIG="$DEF,$WORK/unknown"
[ "$status" -ne 0 ] && ok "unknown symbol fails" || bad "unknown symbol accepted"
expect_grep "message names the unknown symbol" "$WORK/out" 'CONFIG_NO_SUCH_THING: unknown symbol'

# A symbol without a prompt cannot be set from a fragment.
printf 'CONFIG_LIBDEBUG_PRINTK_LEVEL=5\n' >"$WORK/noprompt"
run_status app_make "$app" defconfig DEFCONFIG="$DEF,$WORK/noprompt"
[ "$status" -ne 0 ] && ok "promptless symbol fails" || bad "promptless symbol accepted"

# A good fragment, then savedefconfig gives it back minimal, and olddefconfig keeps it.
printf 'CONFIG_LIBDEBUG_PRINTK_WARN=y\nCONFIG_LIBBOOT_BANNER_LINE=y\n' >"$WORK/good"
run_status app_make "$app" defconfig DEFCONFIG="$DEF,$WORK/good"
expect_eq "good fragment accepted" "$status" 0
expect_grep ".config has the level" "$app/.config" '^CONFIG_LIBDEBUG_PRINTK_WARN=y$'
app_make "$app" savedefconfig >/dev/null 2>&1
expect_grep "savedefconfig keeps the choice" "$app/defconfig.saved" '^CONFIG_LIBBOOT_BANNER_LINE=y$'
expect_nogrep "savedefconfig is minimal" "$app/defconfig.saved" 'CONFIG_LIBALLOC=y'

# Editing .config by hand into an unmet dependency is caught by the build too.
sed -i 's/^CONFIG_LIBDEBUG_PRINTK=y/# CONFIG_LIBDEBUG_PRINTK is not set/' "$app/.config"
echo CONFIG_LIBDEBUG_ANSI_COLOR=y >>"$app/.config"
run_status app_make "$app"
[ "$status" -ne 0 ] && ok "build refuses a dropped hand edit" || bad "hand edit dropped silently"
expect_grep "build names the dropped symbol" "$WORK/out" 'CONFIG_LIBDEBUG_ANSI_COLOR=y was dropped'

# The interactive menu renders under a terminal and saves.
rm -f "$app/.config"
session="lith-kc-$$"
tmux new-session -d -s "$session" -x 120 -y 40 \
	"make -C '$app' --no-print-directory LITH_ROOT='$ROOT' menuconfig; sleep 30"
shown=""
for _ in $(seq 1 50); do
	sleep 0.2
	screen="$(tmux capture-pane -p -t "$session" 2>/dev/null)"
	if grep -q "Platform Configuration" <<<"$screen"; then shown=1; break; fi
done
echo "$screen" >"$WORK/screen"
if [ -n "$shown" ]; then
	ok "menuconfig renders"
	expect_grep "top menu: architecture" "$WORK/screen" 'Architecture Selection'
	expect_grep "top menu: libraries" "$WORK/screen" 'Library Configuration'
	tmux send-keys -t "$session" S
	sleep 0.5
	tmux send-keys -t "$session" Enter
	sleep 0.5
	tmux send-keys -t "$session" Escape
	sleep 0.3
	tmux send-keys -t "$session" Escape
	for _ in $(seq 1 25); do
		[ -f "$app/.config" ] && break
		sleep 0.2
	done
	if [ -f "$app/.config" ]; then ok "menuconfig saved .config"; else
		bad "menuconfig did not save"
		tmux capture-pane -p -t "$session"
	fi
	expect_grep "saved .config has a platform" "$app/.config" '^CONFIG_PLAT_LINUXU=y$'
else
	bad "menuconfig did not render:"
	cat "$WORK/screen"
fi
tmux kill-session -t "$session" 2>/dev/null
finish
