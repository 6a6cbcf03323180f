#!/usr/bin/env bash
# Leak detection through the real binary: text, HTML, a PNG screenshot
# rendered here and read by Tesseract, stdin, a directory, a URL served on
# loopback; an exported index on "another machine"; edits and deletions.
. "$(dirname "$0")/lib.bash"
FIX="$(cd "$(dirname "$0")/../fixtures/scan" && pwd)"

"$SANCTUM" demo --dir "$E2E_TMP/demo" --no-serve >/dev/null 2>&1
export SANCTUM_DB="$E2E_TMP/demo/demo.db"
out=$("$SANCTUM" post add --group "Evening check-in" --author river-stone \
	<"$FIX/post.txt" 2>/dev/null)
check $? "a post is written"
id=$(printf '%s' "$out" | awk '{print $2}')

# plain text with the post copied into it
{ cat "$FIX/unrelated.txt"; cat "$FIX/post.txt"; cat "$FIX/unrelated.txt"; } >"$E2E_TMP/copy.txt"
"$SANCTUM" scan --json "$E2E_TMP/copy.txt" >"$E2E_TMP/r.json" 2>"$E2E_TMP/r.err"
expect_eq 3 "$?" "a copied post: exit 3"
expect_contains "$E2E_TMP/r.json" "\"post\":$id," "names the post"
expect_contains "$E2E_TMP/r.json" '"author":"river-stone"' "and its author"
expect_contains "$E2E_TMP/r.json" '"group":"Evening check-in"' "and its group"
expect_contains "$E2E_TMP/r.json" '"leaked":true' "says leaked"
start=$(sed -n 's/.*"spans":\[\[\([0-9]*\),.*/\1/p' "$E2E_TMP/r.json")
ulen=$(wc -m <"$FIX/unrelated.txt")
[ -n "$start" ] && [ "$start" -ge "$ulen" ] && [ "$start" -le $((ulen + 40)) ]
check $? "its span starts where the copy starts ($start, copy at $ulen)"

"$SANCTUM" scan "$FIX/unrelated.txt" >"$E2E_TMP/r.txt" 2>&1
expect_eq 0 "$?" "unrelated text: exit 0"
expect_contains "$E2E_TMP/r.txt" "no post of this community found" "and says so"
"$SANCTUM" scan "$FIX/post.txt" >"$E2E_TMP/r.txt" 2>&1
expect_contains "$E2E_TMP/r.txt" "LEAK: 1 post" "the summary says LEAK"

# the same text saved as UTF-16 (both byte orders, with the mark)
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$E2E_TMP/copy.txt"; } >"$E2E_TMP/utf16le.txt"
"$SANCTUM" scan --json "$E2E_TMP/utf16le.txt" >"$E2E_TMP/r.json" 2>/dev/null
expect_eq 3 "$?" "a copy in a UTF-16LE file is found"
expect_contains "$E2E_TMP/r.json" "\"post\":$id," "the same post"
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$E2E_TMP/copy.txt"; } >"$E2E_TMP/utf16be.txt"
"$SANCTUM" scan "$E2E_TMP/utf16be.txt" >/dev/null 2>&1
expect_eq 3 "$?" "and in a UTF-16BE file"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$FIX/unrelated.txt"; printf '\000\330'; } >"$E2E_TMP/utf16bad.txt"
"$SANCTUM" scan "$E2E_TMP/utf16bad.txt" >/dev/null 2>&1
expect_eq 0 "$?" "UTF-16 ending in half a character is read, not refused"

# an excerpt, re-cased, with zero-width characters, from stdin
printf 'someone posted: I KEPT THINKING about how long it has been since i let any\xe2\x80\x8bone see the hard days -- writing this here feels like opening a window\n' |
	"$SANCTUM" scan --json - >"$E2E_TMP/r.json" 2>/dev/null
expect_eq 3 "$?" "an altered excerpt from stdin is found"

# HTML: text and alt text, scripts ignored
post=$(cat "$FIX/post.txt")
sed "s|POST_TEXT|$post|" "$FIX/page.html.in" >"$E2E_TMP/page.html"
"$SANCTUM" scan --json "$E2E_TMP/page.html" >"$E2E_TMP/r.json" 2>/dev/null
expect_eq 3 "$?" "a post inside a web page is found"
expect_contains "$E2E_TMP/r.json" '"kind":"html"' "read as HTML"

# a screenshot, rendered now, read by OCR
convert -size 1100x -background '#f4f1ea' -fill '#222222' -font DejaVu-Sans \
	-pointsize 24 caption:"$(cat "$FIX/post.txt")" "$E2E_TMP/shot.png" 2>/dev/null
