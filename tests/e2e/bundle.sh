# bundle.sh -- the signed content bundle: --pack refuses bad content, the guide
# prefers a signed update in state_dir and refuses a tampered one in one line,
# staleness is shown, and a running session keeps its bundle when the file is
# replaced while the next session shows the new one.
# Keys are made here with minisign -G -W (a throw-away pair; the project holds no secret key).
. "$(dirname "$0")/lib.sh"

D=$E2E_TMP
mkdir -p "$D/state"
export HOME="$D"

# Three versions of the shipped content: 2 and 3 retitle every screen and add a line to it.
for v in 1 2 3; do
	mkdir -p "$D/c$v"
	cp content/*.md "$D/c$v/"
	printf '[bundle]\nversion = %s\npolicy_year = 2025\nvalid_days = 400\n' "$v" >"$D/c$v/bundle.ini"
	[ "$v" = 1 ] && continue
	sed -i "s/^title: /title: 新版$v /" "$D/c$v"/*.md
	# a first paragraph right under the front matter
	for f in "$D/c$v"/*.md; do
		awk -v v="$v" '{ print } /^---$/ && ++n == 2 { print "新版" v "的正文。"; print "" }' "$f" >"$f.t" && mv "$f.t" "$f"
	done
done
for v in 1 2 3; do
	if $YIBAO --pack "$D/v$v.bundle" --content "$D/c$v" 2>"$D/pack.err"; then
		ok "--pack writes version $v"
	else
		not_ok "--pack version $v"; sed 's/^/#   /' "$D/pack.err"
	fi
done

# Bad content: every problem as FILE:LINE, exit 1, nothing written (no temp file either).
cp -r tests/fixtures/broken/content "$D/broken"
printf '[bundle]\nversion = 1\npolicy_year = 2025\n' >"$D/broken/bundle.ini"
$YIBAO --pack "$D/broken.bundle" --content "$D/broken" 2>"$D/broken.err"
rc=$?
if [ "$rc" -eq 1 ] && [ ! -e "$D/broken.bundle" ] && [ -z "$(ls "$D" | grep 'broken.bundle.tmp')" ]; then
	ok "--pack of broken content exits 1 and writes nothing"
else
	not_ok "--pack of broken content (exit $rc, files: $(ls "$D" | tr '\n' ' '))"
fi
if grep -q "^$D/broken/02-materials.md:11: bad condition" "$D/broken.err"; then
	ok "--pack names the problem as FILE:LINE"
else
	not_ok "--pack names the problem as FILE:LINE"; sed 's/^/#   /' "$D/broken.err"
fi
rm -f "$D/c1/bundle.ini.x"
mv "$D/c1/bundle.ini" "$D/c1/bundle.ini.x"
if ! $YIBAO --pack "$D/nometa.bundle" --content "$D/c1" 2>"$D/nometa.err" && [ ! -e "$D/nometa.bundle" ] &&
	grep -q "c1/bundle.ini: cannot open" "$D/nometa.err"; then
	ok "--pack without content/bundle.ini refuses"
else
	not_ok "--pack without bundle.ini refuses"; sed 's/^/#   /' "$D/nometa.err"
fi
mv "$D/c1/bundle.ini.x" "$D/c1/bundle.ini"

if $YIBAO --content "$D/v2.bundle" --version | grep -q "content: version 2, policy year 2025"; then
	ok "--version names the bundle's version and policy year"
else
	not_ok "--version names the bundle's version and policy year"
fi

# Keys and signatures made with the real minisign.
(cd "$D" && minisign -G -W -p k1.pub -s k1.key >/dev/null 2>&1 && minisign -G -W -p k2.pub -s k2.key >/dev/null 2>&1)
K1=$(tail -1 "$D/k1.pub")
K2=$(tail -1 "$D/k2.pub")
cfg() { # cfg SHIPPED KEYS
	printf '[guide]\nbundle = %s\n[update]\nstate_dir = %s\npublic_key = %s\n' "$1" "$D/state" "$2" >"$D/t.ini"
}
install_update() { # install_update BUNDLE KEY
	cp "$D/$1" "$D/state/yibao.bundle"
	rm -f "$D/state/yibao.bundle.minisig"
	[ -n "$2" ] && minisign -S -s "$D/$2" -m "$D/state/yibao.bundle" -t "yibao bundle" >/dev/null 2>&1
}
home_title() { $YIBAO --config "$D/t.ini" --print 0 2>"$D/err" | head -1; }

cfg "$D/v1.bundle" "$K1"
home_title | grep -q "城乡居民医保" && [ ! -s "$D/err" ] && ok "no update installed: the shipped bundle, quietly" ||
	not_ok "no update: shipped bundle"
install_update v2.bundle k1.key
if home_title | grep -q "新版2" && [ ! -s "$D/err" ]; then ok "a signed update in state_dir is preferred"; else not_ok "signed update preferred"; cat "$D/err"; fi
$YIBAO --config "$D/t.ini" --version | grep -q "content: version 2, .*($D/state/yibao.bundle)" &&
	ok "--version names the installed update" || not_ok "--version names the installed update"
cfg "$D/v1.bundle" "$K2 $K1"
home_title | grep -q "新版2" && ok "the second of two configured keys verifies (rotation)" || not_ok "second key verifies"

# Tampered: one byte of the installed bundle changed after signing.
cfg "$D/v1.bundle" "$K1"
printf 'X' | dd of="$D/state/yibao.bundle" bs=1 seek=5000 conv=notrunc 2>/dev/null
t=$(home_title)
if echo "$t" | grep -q "城乡居民医保" && [ "$(wc -l <"$D/err")" -eq 1 ] &&
	grep -q "yibao:.*installed content update .* was refused (signature does not match" "$D/err"; then
	ok "a tampered update is refused in one line; the shipped bundle is shown"
else
	not_ok "tampered update refused ($t)"; sed 's/^/#   /' "$D/err"
fi
install_update v2.bundle k2.key
home_title | grep -q "城乡居民医保" && grep -q "unknown key" "$D/err" &&
	ok "an update signed by an unknown key is refused" || not_ok "unknown key refused"
install_update v2.bundle ""
home_title | grep -q "城乡居民医保" && grep -q "cannot read signature" "$D/err" &&
	ok "an update without its signature is refused" || not_ok "missing signature refused"
cfg "$D/v3.bundle" "$K1"
install_update v2.bundle k1.key
home_title | grep -q "新版3" && [ ! -s "$D/err" ] &&
	ok "a newer shipped bundle (package upgrade) wins over an older update" || not_ok "newer shipped wins"

# --content FILE: the operator's choice, no signature.
$YIBAO --content "$D/v3.bundle" --print 0 2>/dev/null | head -1 | grep -q "新版3" &&
	ok "--content BUNDLE needs no signature" || not_ok "--content BUNDLE"

# Staleness: an old bundle, and a young one past warn_after_days.
SOURCE_DATE_EPOCH=1577836800 $YIBAO --pack "$D/old.bundle" --content "$D/c1" 2>/dev/null
$YIBAO --content "$D/old.bundle" --print 0 >"$D/old.out" 2>&1
grep -q "内容版本 1 · 2025 年的标准" "$D/old.out" && ok "home shows the bundle version and policy year" ||
	not_ok "home shows version and policy year"
grep -q "可能已经过时.*12393" "$D/old.out" && ok "an expired bundle says the figures may be out of date" ||
	not_ok "expired bundle notice"
$YIBAO --content "$D/v1.bundle" --print 0 | grep -q "可能已经过时" && not_ok "a fresh bundle has no notice" ||
	ok "a fresh bundle has no notice"
SOURCE_DATE_EPOCH=$(( $(date +%s) - 10 * 86400 )) $YIBAO --pack "$D/ten.bundle" --content "$D/c1" 2>/dev/null
printf '[update]\nwarn_after_days = 5\n' >"$D/w.ini"
$YIBAO --config "$D/w.ini" --content "$D/ten.bundle" --print slip | grep -q "可能已经过时" &&
	ok "the slip warns past warn_after_days" || not_ok "slip warns past warn_after_days"

# A running session keeps its bundle when the file is renamed over; the next session shows the new one.
cp "$D/v1.bundle" "$D/live.bundle"
start 80x24 --content "$D/live.bundle"
expect "城乡居民医保办事指南" "session 1 shows version 1"
cp "$D/v2.bundle" "$D/live.new" && mv "$D/live.new" "$D/live.bundle"
keys 2
expect "要带的材料" "session 1 opens a screen after the swap"
expect_not "新版2" "session 1 still shows version 1's screen"
keys Escape
expect "城乡居民医保办事指南" "session 1's home is still version 1"
expect_not "新版2" "nothing of version 2 in session 1"
quit_ok
start 80x24 --content "$D/live.bundle"
expect "新版2 城乡居民医保办事指南" "the next session shows version 2"
quit_ok

# The same for a directory (--content DIR is packed in memory at start): files
# replaced under the session change nothing it shows.
rm -rf "$D/livedir" && cp -r "$D/c1" "$D/livedir"
start 80x24 --content "$D/livedir"
expect "城乡居民医保办事指南" "session on a directory shows version 1"
cp "$D/c2"/*.md "$D/livedir/"
keys 2
expect "要带的材料" "it opens a screen after its files were replaced"
expect_not "新版2" "and shows the version it started with"
quit_ok

# A large signed update (generated, over 2 MiB: checked in a thread while the
# terminal starts), tampered after signing: nothing of it is shown, not even
# the first screen. The session says so in one line and shows the shipped
# bundle (v1); --print and line mode too.
python3 tests/bench/gen_content.py "$D/big" --screens 1000 >/dev/null
$YIBAO --pack "$D/big.bundle" --content "$D/big" 2>/dev/null
[ "$(wc -c <"$D/big.bundle")" -gt 2097152 ] && ok "the large update is over 2 MiB" || not_ok "large update over 2 MiB"
cfg "$D/v1.bundle" "$K1"
install_update big.bundle k1.key
home_title | grep -q "生成的 1000 屏" && ! grep -q "refused" "$D/err" && ok "a large signed update is shown" ||
	not_ok "large signed update shown"
big_size=$(wc -c <"$D/state/yibao.bundle")
printf 'X' | dd of="$D/state/yibao.bundle" bs=1 seek=$((big_size - 10)) conv=notrunc 2>/dev/null
t=$(home_title)
if echo "$t" | grep -q "城乡居民医保办事指南  " && [ "$(wc -l <"$D/err")" -eq 1 ] &&
	grep -q "installed content update .* was refused (signature does not match" "$D/err"; then
	ok "--print: a tampered large update is refused in one line; the shipped bundle is printed"
else
	not_ok "--print: tampered large update ($t)"; sed 's/^/#   /' "$D/err"
fi
start 80x24 --config "$D/t.ini"
expect "谁能参保" "tampered large update: the shipped home is the first screen"
expect "没有通过签名检查" "the session says so in one line"
expect_not "生成的" "nothing of the tampered bundle"
keys 2
expect "要带的材料" "a key opens the shipped bundle's screen"
expect_not "生成的" "still nothing of the tampered bundle"
quit_ok
printf '2\nq\n' | $YIBAO --config "$D/t.ini" --plain >"$D/plain.out" 2>/dev/null
if [ "$(grep -c "没有通过签名检查" "$D/plain.out")" -eq 1 ] && grep -q "要带的材料" "$D/plain.out" &&
	! grep -q "生成的" "$D/plain.out"; then
	ok "line mode: nothing of the tampered large update, not even the first screen"
else
	not_ok "line mode after a tampered large update"; sed 's/^/#   /' "$D/plain.out" | head -40
fi

# A search with many hits lists the first 50 and says how many more there are.
printf '/异地就医\nq\n' | $YIBAO --content "$D/big.bundle" --plain >"$D/search.out" 2>/dev/null
total=$(sed -n 's/.*搜索“异地就医”：\([0-9]*\) 个页面.*/\1/p' "$D/search.out" | head -1)
# Result lines are indented two columns (snippets four) up to the "还有" line.
listed=$(awk '/搜索“异地就医”/ { f = 1; next } /还有/ { f = 0 } f && /^  [^ ]/ { n++ } END { print n + 0 }' "$D/search.out")
if [ -n "$total" ] && [ "$total" -gt 50 ] && [ "$listed" -eq 50 ] &&
	grep -q "还有 $((total - 50)) 个结果，请把搜索词写得更具体" "$D/search.out"; then
	ok "a search with $total hits lists 50 and says how many more"
else
	not_ok "search list capped at 50 (total '$total', listed $listed)"; grep -n "搜索\|还有" "$D/search.out" | head -5
fi

echo "# $n_ok ok, $n_bad not ok"
[ "$n_bad" -eq 0 ]
