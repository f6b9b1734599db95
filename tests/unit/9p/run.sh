#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Runs the 9P unit tests (both builds) and a bounded fuzz run; sums up in one last line.
# usage: run.sh BUILD FUZZ_SECONDS CLANG MAKE
set -uo pipefail
build="$1" secs="$2" clang="$3" make="$4"
. "$(dirname "$0")/../lib.sh"

for v in o2 asan; do
	unit_run 9p $v "$build/$v/test_9p"
done

# The fuzzer: malformed replies to every parser and to the client, for a bounded time.
if command -v "$clang" >/dev/null && "$make" -s fuzz >"$build/fuzz.log" 2>&1; then
	mkdir -p "$build/corpus"
	unit_fuzz "$secs" "$build/fuzz.out" "$build/fuzz/fuzz_9p" "$build/corpus"
else
	echo "[fuzz] clang with libFuzzer is not available: fuzz run skipped ($build/fuzz.log)"
fi
unit_finish 9p
