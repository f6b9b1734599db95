#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Filesystems on linuxu: apps/fs-read on a hostfs root, a wrong root failing fast, and
# tests/fs/apps/fstest (POSIX calls; stdio too with newlib) on hostfs and ramfs roots, and
# on a 9pfs root served by diod over TCP (linuxu's lith.9p= transport).
. "$(dirname "$0")/../lib/common.sh"
DEF="$ROOT/tests/defconfigs/linuxu-x86_64"
FRAG="$ROOT/tests/fs/defconfigs"

# fs-read as the tutorial builds it: its own defconfig, run from its folder (guest_fs/).
app="$(app_copy "$ROOT/apps/fs-read" fs-read)"
if app_make "$app" defconfig && app_make "$app"; then
	ok "fs-read builds"
	img="$app/build/fs-read_linuxu-x86_64"
	run_status bash -c "cd '$app' && exec '$img'"
	expect_eq "fs-read exit status" "$status" 0
	expect_grep "hello line" "$WORK/out" '^Hello, world!$'
	expect_grep "file contents" "$WORK/out" '^File contents: The grass is green!$'
	expect_grep "bye line" "$WORK/out" '^Bye, world!$'

	# The root folder is a kernel parameter.
	mkdir -p "$WORK/other"
	echo "Other grass." >"$WORK/other/grass"
	run_status "$img" "lith.root=$WORK/other" --
	expect_eq "lith.root= exit status" "$status" 0
	expect_grep "lith.root= picks the folder" "$WORK/out" '^File contents: Other grass\.$'

	# A wrong root stops the boot at once with the seed's CRIT line and the crash status.
	start=$(date +%s%N)
	RUN_TIMEOUT=10 run_status "$img" lith.root=/nonexistent/fs0 --
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	expect_eq "wrong root exits with the crash status" "$status" 70
	expect_grep "wrong root: CRIT line" "$WORK/out" \
		'CRIT: \[vfs\] <rootfs\.c @ +[0-9]+> Failed to mount /: 2$'
	expect_grep "wrong root: names filesystem and device" "$WORK/out" \
		'root: filesystem hostfs, device "/nonexistent/fs0"'
	expect_nogrep "wrong root: main never runs" "$WORK/out" 'Hello, world!'
	[ "$ms" -lt 5000 ] && ok "wrong root fails fast (${ms} ms)" || bad "wrong root took ${ms} ms"
else
	bad "fs-read builds"
fi

# fs-read with nolibc too (its defconfig picks newlib).
app="$(app_copy "$ROOT/apps/fs-read" fs-read-nolibc)"
if app_build "$app" "$DEF" "$FRAG/vfs" "$FRAG/rootfs-hostfs"; then
	run_status bash -c "cd '$app' && exec '$app/build/fs-read-nolibc_linuxu-x86_64'"
	expect_eq "fs-read (nolibc) exit status" "$status" 0
	expect_grep "fs-read (nolibc) file contents" "$WORK/out" \
		'^File contents: The grass is green!$'
else
	bad "fs-read builds with nolibc"
fi

# fstest on each root with each C library (newlib adds stdio checks).
app="$(app_copy "$ROOT/tests/fs/apps/fstest" fstest)"
for libc in nolibc newlib; do
	for rootfs in hostfs ramfs; do
		what="fstest on $rootfs ($libc)"
		if app_build "$app" "$DEF" "$FRAG/vfs" "$FRAG/rootfs-$rootfs" "$FRAG/libc-$libc"; then
			rm -rf "$WORK/root-$rootfs"
			mkdir -p "$WORK/root-$rootfs"
			start=$(date +%s%N)
			run_status "$app/build/fstest_linuxu-x86_64" "lith.root=$WORK/root-$rootfs" --
			ms=$(( ($(date +%s%N) - start) / 1000000 ))
			expect_eq "$what: exit status" "$status" 0
			expect_grep "$what: no failure" "$WORK/out" '^fstest: [0-9]+ checks, 0 failures$'
			expect_grep "$what: 16 MiB checksum" "$WORK/out" \
				'^big file: 16777216 bytes, checksum [0-9a-f]+ matches$'
			if [ $libc = newlib ]; then
				expect_grep "$what: 16 MiB through stdio" "$WORK/out" \
					'^stdio big file: 16777216 bytes, checksum matches$'
			fi
			grep -E '^(FAIL|fstest:|big file|stdio big)' "$WORK/out" |
				sed "s/^/    [$rootfs $libc, ${ms} ms] /"
		else
			bad "$what builds"
		fi
	done