check $? "a screenshot of the post is rendered"
"$SANCTUM" scan --json "$E2E_TMP/shot.png" >"$E2E_TMP/r.json" 2>"$E2E_TMP/r.err"
expect_eq 3 "$?" "the screenshot is found through OCR"
expect_contains "$E2E_TMP/r.json" '"kind":"image"' "read as an image"
# an image that keeps Tesseract busy for seconds is cut off at the limit
convert "$E2E_TMP/shot.png" "$E2E_TMP/shot.png" "$E2E_TMP/shot.png" "$E2E_TMP/shot.png" \
	"$E2E_TMP/shot.png" "$E2E_TMP/shot.png" "$E2E_TMP/shot.png" "$E2E_TMP/shot.png" \
	+append "$E2E_TMP/row.png" 2>/dev/null &&
	convert "$E2E_TMP/row.png" "$E2E_TMP/row.png" "$E2E_TMP/row.png" "$E2E_TMP/row.png" \
	-append "$E2E_TMP/slow.png" 2>/dev/null
check $? "a page of 32 screenshots is rendered"
SANCTUM_OCR_SECONDS=1 "$SANCTUM" scan "$E2E_TMP/slow.png" >/dev/null 2>"$E2E_TMP/r.err"
expect_eq 1 "$?" "OCR that runs past SANCTUM_OCR_SECONDS is an error"
expect_contains "$E2E_TMP/r.err" "within 1 s" "which says so"
head -c 3000 "$E2E_TMP/shot.png" >"$E2E_TMP/broken.png"
"$SANCTUM" scan "$E2E_TMP/broken.png" >/dev/null 2>"$E2E_TMP/r.err"
expect_eq 1 "$?" "a broken image is an error, not a crash"
expect_contains "$E2E_TMP/r.err" "not a PNG, JPEG or WebP image" "which says why"
# a decompression bomb: 76 KB of PNG that would decode to 400 megapixels
# (20000 rows of white, 1 bit a pixel, made with zlib)
/usr/bin/time -f '%M' -o "$E2E_TMP/rss" "$SANCTUM" scan \
	"$(dirname "$FIX")/images/bomb.png" >/dev/null 2>"$E2E_TMP/r.err"
expect_eq 1 "$?" "an image whose header claims 20000x20000 is an error"
expect_contains "$E2E_TMP/r.err" "20000x20000 is over the 40 megapixel limit" \
	"which says so"
[ "$(tail -n1 "$E2E_TMP/rss")" -lt 200000 ]
check $? "and it was never decoded (under 200 MB at most, not the 400 MB of its pixels)"

# a directory, recursively: one result per file
mkdir -p "$E2E_TMP/dir/sub"
cp "$E2E_TMP/copy.txt" "$E2E_TMP/dir/sub/"
cp "$FIX/unrelated.txt" "$E2E_TMP/dir/"
"$SANCTUM" scan --json "$E2E_TMP/dir" >"$E2E_TMP/r.json" 2>/dev/null
expect_eq 3 "$?" "a directory with a copy inside"
expect_eq 2 "$(wc -l <"$E2E_TMP/r.json")" "gives one line per file"

# many sources scanned side by side, printed in the order of one worker
for k in 01 02 03 04 05 06 07 08 09 10 11 12; do
	if [ "$k" = 05 ] || [ "$k" = 11 ]; then
		cp "$E2E_TMP/copy.txt" "$E2E_TMP/dir/many-$k.txt"
	else
		cp "$FIX/unrelated.txt" "$E2E_TMP/dir/many-$k.txt"
	fi
done
cp "$E2E_TMP/broken.png" "$E2E_TMP/dir/many-07.png"
"$SANCTUM" scan --json --jobs 1 "$E2E_TMP/dir" "$E2E_TMP/copy.txt" \
	>"$E2E_TMP/j1.json" 2>"$E2E_TMP/j1.err"
expect_eq 3 "$?" "--jobs 1 over a directory of 15 files"
"$SANCTUM" scan --json --jobs 4 "$E2E_TMP/dir" "$E2E_TMP/copy.txt" \
	>"$E2E_TMP/j4.json" 2>"$E2E_TMP/j4.err"
expect_eq 3 "$?" "--jobs 4 finds the same"
expect_eq "$(cat "$E2E_TMP/j1.json")" "$(cat "$E2E_TMP/j4.json")" \
	"line for line, in the same order"
