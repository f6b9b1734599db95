#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Runs the device-tree reader's unit tests (both builds) and a bounded fuzz run seeded with
# the trees the tests use; sums up in one last line. usage: run.sh BUILD FUZZ_SECONDS CLANG MAKE
set -uo pipefail
build="$1" secs="$2" clang="$3" make="$4"
total=0 bad=0
dtbs=("$build/dtb/virt-gicv3.dtb" "$build/dtb/virt-gicv2.dtb")

for v in o2 asan; do
	out="$(UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$build/$v/test_fdt" "${dtbs[@]}" 2>&1)"
	rc=$?
	echo "$out" | sed "s/^/[$v] /"
	line="$(echo "$out" | tail -n 1)"
	if [[ $rc -eq 0 && "$line" =~ ^fdt:\ ([0-9]+)\ passed,\ 0\ failed$ ]]; then
		total=$((total + BASH_REMATCH[1]))
	else
		bad=$((bad + 1))
	fi
done

# The fuzzer: mutations of the virt trees (compacted) and of the tests' own trees.
if command -v "$clang" >/dev/null && "$make" -s fuzz >"$build/fuzz.log" 2>&1; then
	rm -rf "$build/seeds"
	mkdir -p "$build/corpus" "$build/seeds"
	"$build/o2/test_fdt" --seeds "$build/seeds" "${dtbs[@]}"
	if "$build/fuzz/fuzz_fdt" -max_total_time="$secs" -print_final_stats=1 -max_len=16384 \
		"$build/corpus" "$build/seeds" >"$build/fuzz.out" 2>&1; then
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
echo "fdt: $total passed, $bad failed"
[ $bad -eq 0 ]
