# SPDX-License-Identifier: BSD-3-Clause
# Helpers for tests/*/test-*.sh: build an application in a scratch copy, run it, check.
# A test script sources this, calls check/expect_* and ends with 'finish'.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/lith-test.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
t_ok=0
t_bad=0

ok() {
	t_ok=$((t_ok + 1))
	echo "ok: $*"
}

bad() {
	t_bad=$((t_bad + 1))
	echo "NOT OK: $*"
}

# expect_eq WHAT GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got '$2', want '$3'"; fi
}

# expect_grep WHAT FILE REGEX: the file has a line matching the extended regex.
expect_grep() {
	if grep -Eq -- "$3" "$2"; then ok "$1"; else
		bad "$1: no line matches /$3/ in:"
		sed 's/^/    /' "$2" | tail -n 30
	fi
}

# expect_nogrep WHAT FILE REGEX
expect_nogrep() {
	if grep -Eq -- "$3" "$2"; then bad "$1: a line matches /$3/"; else ok "$1"; fi
}

# app_copy SRC NAME: a scratch copy of an application folder; prints its path.
app_copy() {
	local dst="$WORK/$2"
	rm -rf "$dst"
	cp -r "$1" "$dst"
	rm -rf "$dst/build" "$dst/.config" "$dst/.config.old"
	echo "$dst"
}

# app_make DIR ARGS...: make in an application folder against this checkout.
app_make() {
	local dir="$1"
	shift
	make -C "$dir" --no-print-directory LITH_ROOT="$ROOT" UK_ROOT="$ROOT" "$@"
}

# app_build DIR FRAGMENT...: configure from fragments (comma-joined) and build.
app_build() {
	local dir="$1"
	shift
	local frags
	frags="$(IFS=,; echo "$*")"
	app_make "$dir" defconfig DEFCONFIG="$frags" && app_make "$dir"
}

# run_status CMD...: run (a program with a time limit); output in $WORK/out, status in $status.
run_status() {
	if [ "$(type -t "$1")" = function ]; then
		"$@" </dev/null >"$WORK/out" 2>&1
	else
		timeout -k 5 "${RUN_TIMEOUT:-60}" "$@" </dev/null >"$WORK/out" 2>&1
	fi
	status=$?
}

finish() {
	echo "$(basename "$0" .sh): $t_ok passed, $t_bad failed"
	[ $t_bad -eq 0 ]
	exit $?
}