expect_eq "$(cat "$E2E_TMP/j1.err")" "$(cat "$E2E_TMP/j4.err")" \
	"with the same errors (the broken image)"
expect_eq 4 "$(grep -c '"leaked":true' "$E2E_TMP/j4.json")" \
	"the three copies in the directory and the one named after it"
"$SANCTUM" scan --jobs 0 "$E2E_TMP/copy.txt" >/dev/null 2>&1
expect_eq 2 "$?" "--jobs 0 is a usage error"
rm -f "$E2E_TMP"/dir/many-*

# one large file, shared among the workers in parts: the same matches at
# the same places as one worker finds
cp "$FIX/unrelated.txt" "$E2E_TMP/chunk.txt"
for k in 1 2 3 4 5 6 7 8 9 10 11 12; do	# 4096 times, about 1 MiB
	cat "$E2E_TMP/chunk.txt" "$E2E_TMP/chunk.txt" >"$E2E_TMP/chunk2.txt"
	mv "$E2E_TMP/chunk2.txt" "$E2E_TMP/chunk.txt"
done
cat "$E2E_TMP/copy.txt" "$E2E_TMP/chunk.txt" "$E2E_TMP/copy.txt" \
	"$E2E_TMP/chunk.txt" "$E2E_TMP/chunk.txt" "$E2E_TMP/copy.txt" \
	"$E2E_TMP/chunk.txt" "$E2E_TMP/copy.txt" "$E2E_TMP/copy.txt" \
	>"$E2E_TMP/large.txt"
expect_eq 1 "$([ "$(wc -c <"$E2E_TMP/large.txt")" -gt 4194304 ] && echo 1)" \
	"the large file is over 4 MiB"
"$SANCTUM" scan --json --jobs 1 "$E2E_TMP/large.txt" >"$E2E_TMP/l1.json" 2>&1
expect_eq 3 "$?" "one worker finds the copies in a large file"
"$SANCTUM" scan --json --jobs 2 "$E2E_TMP/large.txt" >"$E2E_TMP/l2.json" 2>&1
expect_eq 3 "$?" "two workers do too"
expect_eq "$(cat "$E2E_TMP/l1.json")" "$(cat "$E2E_TMP/l2.json")" \
	"with the same posts and spans"
expect_eq 5 "$(grep -o '\[[0-9]*,[0-9]*\]' "$E2E_TMP/l2.json" | wc -l)" \
	"all five copies"
rm -f "$E2E_TMP/large.txt" "$E2E_TMP/chunk.txt"

# a URL on loopback (nginx serving a folder)
mkdir -p "$E2E_TMP/www"
chmod 711 "$E2E_TMP"; chmod 755 "$E2E_TMP/www"   # nginx workers may run as another user
cp "$E2E_TMP/page.html" "$E2E_TMP/www/page.html"; chmod 644 "$E2E_TMP/www/page.html"
NPORT=$(free_port)
cat >"$E2E_TMP/nginx.conf" <<CONF
daemon on; pid $E2E_TMP/nginx.pid; error_log $E2E_TMP/nginx.err;
events {}
http { access_log off; client_body_temp_path $E2E_TMP/ncb; proxy_temp_path $E2E_TMP/np;
  fastcgi_temp_path $E2E_TMP/nf; uwsgi_temp_path $E2E_TMP/nu; scgi_temp_path $E2E_TMP/ns;
  types { text/html html; }
  server { listen 127.0.0.1:$NPORT; root $E2E_TMP/www; } }
CONF
nginx -c "$E2E_TMP/nginx.conf" -p "$E2E_TMP" -e "$E2E_TMP/nginx.err" 2>/dev/null
"$SANCTUM" scan --json "http://127.0.0.1:$NPORT/page.html" >"$E2E_TMP/r.json" 2>"$E2E_TMP/r.err"
expect_eq 3 "$?" "a page fetched from a URL is scanned"
"$SANCTUM" scan "http://127.0.0.1:$NPORT/missing.html" >/dev/null 2>"$E2E_TMP/r.err"
expect_eq 1 "$?" "a missing page is an error"
"$SANCTUM" scan "file:///etc/hostname" >/dev/null 2>"$E2E_TMP/r.err"
expect_eq 1 "$?" "only http(s) URLs are fetched"
kill "$(cat "$E2E_TMP/nginx.pid")" 2>/dev/null

