#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Build (or reuse) the boot files of the Xen test host: the Xen hypervisor
# (xen), the dom0 kernel (vmlinuz) and dom0's initramfs (dom0.cpio.gz), all
# from Debian packages fetched with `apt-get download` and unpacked with
# `dpkg -x`; nothing is installed on the host.
#
# Usage: build-dom0.sh [--no-9p] [--force] [--prune] [-q]
#   --no-9p  leave out the xen-9pfs backend (QEMU as Xen device model, about
#            10 MB of the image); also LITH_XENHOST_9P=0
#   --force  rebuild even when the cache holds this recipe
#   --prune  afterwards delete the builds of other recipes (and with them
#            the other 9p variant) and .debs no longer in use
#   -q       no progress messages
# Prints the build directory on stdout:
#   ${LITH_CACHE:-$HOME/.cache/lith}/xenhost/<recipe hash>/
# with xen, vmlinuz, dom0.cpio.gz, busybox (a static host tool for run.sh)
# and manifest.txt (package versions). With lz4 and xz on the host also
# vmlinuz.lz4 (the same kernel, its payload recompressed: Xen unpacks it in
# milliseconds instead of seconds) and dom0.cpio.lz4 (unpacks faster).
# The recipe hash covers this script, packages.list, dom0-init.sh and the 9p
# switch: a changed recipe rebuilds, an unchanged one is reused at once.
# Downloaded .debs are kept in xenhost/debs/ for every recipe.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pkglist=$here/packages.list
initscript=$here/dom0-init.sh
cache=${LITH_CACHE:-$HOME/.cache/lith}/xenhost
with_9p=${LITH_XENHOST_9P:-1}
force=0
prune=0
quiet=0

usage() {
	awk '/^# Usage/ { p = 1 } /^set -e/ { exit } p { sub(/^# ?/, ""); print }' \
		"${BASH_SOURCE[0]}" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case "$1" in
	--no-9p) with_9p=0 ;;
	--force) force=1 ;;
	--prune) prune=1 ;;
	-q) quiet=1 ;;
	-h | --help) usage ;;
	*)
		echo "build-dom0.sh: unknown argument: $1" >&2
		usage
		;;
	esac
	shift
done
[ "$with_9p" = 0 ] || with_9p=1

log() {
	[ "$quiet" = 1 ] || echo "build-dom0: $*" >&2
}

fail() {
	echo "build-dom0: error: $*" >&2
	exit 1
}

for f in "$pkglist" "$initscript"; do
	[ -f "$f" ] || fail "missing recipe file $f"
done

hash=$({
	echo "9p=$with_9p"
	cat "${BASH_SOURCE[0]}" "$pkglist" "$initscript"
} | sha256sum | cut -c1-16)
out=$cache/$hash

prune_cache() {
	local d keep
	for d in "$cache"/*/; do
		d=${d%/}
		case "${d##*/}" in
		"$hash" | debs) ;;
		tmp.*)
			# Another build may be running: only drop stale ones.
			if [ -n "$(find "$d" -maxdepth 0 -mmin +60)" ]; then
				rm -rf "$d"
			fi
			;;
		*)
			log "pruning $d"
			rm -rf "$d"
			;;
		esac
	done
	[ -f "$out/manifest.txt" ] || return 0
	for d in "$cache"/debs/*.deb; do
		[ -e "$d" ] || continue
		keep=$(grep -Fxc "${d##*/}" "$out/manifest.txt" || true)
		[ "$keep" != 0 ] || rm -f "$d"
	done
}

if [ "$force" = 0 ] && [ -f "$out/.complete" ]; then
	[ "$prune" = 0 ] || prune_cache
	echo "$out"
	exit 0
fi

for t in apt-get apt-cache dpkg-deb readelf sha256sum gzip od dd; do
	command -v "$t" >/dev/null || fail "needs '$t' on the host"
done

mkdir -p "$cache/debs"
# One builder at a time per cache; the loser of a race reuses the result.
if command -v flock >/dev/null; then
	exec 9>"$cache/.lock"
	flock 9
	if [ "$force" = 0 ] && [ -f "$out/.complete" ]; then
		echo "$out"
		exit 0
	fi
fi

start=$SECONDS
tmp=$(mktemp -d "$cache/tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --- the package set -------------------------------------------------------
pkgs=()
kernel_meta=
while read -r group name _; do
	case "$group" in
	'' | '#'*) continue ;;
	base) pkgs+=("$name") ;;
	9p) [ "$with_9p" = 1 ] && pkgs+=("$name") ;;
	kernel) kernel_meta=$name ;;
	*) fail "packages.list: unknown group '$group'" ;;
	esac
done <"$pkglist"
[ -n "$kernel_meta" ] || fail "packages.list names no kernel package"
kernel_pkg=$(apt-cache depends "$kernel_meta" 2>/dev/null |
	awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }')
[ -n "$kernel_pkg" ] ||
	fail "cannot resolve $kernel_meta to a linux-image package (apt-get update?)"
pkgs+=("$kernel_pkg")

