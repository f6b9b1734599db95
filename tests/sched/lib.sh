# SPDX-License-Identifier: BSD-3-Clause
# Shared by the tests that run tests/sched/apps on a platform (sourced after common.sh).

# libcthreads is built with newlib and a ramfs root (for the files its threads write).
NEWLIB_FRAGS="$ROOT/tests/fs/defconfigs/libc-newlib,$ROOT/tests/fs/defconfigs/rootfs-ramfs"

# expect_app WHAT NAME STATUS OUT: the app exited 0, printed "NAME: 0 failures" and no
# failed check; its checks are listed.
expect_app() {
	local what="$1" name="$2" st="$3" out="$4"
	expect_eq "$what: exit status" "$st" 0
	expect_grep "$what: summary" "$out" "^$name: 0 failures$"
	expect_nogrep "$what: no failed check" "$out" '^FAIL'
	grep -E '^(ok|FAIL):' "$out" | sed "s/^/    [$what] /"
}

# expect_console_lines WHAT OUT: libcthreads' four threads printed their 20 lines each
# at once, every one whole (stdout's lock holds for a whole printf).
expect_console_lines() {
	local n
	n=$(grep -cE '^console T[0-3] [0-9]{3} the quick brown fox jumps over the lazy dog$' "$2")
	expect_eq "$1: 80 whole console lines from 4 threads" "$n" 80
}
