#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Scheduler and memory benchmark on linuxu (not part of tests/run). Prints:
#   - context switch cost (ns and TSC cycles), thread create+join, semaphore round trip,
#     for the cooperative and the preemptive scheduler;
#   - malloc/free pairs per second, Lith's TLSF against the host's glibc, same workload;
#   - memory used at idle by helloworld: kernel heap in use at main, and the process's
#     peak resident set (linuxu).
# usage: bench/sched/run.sh
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
W="$(mktemp -d "${TMPDIR:-/tmp}/lith-bench.XXXXXX")"
trap 'rm -rf "$W"' EXIT
DEF="$ROOT/tests/defconfigs/linuxu-x86_64"

. "$ROOT/bench/lib.sh"

printf 'CONFIG_LIBSCHED_PREEMPT=y\n' >"$W/preempt.frag"
build coop "$ROOT/bench/sched/app" "$DEF" || { echo "bench: app does not build" >&2; exit 1; }
build preempt "$ROOT/bench/sched/app" "$DEF" "$W/preempt.frag" || exit 1
build hello "$ROOT/apps/helloworld" "$DEF" || exit 1
gcc -O2 -o "$W/malloc-host" "$ROOT/bench/sched/malloc-host.c" || exit 1

echo "== cooperative"
"$W/coop/build/coop_linuxu-x86_64" | grep '^bench:'
echo "== preemptive"
"$W/preempt/build/preempt_linuxu-x86_64" | grep '^bench:'
echo "== glibc (host)"
"$W/malloc-host"
echo "== helloworld at idle"
img="$W/hello/build/hello_linuxu-x86_64"
printf 'bench: helloworld_image %s bytes\n' "$(stat -c %s "$img")"
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f 'bench: helloworld_peak_rss %M KiB' "$img" 2>&1 >/dev/null | grep '^bench:'
else
	echo "bench: /usr/bin/time missing: no RSS figure"
fi
