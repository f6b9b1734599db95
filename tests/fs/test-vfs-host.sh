#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# libs/vfs on the host: the core, ramfs, devfs and the initrd reader built as the kernel
# builds them (freestanding, nolibc's headers), driven by tests/fs/host/test_vfs.c under
# ASan+UBSan.
. "$(dirname "$0")/../lib/common.sh"
H="$ROOT/tests/fs/host"
GCCINC="$(gcc -print-file-name=include)"
SAN=(-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
LIBF=(-std=gnu11 -ffreestanding -fno-builtin -nostdinc -isystem "$GCCINC" -include "$H/config.h"
	-I"$ROOT/include" -I"$ROOT/libs/vfs/include" -I"$ROOT/libs/alloc/include"
	-I"$ROOT/libs/debug/include" -I"$ROOT/libs/boot/include" -I"$ROOT/libs/nolibc/include"
	-Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Werror)
objs=()
ok_build=1
for src in "$ROOT/libs/vfs/vfs.c" "$ROOT/libs/vfs/devfs.c" "$ROOT/libs/vfs/cpio.c" "$H/glue.c"; do
	o="$WORK/$(basename "$src" .c).o"
	gcc "${LIBF[@]}" "${SAN[@]}" -I"$ROOT/libs/vfs" -c "$src" -o "$o" || ok_build=0
	objs+=("$o")
done
if [ $ok_build = 1 ] && gcc -std=gnu11 "${SAN[@]}" -Wall -Wextra -Werror -I"$ROOT/include" \
	-I"$ROOT/libs/vfs/include" "$H/test_vfs.c" "${objs[@]}" -o "$WORK/test_vfs"; then
	ok "libs/vfs builds for the host"
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 run_status "$WORK/test_vfs"
	cat "$WORK/out"
	expect_eq "test_vfs exit status" "$status" 0
	expect_grep "every VFS check passed" "$WORK/out" '^vfs: [0-9]+ passed, 0 failed$'
else
	bad "libs/vfs builds for the host"
fi
finish
