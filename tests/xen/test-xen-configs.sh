#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The checked-in xl configurations (xen-configs/) are what the build generates today.
. "$(dirname "$0")/../lib/common.sh"
if "$ROOT/xen-configs/regen.sh" --check >"$WORK/out" 2>&1; then
	ok "xen-configs/ match the generated xl configurations"
else
	bad "xen-configs/ drifted from the build:"
	sed 's/^/    /' "$WORK/out"
fi
finish
