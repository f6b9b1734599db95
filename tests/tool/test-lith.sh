#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The lith tool: builds it (and its ASan/UBSan variant), takes helloworld from kraft.yaml to
# a running image, checks what 'lith run -D' would run on each platform, and feeds it a
# table of malformed kraft.yaml files (tests/tool/malformed/*.yaml, each with its expected
# message as a regex on its first line) and truncated/mutated files: each must fail with the
# right message, never crash.
. "$(dirname "$0")/../lib/common.sh"
T="$ROOT/tests/tool"

if make -C "$ROOT/tools/lith" all asan >"$WORK/make.log" 2>&1; then
	ok "lith and lith-asan build with -Wall -Wextra -Werror"
else
	bad "lith builds"
	cat "$WORK/make.log"
	finish
fi
LITH="$ROOT/tools/lith/build/lith"
LITH_ASAN="$ROOT/tools/lith/build/lith-asan"
export ASAN_OPTIONS=abort_on_error=0:exitcode=99 UBSAN_OPTIONS=halt_on_error=1:exitcode=99

# lith_in DIR ARGS...: run lith in an application folder; output in $WORK/out, $status.
lith_in() {
	local dir="$1"
	shift
	(cd "$dir" && timeout -k 5 "${RUN_TIMEOUT:-120}" "$LITH" "$@") </dev/null >"$WORK/out" 2>&1
	status=$?
}

# lith list: what the tree offers.
lith_in "$ROOT" list
expect_eq "lith list exits 0" "$status" 0
for w in kvm linuxu xen; do
	expect_grep "lith list names platform $w" "$WORK/out" "^  $w +[A-Z]"
done
expect_grep "lith list names architecture x86_64" "$WORK/out" '^  x86_64 +x86 compatible'
for w in alloc boot debug nolibc; do
	expect_grep "lith list names library $w" "$WORK/out" "^  $w +[a-z]"
done

# helloworld from its kraft.yaml: configure, build, run on linuxu.
app="$(app_copy "$ROOT/apps/helloworld" helloworld)"
lith_in "$app" run
expect_grep "run before configure says what to do" "$WORK/out" \
	"not configured: run 'lith configure', then 'lith build' first"
[ "$status" -ne 0 ] && ok "run before configure fails" || bad "run before configure: status 0"
lith_in "$app" configure
expect_eq "lith configure exits 0" "$status" 0
expect_grep "configure reports the platforms" "$WORK/out" \
	'^lith: configured helloworld for x86_64: linuxu, kvm, xen'
for s in CONFIG_ARCH_X86_64=y CONFIG_PLAT_LINUXU=y CONFIG_PLAT_KVM=y CONFIG_PLAT_XEN=y \
	'CONFIG_APP_NAME="helloworld"'; do
	expect_grep ".config has $s" "$app/.config" "^$s\$"
done
lith_in "$app" run
expect_grep "run before build says what to do" "$WORK/out" \
	"build/helloworld_linuxu-x86_64 is not built yet: run 'lith build' first"
[ "$status" -ne 0 ] && ok "run before build fails" || bad "run before build: status 0"
lith_in "$app" build
expect_eq "lith build exits 0" "$status" 0
for p in linuxu kvm xen; do
	[ -x "$app/build/helloworld_$p-x86_64" ] && ok "image for $p built" || bad "no $p image"
done
lith_in "$app" run
expect_eq "lith run (linuxu) exits 0" "$status" 0
expect_grep "lith run prints Hello world!" "$WORK/out" '^Hello world!$'

# -D: what would run, on each platform.
lith_in "$app" run -D -- one "two words"
expect_eq "run -D exits 0" "$status" 0
expect_grep "linuxu -D: the image with the arguments" "$WORK/out" \
	"^$app/build/helloworld_linuxu-x86_64 one 'two words'\$"
lith_in "$app" run -p kvm -M 64 -D -- one "two words"
expect_eq "kvm run -D exits 0" "$status" 0
expect_grep "kvm -D: tools/qemu-guest with kernel, args, memory" "$WORK/out" \
	"^$ROOT/tools/qemu-guest -k $app/build/helloworld_kvm-x86_64 -a '-- one \"two words\"' -m 64\$"
