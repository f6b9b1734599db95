# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Shared by tests/unit/*/run.sh: the checks of each build and a bounded fuzz run, summed up
# in one last line "NAME: N passed, F failed" (what tests/run reads).
total=0 bad=0

# unit_run NAME VARIANT PROGRAM ARGS...: one build's tests, whose last line must be
# "NAME: N passed, 0 failed"; their output is shown with [VARIANT] in front.
unit_run() {
	local name="$1" v="$2" out rc line
	shift 2
	out="$(UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$@" 2>&1)"
	rc=$?
	echo "$out" | sed "s/^/[$v] /"
	line="$(echo "$out" | tail -n 1)"
	if [[ $rc -eq 0 && "$line" =~ ^$name:\ ([0-9]+)\ passed,\ 0\ failed$ ]]; then
		total=$((total + BASH_REMATCH[1]))
	else
		bad=$((bad + 1))
	fi
}

# unit_fuzz SECONDS LOG FUZZER ARGS...: a libFuzzer run for SECONDS; a crash fails.
unit_fuzz() {
	local secs="$1" log="$2" fuzzer="$3" runs
	shift 3
	if "$fuzzer" -max_total_time="$secs" -print_final_stats=1 "$@" >"$log" 2>&1; then
		runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')"
		echo "[fuzz] ${runs:-?} inputs in ${secs} s, no crash"
		total=$((total + 1))
	else
		echo "[fuzz] CRASH:"
		tail -n 40 "$log"
		bad=$((bad + 1))
	fi
}

# unit_finish NAME: the last line; the status says whether anything failed.
unit_finish() {
	echo "$1: $total passed, $bad failed"
	[ $bad -eq 0 ]
}
