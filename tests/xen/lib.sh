# SPDX-License-Identifier: BSD-3-Clause
# Helpers for tests/xen/test-*.sh (after tests/lib/common.sh): boot images on real Xen
# through tests/xenhost/run.sh, several guests per boot of the Xen test host.
XENHOST="$ROOT/tests/xenhost/run.sh"
XEN_DEF="$ROOT/tests/defconfigs/xen-x86_64"
XEN_PVH_DEF="$ROOT/tests/defconfigs/xen-pvh-x86_64"
XENBOOT_FILES=() # folders to hand over to dom0 (run.sh -f), e.g. for 9pfs
XENBOOT_IMAGES=()
XENBOOT_NAMES=() # of the queued images
XENBOOT_BOOTED=() # of the images of the last xen_boot_all, in guest order

# xen_add IMAGE [NAME]: queue IMAGE (with its generated IMAGE.xl.cfg) for the next
# xen_boot_all; NAME (default: the file name) finds its guest number with xen_n.
xen_add() {
	XENBOOT_IMAGES+=("$1")
	XENBOOT_NAMES+=("${2:-$(basename "$1")}")
}

# xen_n NAME: the guest number of NAME in the last boot, 0 if it was not queued.
xen_n() {
	local i
	for i in "${!XENBOOT_BOOTED[@]}"; do
		[ "${XENBOOT_BOOTED[$i]}" = "$1" ] && { echo $((i + 1)); return; }
	done
	echo 0
}

# xen_boot_all: boots the queued images one after the other in one Xen test host run.
# Guest n's console and run.sh lines go to $WORK/out.n. A guest without a "guest shutdown"
# line (nothing came up, the harness failed) is a test failure, never a skip.
xen_boot_all() {
	local args=() f img n=0 start=$SECONDS
	for f in "${XENBOOT_FILES[@]}"; do
		args+=(-f "$f")
	done
	for img in "${XENBOOT_IMAGES[@]}"; do
		args+=("$img" "$img.xl.cfg")
	done
	"$XENHOST" -t $((120 + 60 * ${#XENBOOT_IMAGES[@]})) "${args[@]}" </dev/null \
		>"$WORK/out.all" 2>&1
	local rc=$?
	echo "Xen test host: ${#XENBOOT_IMAGES[@]} guests, status $rc, $((SECONDS - start)) s"
	grep -h '^xenhost: \(qemu start\|xl create\)' "$WORK/out.all"
	if [ ${#XENBOOT_IMAGES[@]} = 1 ]; then
		cp "$WORK/out.all" "$WORK/out.1"
	else
		awk -v dir="$WORK" '/^xenhost: === guest [0-9]+\// {
			split($4, a, "/"); f = dir "/out." a[1] } f { print > f }' "$WORK/out.all"
	fi
	for img in "${XENBOOT_IMAGES[@]}"; do
		n=$((n + 1))
		touch "$WORK/out.$n"
		if ! grep -q '^xenhost: guest shutdown: ' "$WORK/out.$n"; then
			bad "$(basename "$img"): the Xen test host did not run the guest"
			tail -n 40 "$WORK/out.all" | sed 's/^/    /'
		fi
	done
	XENBOOT_BOOTED=("${XENBOOT_NAMES[@]}")
	XENBOOT_IMAGES=()
	XENBOOT_NAMES=()
}

# xen_status N: the exit code run.sh reported for guest N (124 if none).
xen_status() {
	local c
	c=$(sed -n 's/^xenhost: guest shutdown: .* -> exit \([0-9]*\)$/\1/p' "$WORK/out.$1" | tail -n 1)
	echo "${c:-124}"
}
