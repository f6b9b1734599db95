#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Runs the device-tree reader's unit tests (both builds) and a bounded fuzz run seeded with
# the trees the tests use; sums up in one last line. usage: run.sh BUILD FUZZ_SECONDS CLANG MAKE
set -uo pipefail
build="$1" secs="$2" clang="$3" make="$4"
. "$(dirname "$0")/../lib.sh"
dtbs=("$build/dtb/virt-gicv3.dtb" "$build/dtb/virt-gicv2.dtb")

for v in o2 asan; do
	unit_run fdt $v "$build/$v/test_fdt" "${dtbs[@]}"
done

# The fuzzer: mutations of the virt trees (compacted) and of the tests' own trees.
if command -v "$clang" >/dev/null && "$make" -s fuzz >"$build/fuzz.log" 2>&1; then
	rm -rf "$build/seeds"
	mkdir -p "$build/corpus" "$build/seeds"
	"$build/o2/test_fdt" --seeds "$build/seeds" "${dtbs[@]}"
	unit_fuzz "$secs" "$build/fuzz.out" "$build/fuzz/fuzz_fdt" -max_len=16384 \
		"$build/corpus" "$build/seeds"
else
	echo "[fuzz] clang with libFuzzer is not available: fuzz run skipped ($build/fuzz.log)"
fi
unit_finish fdt