expect_grep "kvm -D: the QEMU command" "$WORK/out" \
	"^qemu-system-x86_64 -M pc .*-m 64 -kernel $app/build/helloworld_kvm-x86_64 .*isa-debug-exit"
lith_in "$app" run -p xen -M 48 -D -- one "two words"
expect_eq "xen run -D exits 0" "$status" 0
cfg="$app/build/lith/helloworld_xen-x86_64.xl.cfg"
expect_grep "xen -D: names the xl config" "$WORK/out" "^# $cfg\$"
expect_grep "xl config: name" "$WORK/out" '^name = "helloworld"$'
expect_grep "xl config: type" "$WORK/out" '^type = "pv"$'
expect_grep "xl config: kernel" "$WORK/out" "^kernel = \"$app/build/helloworld_xen-x86_64\"\$"
expect_grep "xl config: memory from -M" "$WORK/out" '^memory = 48$'
expect_grep "xl config: arguments after --" "$WORK/out" '^extra = "-- one \\"two words\\""$'
expect_grep "xl config: on_poweroff preserved for the exit status" "$WORK/out" \
	'^on_poweroff = "preserve"$'
if command -v xl >/dev/null; then
	expect_grep "xen -D: xl create -c" "$WORK/out" "^xl create -c $cfg\$"
else
	expect_grep "xen -D: xl create -c (and a note: no xl here)" "$WORK/out" "^xl create -c $cfg\$"
	lith_in "$app" run -p xen
	expect_grep "xen without xl says how to use the Xen test host" "$WORK/out" \
		"tests/xenhost/run.sh $app/build/helloworld_xen-x86_64 $cfg"
	[ "$status" -ne 0 ] && ok "xen without xl fails" || bad "xen without xl: status 0"
fi
lith_in "$app" run -p xen --xenhost -D
expect_grep "xen --xenhost -D: the Xen test host command" "$WORK/out" \
	"^$ROOT/tests/xenhost/run.sh $app/build/helloworld_xen-x86_64 $cfg\$"
if [ -x "$ROOT/tools/qemu-guest" ] && command -v qemu-system-x86_64 >/dev/null; then
	lith_in "$app" run -p kvm
	expect_eq "lith run -p kvm exits 0" "$status" 0
	expect_grep "kvm prints Hello world!" "$WORK/out" 'Hello world!'
else
	echo "note: tools/qemu-guest or QEMU missing: kvm checked with -D only"
fi

# The guest's exit status is lith's.
app="$(app_copy "$ROOT/tests/apps/status" status)"
printf '%s\n' "specification: '0.5'" "name: status" "targets:" \
	"  - {architecture: x86_64, platform: linuxu}" >"$app/kraft.yaml"
lith_in "$app" build
expect_eq "build without .config configures first" "$status" 0
lith_in "$app" run -- 7
expect_eq "lith run exits with main's status" "$status" 7

# Kconfig drops: reported at their place in kraft.yaml, naming the symbol.
app="$(app_copy "$ROOT/apps/helloworld" drops)"
cat >"$app/kraft.yaml" <<'YAML'
specification: '0.5'
name: drops
lith:
  kconfig:
    - CONFIG_LIBDEBUG_PRINTK_INFO=y
    - CONFIG_LIBVIRTIO=y
targets:
  - architecture: x86_64
    platform: linuxu
libraries:
  nolibc:
    kconfig:
      CONFIG_NO_SUCH_THING: y
YAML
lith_in "$app" configure
[ "$status" -ne 0 ] && ok "a dropped kconfig entry fails configure" || bad "dropped: status 0"
expect_grep "unmet dependency named at its line" "$WORK/out" \
	"^kraft\.yaml:6:7: error: CONFIG_LIBVIRTIO=y was dropped \(now 'n'\): unmet dependency: \
depends on PLAT_KVM\$"
expect_grep "unknown symbol named at its line" "$WORK/out" \
	'^kraft\.yaml:13:7: error: CONFIG_NO_SUCH_THING: unknown symbol$'
lith_in "$app" configure -p xen -m arm64
expect_grep "an option's drop names the option" "$WORK/out" \
	"^lith configure -p xen: error: CONFIG_PLAT_XEN=y was dropped .*depends on ARCH_X86_64"
