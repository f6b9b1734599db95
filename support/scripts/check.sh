#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Style and lint for Lith's C: clang-format (the project's .clang-format) and cppcheck.
# usage: check.sh [--fix]   (--fix rewrites files with clang-format instead of failing)
set -euo pipefail
cd "$(dirname "$0")/../.."

mapfile -t files < <(git ls-files -co --exclude-standard -- '*.c' '*.h' | grep -v '^tests/out/' |
	while read -r f; do [ -f "$f" ] && echo "$f"; done)
status=0

if [ "${1:-}" = --fix ]; then
	clang-format -i "${files[@]}"
	exit 0
fi

echo "check: clang-format on ${#files[@]} files"
if ! clang-format --dry-run -Werror "${files[@]}" 2>/tmp/lith-format.$$; then
	grep -m 20 'warning\|error' /tmp/lith-format.$$ >&2 || true
	echo "check: formatting differs: run support/scripts/check.sh --fix" >&2
	status=1
fi
rm -f /tmp/lith-format.$$

echo "check: cppcheck"
incs=(-I include)
for d in libs/*/include arch/*/include platforms/*/include; do
	[ -d "$d" ] && incs+=(-I "$d")
done
kernel_files=()
for f in "${files[@]}"; do
	case "$f" in tests/*|bench/*|tools/*) ;; *.c) kernel_files+=("$f") ;; esac
done
if ! cppcheck -q --enable=warning,portability --error-exitcode=1 --inline-suppr \
	--suppress=missingIncludeSystem --suppress=comparePointers -D__GNUC__ -DCONFIG_LIBDEBUG=1 "${incs[@]}" \
	"${kernel_files[@]}"; then
	echo "check: cppcheck found problems" >&2
	status=1
fi
[ $status = 0 ] && echo "check: clean"
exit $status
