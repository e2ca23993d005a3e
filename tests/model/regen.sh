#!/bin/sh
# regen.sh -- write tests/model/NAME.ref again from build/tests/model_run (all, or the NAMEs given).
# Only after a change meant to show: read the diff (git diff tests/model) before committing.
# SPDX-License-Identifier: MIT
set -eu
cd "$(dirname "$0")/../.."
make --no-print-directory build/tests/model_run
export LANG=C.UTF-8
unset LC_ALL LC_CTYPE
export TZ=Asia/Shanghai YIBAO_TODAY=2026-12-07 # as tests/run.sh: one fixed day
for k in ${*:-tests/model/*.keys}; do
	k=tests/model/$(basename "$k" .keys).keys
	build/tests/model_run "$k" >"${k%.keys}.ref"
	echo "wrote ${k%.keys}.ref"
done