lith_in "$app" configure -p kvmm
expect_eq "unknown -p is a usage error" "$status" 2
expect_grep "unknown -p names the valid ones" "$WORK/out" \
	"unknown platform 'kvmm' \(-p; valid: kvm, linuxu, xen\)"
lith_in "$app" frobnicate
expect_eq "unknown command is a usage error" "$status" 2
expect_grep "unknown command names the valid ones" "$WORK/out" "valid: configure, menuconfig"

# Volumes: a missing folder is an error; kvm shares each volume with its name as the tag.
app="$(app_copy "$ROOT/apps/helloworld" vols)"
cat >"$app/kraft.yaml" <<'YAML'
specification: '0.5'
name: vols
targets:
  - architecture: x86_64
    platform: kvm
  - architecture: x86_64
    platform: xen
volumes:
  fs0:
    driver: 9pfs
    source: ./guest_fs
  data:
    driver: 9pfs
    source: /nonexistent-lith-folder
YAML
lith_in "$app" configure
expect_grep "configure warns of a missing volume folder" "$WORK/out" \
	"^kraft\.yaml:14:13: warning: volume 'data': folder /nonexistent-lith-folder does not exist"
lith_in "$app" build
mkdir -p "$app/guest_fs"
lith_in "$app" run -p kvm
expect_grep "run: a missing volume folder is an error" "$WORK/out" \
	"^kraft\.yaml:14:13: error: volume 'data': folder /nonexistent-lith-folder does not exist\$"
[ "$status" -ne 0 ] && ok "missing volume folder fails" || bad "missing volume: status 0"
lith_in "$app" run -p kvm -D
expect_grep "kvm -D: fs0 is qemu-guest's 9p share" "$WORK/out" \
	"qemu-guest -k $app/build/vols_kvm-x86_64 -e $app/guest_fs -- -fsdev "
expect_grep "kvm -D: another volume is tagged by its name" "$WORK/out" \
	"-fsdev local,id=data,path=/nonexistent-lith-folder,security_model=none \
-device virtio-9p-pci,fsdev=data,mount_tag=data"
lith_in "$app" run -p xen -D
expect_grep "xen -D: volumes as p9 shares" "$WORK/out" \
	"^p9 = \[ \"tag=fs0,security_model=none,path=$app/guest_fs\", \"tag=data,"

# fs-read on linuxu: the volume is the hostfs root (lith.root=).
if [ -d "$ROOT/apps/fs-read" ]; then
	app="$(app_copy "$ROOT/apps/fs-read" fsread)"
	rm -f "$app/kraft.yaml"
	printf '%s\n' "specification: '0.5'" "name: fs-read" "lith:" "  kconfig:" \
		"    - CONFIG_LIBVFS=y" "    - CONFIG_LIBVFS_ROOTFS_HOSTFS=y" "targets:" \
		"  - {architecture: x86_64, platform: linuxu}" "volumes:" \
		"  fs0: {driver: 9pfs, source: ./guest_fs}" >"$app/kraft.yaml"
	lith_in "$app" build
	expect_eq "fs-read (linuxu, hostfs) builds" "$status" 0
	lith_in / -C "$app" run
	expect_eq "fs-read runs from another folder" "$status" 0
	expect_grep "fs-read prints the grass line" "$WORK/out" \
		'^File contents: The grass is green!$'
