# copycheck.sh -- no content file repeats a run of 15+ ideographs of the source documents.
# The seeds live beside the clone (../shared/seeds) or where YIBAO_SEEDS says;
# without them the check is skipped, not failed.
# SPDX-License-Identifier: MIT
cd "$(dirname "$0")/../.." || exit 1
seeds=${YIBAO_SEEDS:-../shared/seeds}
if ! ls "$seeds"/*.txt >/dev/null 2>&1; then
	echo "ok - skipped: copycheck: no seed documents in $seeds"
	exit 0
fi
tmp=$(mktemp) || exit 1
trap 'rm -rf "$tmp" "$tmp.d"' EXIT
python3 tools/copycheck.py content "$seeds" >"$tmp" 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then
	echo "ok - content/*.md share no run of 15+ ideographs with $seeds ($(tail -1 "$tmp"))"
else
	sed 's/^/# /' "$tmp"
	echo "not ok - content/*.md copy runs of 15+ ideographs from $seeds (exit $rc)"
fi
# The oracle itself: a sentence pasted from a seed must be caught.
mkdir -p "$tmp.d"
printf -- '---\nid: x\n---\n填写《表》，确保信息与身份证、户口簿一致。如遇问题或疑问,可拨打官方网站上的客服热线咨询,或前往当地医保服务窗口寻求帮助。\n' >"$tmp.d/x.md"
if python3 tools/copycheck.py "$tmp.d" "$seeds" >/dev/null 2>&1; then
	echo "not ok - copycheck misses a sentence pasted from a seed"
else
	echo "ok - copycheck catches a sentence pasted from a seed"
fi
rm -rf "$tmp.d"
