# pinyin.sh -- the generated pinyin table is what the generator makes from Unihan.
cd "$(dirname "$0")/../.." || exit 1
src=/usr/share/unicode/Unihan_Readings.txt.bz2
if [ ! -f "$src" ]; then
	echo "not ok - $src is missing (tools/deps.sh installs unicode-data)"
	exit 0
fi
tmp=$(mktemp)
python3 tools/gen_pinyin.py "$src" >"$tmp"
if cmp -s "$tmp" src/pinyin_data.c; then
	echo "ok - src/pinyin_data.c matches tools/gen_pinyin.py output"
else
	echo "not ok - src/pinyin_data.c is stale: run python3 tools/gen_pinyin.py > src/pinyin_data.c"
fi
rm -f "$tmp"
