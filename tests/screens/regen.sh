#!/bin/sh
# regen.sh -- write every tests/screens/NAME.result anew from ./yibao (review the diff).
# SPDX-License-Identifier: MIT
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
. tests/screens/replay.sh
for k in tests/screens/${1:-*}.keys; do
	name=$(basename "$k" .keys)
	replay "$k" >"tests/screens/$name.result"
	echo "wrote tests/screens/$name.result"
done
