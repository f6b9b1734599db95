#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Runs the 9P unit tests (both builds) and a bounded fuzz run; sums up in one last line.
# usage: run.sh BUILD FUZZ_SECONDS CLANG MAKE
set -uo pipefail
build="$1" secs="$2" clang="$3" make="$4"
total=0 bad=0

for v in o2 asan; do
	out="$(UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$build/$v/test_9p" 2>&1)"
	rc=$?
	echo "$out" | sed "s/^/[$v] /"
	line="$(echo "$out" | tail -n 1)"
	if [[ $rc -eq 0 && "$line" =~ ^9p:\ ([0-9]+)\ passed,\ 0\ failed$ ]]; then
		total=$((total + BASH_REMATCH[1]))
	else
		bad=$((bad + 1))
	fi
done

# The fuzzer: malformed replies to every parser and to the client, for a bounded time.
if command -v "$clang" >/dev/null && "$make" -s fuzz >"$build/fuzz.log" 2>&1; then
	mkdir -p "$build/corpus"
	if "$build/fuzz/fuzz_9p" -max_total_time="$secs" -print_final_stats=1 \
		"$build/corpus" >"$build/fuzz.out" 2>&1; then
		runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/fuzz.out" |
			grep -o '[0-9]*$')"
		echo "[fuzz] ${runs:-?} inputs in ${secs} s, no crash"
		total=$((total + 1))
	else
		echo "[fuzz] CRASH:"
		tail -n 40 "$build/fuzz.out"
		bad=$((bad + 1))
	fi
else
	echo "[fuzz] clang with libFuzzer is not available: fuzz run skipped ($build/fuzz.log)"
fi
echo "9p: $total passed, $bad failed"
[ $bad -eq 0 ]
