#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The xl configurations of the shipped applications, as the build generates them for the
# Xen platform (platforms/xen/xlconfig.sh): apps/<app>/defconfig plus
# tests/defconfigs/xen-x86_64 (<app>.cfg, PV) or xen-pvh-x86_64 (<app>-pvh.cfg, PVH).
# usage: xen-configs/regen.sh [--check] [APP...]
#   (no option)  rewrite xen-configs/<app>.cfg and <app>-pvh.cfg
#   --check      rewrite nothing; exit 1 and show the diff if one would change
#   APP...       apps/<APP> (default: the apps that have a config here already; name a
#                new one to add it, once it builds for Xen)
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
check=0
[ "${1:-}" = --check ] && check=1 && shift
apps=("$@")
if [ ${#apps[@]} = 0 ]; then
	mapfile -t apps < <(ls "$ROOT/xen-configs" | sed -n 's/^\(.*\)\.cfg$/\1/p' |
		sed 's/-pvh$//' | sort -u)
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/lith-xencfg.XXXXXX")"
trap 'rm -rf "$work"' EXIT
rc=0
for a in "${apps[@]}"; do
	src="$ROOT/apps/$a"
	if [ ! -f "$src/Makefile" ]; then
		echo "xen-configs: no application apps/$a" >&2
		rc=1
		continue
	fi
	for variant in pv pvh; do
		app="$(basename "$src")"
		name="$app"
		frag="$ROOT/tests/defconfigs/xen-x86_64"
		if [ $variant = pvh ]; then
			name="$app-pvh"
			frag="$ROOT/tests/defconfigs/xen-pvh-x86_64"
		fi
		dir="$work/$variant/$app"
		mkdir -p "$work/$variant"
		cp -r "$src" "$dir"
		rm -rf "$dir/build" "$dir/.config" "$dir/.config.old"
		defs="$frag"
		[ -f "$src/defconfig" ] && defs="$src/defconfig,$frag"
		if ! make -C "$dir" --no-print-directory LITH_ROOT="$ROOT" UK_ROOT="$ROOT" \
			defconfig DEFCONFIG="$defs" >"$work/$name.log" 2>&1 ||
			! make -C "$dir" --no-print-directory LITH_ROOT="$ROOT" UK_ROOT="$ROOT" \
				>>"$work/$name.log" 2>&1; then
			echo "xen-configs: $app does not build for Xen $variant:" >&2
			tail -n 20 "$work/$name.log" >&2
			rc=1
			continue
		fi
		gen="$(ls "$dir"/build/*_xen-x86_64.xl.cfg)"
		if [ $check = 1 ]; then
			if ! diff -u "$ROOT/xen-configs/$name.cfg" "$gen"; then
				echo "xen-configs: $name.cfg differs from what the build generates:" \
					"run xen-configs/regen.sh" >&2
				rc=1
			fi
		else
			cp "$gen" "$ROOT/xen-configs/$name.cfg"
			echo "xen-configs: $name.cfg"
		fi
	done
done
exit $rc