# Candidate versions -> the file names apt-get download uses.
declare -A debfile
while read -r p v a; do
	debfile[$p]=${p}_${v//:/%3a}_${a}.deb
done < <(apt-cache show --no-all-versions "${pkgs[@]}" 2>/dev/null |
	awk '/^Package:/ { p = $2 } /^Version:/ { v = $2 }
	     /^Architecture:/ { print p, v, $2 }')
missing=()
for p in "${pkgs[@]}"; do
	[ -n "${debfile[$p]:-}" ] || fail "package '$p' not known to apt"
	[ -f "$cache/debs/${debfile[$p]}" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	log "downloading ${#missing[@]} packages into $cache/debs"
	(cd "$cache/debs" &&
		apt-get -q -o APT::Sandbox::User=root download "${missing[@]}" \
			>"$tmp/apt.log" 2>&1) ||
		{
			cat "$tmp/apt.log" >&2
			fail "apt-get download failed"
		}
	for p in "${missing[@]}"; do
		[ -f "$cache/debs/${debfile[$p]}" ] ||
			fail "apt-get download did not produce ${debfile[$p]}"
	done
fi

# --- unpack ----------------------------------------------------------------
log "unpacking ${#pkgs[@]} packages"
root=$tmp/root
mkdir -p "$root"
for p in "${pkgs[@]}"; do
	deb=$cache/debs/${debfile[$p]}
	if [ "$p" = "$kernel_pkg" ]; then
		# Only the kernel and the few modules dom0 loads (the full
		# module tree is ~400 MB).
		dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$root" --wildcards \
			'./boot/vmlinuz-*' './lib/modules/*/kernel/drivers/xen/*' \
			'./lib/modules/*/kernel/drivers/net/xen-netback/*' \
			'./lib/modules/*/kernel/drivers/block/*' \
			'./lib/modules/*/kernel/net/llc/*' \
			'./lib/modules/*/kernel/net/802/*' \
			'./lib/modules/*/kernel/net/bridge/*'
	else
		dpkg -x "$deb" "$root"
	fi
done

# --- hypervisor and dom0 kernel --------------------------------------------
one() {
	# The single file a glob names.
	if [ $# -ne 1 ] || [ ! -e "$1" ]; then
		fail "expected exactly one file: $*"
	fi
	echo "$1"
}
zcat "$(one "$root"/boot/xen-4.17-amd64.gz)" >"$tmp/xen"
cp "$(one "$root"/boot/vmlinuz-*)" "$tmp/vmlinuz"

# Xen unpacks dom0's bzImage itself; under TCG its xz takes seconds, lz4 a
# few ms. Repack the payload (xz -> lz4 legacy frame + le32 size) and fix
# payload_length (0x24c) and syssize (0x1f4) in the boot protocol header.
le32() {
	od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '
}
put_le32() {
	# put_le32 FILE OFFSET VALUE
	printf '%b' "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' \
		$(($3 & 255)) $(($3 >> 8 & 255)) $(($3 >> 16 & 255)) \
		$(($3 >> 24 & 255)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
repack_kernel() {
	local in=$1 out=$2 setup pm po pl size
	[ "$(dd if="$in" bs=1 skip=514 count=4 status=none)" = HdrS ] ||
		return 1
	setup=$(od -An -tu1 -j 497 -N1 "$in" | tr -d ' ')
	pm=$(((setup + 1) * 512))
	po=$(le32 "$in" 584)
	pl=$(le32 "$in" 588)
	tail -c +$((pm + po + 1)) "$in" | head -c "$pl" >"$tmp/payload"
	[ "$(head -c 6 "$tmp/payload" | od -An -tx1 | tr -d ' ')" = fd377a585a00 ] ||
		return 1
	xz -dc --single-stream "$tmp/payload" >"$tmp/vmlinux" || return 1
	size=$(stat -c %s "$tmp/vmlinux")
	[ "$size" = "$(le32 "$tmp/payload" $((pl - 4)))" ] || return 1
	lz4 -q -l -c "$tmp/vmlinux" >"$tmp/payload.lz4" || return 1
	head -c $((pm + po)) "$in" >"$out"
	cat "$tmp/payload.lz4" >>"$out"
	put_le32 "$out" $((pm + po + $(stat -c %s "$tmp/payload.lz4"))) "$size"
	put_le32 "$out" 588 $(($(stat -c %s "$tmp/payload.lz4") + 4))
	put_le32 "$out" 500 $((($(stat -c %s "$out") - pm + 15) / 16))
	rm -f "$tmp/payload" "$tmp/payload.lz4" "$tmp/vmlinux"
}
fast=0
if command -v lz4 >/dev/null && command -v xz >/dev/null; then
	fast=1
	repack_kernel "$tmp/vmlinuz" "$tmp/vmlinuz.lz4" ||
		fail "cannot repack $kernel_pkg's bzImage with an lz4 payload"
else
	log "no lz4/xz on the host: boots will be slower (apt-get install lz4 xz-utils)"
fi
bb=$(one "$root/bin/busybox")
cp "$bb" "$tmp/busybox"

# --- dom0 initramfs --------------------------------------------------------
ird=$tmp/initrd
mkdir -p "$ird"/{bin,sbin,usr/bin,usr/sbin,lib64,lib/x86_64-linux-gnu} \
	"$ird"/{lib/modules/xen,etc/xen,proc,sys,dev,run,var,tmp,root,guest} \
	"$ird"/usr/lib/xen-4.17/bin
libdir=$ird/lib/x86_64-linux-gnu

cp "$bb" "$ird/bin/busybox"
while read -r applet; do
	[ -e "$ird/$applet" ] || ln -s /bin/busybox "$ird/$applet"
done < <("$bb" --list-full)

loader=$(one "$root"/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2)
cp "$loader" "$libdir/"
ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$ird/lib64/"

elfs=()
for b in xl xenstored xenconsoled xenconsole xen-init-dom0; do
	cp "$(one "$root/usr/lib/xen-4.17/bin/$b")" "$ird/usr/lib/xen-4.17/bin/"
	elfs+=("$ird/usr/lib/xen-4.17/bin/$b")
done
cp "$(one "$root/usr/bin/xenstore")" "$ird/usr/bin/"
elfs+=("$ird/usr/bin/xenstore")
for c in read write exists list ls rm chmod watch; do
	ln -s xenstore "$ird/usr/bin/xenstore-$c"
done
if [ "$with_9p" = 1 ]; then
	mkdir -p "$ird/usr/libexec" "$ird/usr/share/qemu/keymaps"
	cp "$(one "$root/usr/libexec/xen-qemu-system-i386")" "$ird/usr/libexec/"
	elfs+=("$ird/usr/libexec/xen-qemu-system-i386")
	cp "$(one "$root/usr/share/qemu/keymaps/en-us")" \
		"$ird/usr/share/qemu/keymaps/"
fi

# Shared libraries: walk DT_NEEDED from the binaries through the libraries.
find_lib() {
	local d
	for d in lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu lib usr/lib; do
		if [ -e "$root/$d/$1" ]; then
			echo "$root/$d/$1"
			return 0
		fi
	done
	return 1
}
queue=("${elfs[@]}")
while [ ${#queue[@]} -gt 0 ]; do
	f=${queue[0]}
	queue=("${queue[@]:1}")
	while read -r lib; do
		[ -e "$libdir/$lib" ] && continue
		src=$(find_lib "$lib") ||
			fail "library $lib (needed by ${f#"$ird"}) is in no package of packages.list"
		cp -L "$src" "$libdir/$lib"
		queue+=("$libdir/$lib")
	done < <(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p')
done
# Check with the unpacked loader that every library resolves inside the image.
for f in "${elfs[@]}"; do
	bad=$("$loader" --library-path "$libdir" --list "$f" 2>&1 |
		awk -v d="$libdir" '/=>/ && $1 !~ /ld-linux/ && $3 !~ "^" d { print }
		                    /not found/ { print }') || true
	[ -z "$bad" ] || fail "unresolved libraries for ${f#"$ird"}: $bad"
done

mods=(xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs
	loop llc stp bridge xen-netback xen-blkback)
for m in "${mods[@]}"; do
	ko=$(find "$root/lib/modules" -name "$m.ko" | head -n 1)
	[ -n "$ko" ] || fail "kernel module $m.ko not found in $kernel_pkg"
	cp "$ko" "$ird/lib/modules/xen/"
done

: >"$ird/etc/xen/xl.conf"
echo 'root:x:0:0:root:/root:/bin/sh' >"$ird/etc/passwd"
echo 'root:x:0:' >"$ird/etc/group"
cp "$initscript" "$ird/init"
chmod 755 "$ird/init"

log "packing dom0.cpio.gz"
(cd "$ird" && find . | LC_ALL=C sort | "$bb" cpio -o -H newc -R 0:0 2>/dev/null) \
	>"$tmp/dom0.cpio"
gzip -6 -c "$tmp/dom0.cpio" >"$tmp/dom0.cpio.gz"
# dom0 unpacks lz4 twice as fast as gzip. The legacy lz4 frame has no end
# marker, so run.sh must put this archive last.
[ "$fast" = 1 ] && lz4 -q -l -c "$tmp/dom0.cpio" >"$tmp/dom0.cpio.lz4"
rm -f "$tmp/dom0.cpio"

{
	echo "# Xen test host, recipe $hash, built $(date -u +%FT%TZ)"
	echo "9p=$with_9p"
	for p in "${pkgs[@]}"; do
		echo "${debfile[$p]}"
	done
	echo "# sizes"
	(cd "$tmp" && ls -l xen vmlinuz* dom0.cpio.*)
} >"$tmp/manifest.txt"

rm -rf "$root" "$ird" "$tmp/apt.log"
touch "$tmp/.complete"
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
[ "$prune" = 0 ] || prune_cache
log "built $out in $((SECONDS - start)) s ($(du -h "$out/dom0.cpio.gz" | cut -f1) initramfs)"
echo "$out"