done
if [ "$(ls -A "$WORK/root-hostfs" 2>/dev/null)" = "" ]; then
	ok "fstest left the host folder empty"
else
	bad "fstest left files behind: $(ls -A "$WORK/root-hostfs")"
fi

# 9pfs: the 9P2000.L client and 9pfs against a real server, diod, on a free local port.
DIOD=/usr/sbin/diod
diod_start() { # EXPORT: sets PORT and DIOD_PID
	local i
	for i in 1 2 3 4 5; do
		PORT=$((20000 + RANDOM % 20000))
		"$DIOD" -f -n -N -e "$1" -l "127.0.0.1:$PORT" -L "$WORK/diod.log" &
		DIOD_PID=$!
		sleep 0.3
		kill -0 "$DIOD_PID" 2>/dev/null && return 0
	done
	return 1
}
diod_stop() {
	kill -9 "$DIOD_PID" 2>/dev/null
	wait "$DIOD_PID" 2>/dev/null
}
if [ ! -x "$DIOD" ]; then
	bad "diod is not installed (tools/setup installs it): 9pfs tests cannot run"
else
	mkdir -p "$WORK/export"
	cp "$ROOT/apps/fs-read/guest_fs/grass" "$WORK/export/grass"
	if diod_start "$WORK/export"; then
		app="$(app_copy "$ROOT/apps/fs-read" fs-read-9p)"
		if app_build "$app" "$DEF" "$FRAG/vfs" "$FRAG/rootfs-9pfs" "$FRAG/libc-newlib"; then
			img="$app/build/fs-read-9p_linuxu-x86_64"
			run_status "$img" "lith.9p=fs0,127.0.0.1:$PORT,$WORK/export" --
			expect_eq "fs-read on 9pfs: exit status" "$status" 0
			expect_grep "fs-read on 9pfs: file contents" "$WORK/out" \
				'^File contents: The grass is green!$'
			# The users' complaint: a tag that differs fails at once, and says so.
			RUN_TIMEOUT=10 run_status "$img" "lith.9p=fs1,127.0.0.1:$PORT,$WORK/export" --
			expect_eq "9pfs wrong tag: crash status" "$status" 70
			expect_grep "9pfs wrong tag: CRIT line" "$WORK/out" \
				'CRIT: \[vfs\] <rootfs\.c @ +[0-9]+> Failed to mount /: 19$'
			expect_grep "9pfs wrong tag: names the tags found" "$WORK/out" \
				'no 9P device has mount tag "fs0" \(tags found: fs1\)'
			RUN_TIMEOUT=10 run_status "$img"
			expect_eq "9pfs without any device: crash status" "$status" 70
			expect_grep "9pfs without any device: CRIT line" "$WORK/out" \
				'Failed to mount /: 19$'
		else
			bad "fs-read builds with a 9pfs root"
		fi
		app="$(app_copy "$ROOT/tests/fs/apps/fstest" fstest-9p)"
		for libc in nolibc newlib; do
			what="fstest on 9pfs ($libc)"
			if app_build "$app" "$DEF" "$FRAG/vfs" "$FRAG/rootfs-9pfs" "$FRAG/libc-$libc"
			then
				start=$(date +%s%N)
				run_status "$app/build/fstest-9p_linuxu-x86_64" \
					"lith.9p=fs0,127.0.0.1:$PORT,$WORK/export" --
				ms=$(( ($(date +%s%N) - start) / 1000000 ))
				expect_eq "$what: exit status" "$status" 0
				expect_grep "$what: no failure" "$WORK/out" \
					'^fstest: [0-9]+ checks, 0 failures$'
				expect_grep "$what: 16 MiB checksum" "$WORK/out" \
					'^big file: 16777216 bytes, checksum [0-9a-f]+ matches$'
				grep -E '^(FAIL|fstest:|big file|stdio big)' "$WORK/out" |
					sed "s/^/    [9pfs $libc, ${ms} ms] /"
			else
				bad "$what builds"
			fi
		done
		diod_stop
	else
		bad "diod did not start"
	fi
fi
finish
