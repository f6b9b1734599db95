# SPDX-License-Identifier: BSD-3-Clause
# Shared by the bench/*/run.sh scripts (sourced after ROOT and W, a scratch folder, are set).

# build NAME APPDIR FRAGMENT...: a scratch copy of an app in $W/NAME, configured from the
# fragments and built against this checkout (quietly: the caller says what failed).
build() {
	local name="$1" src="$2"
	shift 2
	cp -r "$src" "$W/$name" && rm -rf "$W/$name/build" "$W/$name/.config"
	local frags
	frags="$(IFS=,; echo "$*")"
	make -C "$W/$name" -s LITH_ROOT="$ROOT" UK_ROOT="$ROOT" defconfig DEFCONFIG="$frags" \
		>/dev/null && make -C "$W/$name" -s LITH_ROOT="$ROOT" UK_ROOT="$ROOT" >/dev/null
}

# median: of the numbers on stdin, one per line (of an even count, the lower middle one).
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