fi
# The seed's fs-read kraft.yaml (9pfs on kvm), once 9pfs has landed (LIBVFS_ROOTFS_9PFS
# selects LIB9PFS).
if [ -f "$ROOT/apps/fs-read/kraft.yaml" ] &&
	grep -Eqs '^(menu)?config LIB9PFS$' "$ROOT"/libs/*/Config.uk; then
	app="$(app_copy "$ROOT/apps/fs-read" fsread9p)"
	lith_in "$app" build
	expect_eq "fs-read from its kraft.yaml builds for kvm" "$status" 0
	lith_in "$app" run
	expect_eq "fs-read on kvm exits 0" "$status" 0
	expect_grep "fs-read on kvm prints the grass line" "$WORK/out" \
		'File contents: The grass is green!'
else
	echo "note: no LIB9PFS in libs/ yet: apps/fs-read/kraft.yaml (9pfs on kvm) not run"
fi

# Malformed files: the right message, a non-zero status, never a crash; also under ASan.
app="$(app_copy "$ROOT/apps/helloworld" bad)"
printf 'specification: 0.5\nname: x\xff\n' >"$WORK/99-invalid-utf8.yaml"
printf '%s\n' '# expect: ^kraft\.yaml:[0-9]+:[0-9]+: error: nested more than 64 levels deep' \
	"$(printf 'a: %.0s[' $(seq 200))" >"$WORK/98-deep.yaml"
bad_files=("$T"/malformed/*.yaml "$WORK/98-deep.yaml" "$WORK/99-invalid-utf8.yaml")
n=0
for tool in "$LITH" "$LITH_ASAN"; do
	for f in "${bad_files[@]}"; do
		name="$(basename "$tool") $(basename "$f" .yaml)"
		re="$(sed -n '1s/^# expect: //p' "$f")"
		[ -n "$re" ] || re='^kraft\.yaml:2:8: error: YAML syntax: invalid (leading )?UTF-8'
		cp "$f" "$app/kraft.yaml"
		(cd "$app" && "$tool" configure) </dev/null >"$WORK/out" 2>&1
		status=$?
		if [ $status -ne 1 ]; then
			bad "$name: status $status, want 1"
			cat "$WORK/out"
		elif ! grep -Eq -- "$re" "$WORK/out" || grep -q 'Sanitizer' "$WORK/out"; then
			bad "$name: no line matches /$re/ (or a sanitizer report):"
			sed 's/^/    /' "$WORK/out"
		else
			n=$((n + 1))
		fi
	done
done
[ "$n" -eq $((2 * ${#bad_files[@]})) ] &&
	ok "$n malformed-file cases give their message (lith and lith-asan)"

# Fuzz-ish: every truncation of a full kraft.yaml, and deterministic byte mutations, under
# ASan: any status but a crash (>= 128) or a sanitizer report (99).
cat >"$WORK/full.yaml" <<'YAML'
specification: '0.5'
name: full
unikraft:
  version: '0.5'
  kconfig:
    - CONFIG_LIBDEBUG_PRINTK_INFO=y
targets:
  - architecture: x86_64
    platform: linuxu
libraries:
  nolibc:
    version: '0.5'
    kconfig: {CONFIG_LIBNOLIBC: y}
volumes:
  fs0: {driver: 9pfs, source: ./guest_fs}
YAML
size=$(stat -c %s "$WORK/full.yaml")
crashes=0
runs=0
mkdir -p "$WORK/fz"
for ((i = 0; i < size; i += 2)); do
	head -c "$i" "$WORK/full.yaml" >"$WORK/fz/$i.yaml"
done
RANDOM=42
for ((i = 0; i < 120; i++)); do
	off=$((RANDOM % size))
	byte=$(printf '%03o' $((RANDOM % 256)))
	{ head -c "$off" "$WORK/full.yaml"; printf "\\$byte"; tail -c +$((off + 2)) "$WORK/full.yaml"; } \
		>"$WORK/fz/m$i.yaml"
done
for f in "$WORK"/fz/*.yaml; do
	# -f and run -D: parses the file without running make.
	"$LITH_ASAN" -C "$app" -f "$f" run -D </dev/null >"$WORK/out" 2>&1
	status=$?
	runs=$((runs + 1))
	if [ $status -ge 99 ] || grep -q Sanitizer "$WORK/out"; then
		crashes=$((crashes + 1))
		if [ $crashes -le 3 ]; then
			bad "crash on $(basename "$f") (status $status)"
			head -n 20 "$WORK/out"
		fi
	fi
done
expect_eq "no crash in $runs truncated/mutated files (ASan/UBSan)" "$crashes" 0

# clean: build/ goes; --all: .config too.
lith_in "$WORK/helloworld" clean
[ ! -e "$WORK/helloworld/build" ] && ok "lith clean removes build/" || bad "build/ is still there"
lith_in "$WORK/helloworld" clean --all
[ ! -e "$WORK/helloworld/.config" ] && ok "lith clean --all removes .config" || bad ".config stays"
finish