# the exported index, used with no database and no key
"$SANCTUM" index export "$E2E_TMP/community.idx" >/dev/null 2>&1
check $? "index export"
# after an upgrade, every post was fingerprinted by an older sanctum: the
# export fingerprints them again before it writes the file
sqlite3 "$SANCTUM_DB" "UPDATE post_fingerprints SET params = 1"
"$SANCTUM" index export "$E2E_TMP/upgraded.idx" >"$E2E_TMP/up.txt" 2>&1
check $? "index export after an upgrade"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM post_fingerprints
	WHERE params = 1")" "it fingerprinted every post again"
"$SANCTUM" scan --index "$E2E_TMP/upgraded.idx" "$E2E_TMP/copy.txt" \
	>/dev/null 2>&1
expect_eq 3 "$?" "and its file finds the copied post"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit
	WHERE action = 'index.export' AND target = '$E2E_TMP/upgraded.idx'")" \
	"the export is in the audit trail"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "and the trail still verifies"
expect_eq 600 "$(stat -c %a "$E2E_TMP/community.idx")" "the export is mode 0600"
( unset SANCTUM_DB; cd "$E2E_TMP/www" && "$SANCTUM" scan --json --index "$E2E_TMP/community.idx" \
	"$E2E_TMP/copy.txt" >"$E2E_TMP/r2.json" 2>/dev/null )
expect_eq 3 "$?" "scan --index finds the post with no database"
grep -q "\"post\":$id," "$E2E_TMP/r2.json"
check $? "the same post"
"$SANCTUM" scan --json --index "$E2E_TMP/community.idx" --index-private \
	"$E2E_TMP/copy.txt" >"$E2E_TMP/r3.json" 2>/dev/null
expect_eq 3 "$?" "scan --index-private finds it too"
expect_eq "$(cat "$E2E_TMP/r2.json")" "$(cat "$E2E_TMP/r3.json")" \
	"with the same report as the mapped index"
"$SANCTUM" scan --index-private "$E2E_TMP/copy.txt" >/dev/null 2>&1
expect_eq 2 "$?" "--index-private without --index is a usage error"
strings "$E2E_TMP/community.idx" >"$E2E_TMP/idx.strings"
expect_absent "$E2E_TMP/idx.strings" "street lights" "the export holds no post text"
for name in river-stone "Evening check-in"; do
	grep -qaiF -- "$name" "$E2E_TMP/community.idx"
	expect_eq 1 "$?" "the export's bytes hold no name ($name)"
done
grep -q '"group"\|"author"\|"anonymous"' "$E2E_TMP/r2.json"
expect_eq 1 "$?" "scan --index names no group or author"
grep -q '"group":"Evening check-in","author":"river-stone"' "$E2E_TMP/r.json"
check $? "while a scan with the database names them"
printf 'not an index' >"$E2E_TMP/bad.idx"
"$SANCTUM" scan --index "$E2E_TMP/bad.idx" "$E2E_TMP/copy.txt" >/dev/null 2>"$E2E_TMP/r.err"
expect_eq 1 "$?" "a damaged index file is refused"

# edits and deletions follow into the index
"$SANCTUM" post edit "$id" <"$FIX/edited.txt" >/dev/null 2>&1
"$SANCTUM" scan "$E2E_TMP/copy.txt" >/dev/null 2>&1
expect_eq 0 "$?" "after an edit, the old text no longer matches"
"$SANCTUM" scan "$FIX/edited.txt" >/dev/null 2>&1
expect_eq 3 "$?" "and the new text does"
"$SANCTUM" post delete "$id" >/dev/null 2>&1
"$SANCTUM" scan "$FIX/edited.txt" >/dev/null 2>&1
expect_eq 0 "$?" "a deleted post no longer matches"

# a community with no posts yet: nothing to find, and no crash
"$SANCTUM" --db "$E2E_TMP/empty.db" init >/dev/null 2>&1
"$SANCTUM" --db "$E2E_TMP/empty.db" scan "$FIX/post.txt" >"$E2E_TMP/r.txt" 2>&1
expect_eq 0 "$?" "scanning against an empty community exits 0"
expect_contains "$E2E_TMP/r.txt" "no post of this community found" "and says so"
"$SANCTUM" --db "$E2E_TMP/empty.db" index export "$E2E_TMP/empty.idx" >/dev/null 2>&1
"$SANCTUM" scan --index "$E2E_TMP/empty.idx" "$FIX/post.txt" >/dev/null 2>&1
expect_eq 0 "$?" "an empty exported index loads and finds nothing"

# usage
"$SANCTUM" scan >/dev/null 2>&1
expect_eq 2 "$?" "scan without a source is a usage error"
finish
