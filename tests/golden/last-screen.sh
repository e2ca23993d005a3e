#!/bin/sh
# last-screen.sh -- of a --plain session on stdin, only the last screen printed
# (from its "[CODE] title" line on): a golden of where a session ends up.
# SPDX-License-Identifier: MIT
awk '/^\[[0-9.]+\] /{buf=""} {buf=buf $0 "\n"} END{printf "%s", buf}'
