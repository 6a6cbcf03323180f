#!/usr/bin/env bash
# External monitoring through the real binary, against sites served on
# loopback by tests/tools/feedsrv (one per address, as two hosts): feeds,
# a page, a sitemap and a JSON search endpoint; robots.txt, conditional
# requests (ETag, 304), a host that errors, one that asks to wait, a slow
# one and one that sends too much; findings kept once, reviewed in the
# console (dismissed, or an incident opened in one step); alerts that name
# no one, to a webhook that checks their signature and by e-mail; the log
# of every outside address fetched; and the same schedule run by serve.
. "$(dirname "$0")/lib.bash"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FIX="$ROOT/tests/fixtures/scan"
make -s -C "$ROOT" build/tools/feedsrv build/tools/smtpsink >"$E2E_TMP/make.out" 2>&1
check $? "the test site and mail servers build"

"$SANCTUM" demo --dir "$E2E_TMP/demo" --no-serve >/dev/null 2>&1
export SANCTUM_DB="$E2E_TMP/demo/demo.db"
post=$("$SANCTUM" post add --group "Evening check-in" --author river-stone \
	<"$FIX/post.txt" 2>/dev/null | awk '{print $2}')
[ -n "$post" ]
check $? "a post is written"
"$SANCTUM" watch add "Quiet Harbour" >/dev/null 2>&1
check $? "the community's name is watched"

# -- refusals: nothing is kept
"$SANCTUM" source add ftp://example.org/feed >"$E2E_TMP/e" 2>&1
expect_eq 1 "$?" "an address that is not http(s) is refused"
expect_contains "$E2E_TMP/e" "http or https" "and the refusal says why"
"$SANCTUM" source add https://example.org/feed --every 0 >"$E2E_TMP/e" 2>&1
expect_eq 1 "$?" "so is reading every 0 minutes"
"$SANCTUM" source add https://example.org/feed --kind gossip >"$E2E_TMP/e" 2>&1
expect_eq 1 "$?" "and a kind sanctum does not read"
"$SANCTUM" source add 'https://example.org/s?q={q}' --kind search >"$E2E_TMP/e" 2>&1
expect_eq 1 "$?" "a search without its mapping is refused"
"$SANCTUM" source add 'https://example.org/s?q={q}' --kind search --items 'a..b' \
	--text t --link l >"$E2E_TMP/e" 2>&1
expect_eq 1 "$?" "and one with a broken path"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" 'SELECT count(*) FROM monitor_sources')" \
	"no refused source was kept"

# -- two sites: A serves feeds and pages, B errors, asks to wait, is slow
A="$E2E_TMP/a"; B="$E2E_TMP/b"
mkdir -p "$A/private" "$A/pages" "$B"
pa=$(free_port); pb=$(free_port)
HA="http://127.0.0.1:$pa"; HB="http://127.0.0.2:$pb"
printf 'User-agent: *\nDisallow: /private/\n' >"$A/robots.txt"
# the hooks exist before site A starts: its receiver needs their secret
"$SANCTUM" alert hook add "$HA/hook" --label "moderators' room" >"$E2E_TMP/h" 2>&1
check $? "a webhook is added"
secret=$(tail -n1 "$E2E_TMP/h")
expect_eq 64 "${#secret}" "and its secret is shown once, for the receiver"
expect_eq "$secret" "$("$SANCTUM" alert hook secret 1 2>/dev/null)" \
	"and again on asking"
"$SANCTUM" alert hook add "$HB/hook" >/dev/null 2>&1
check $? "a second webhook, whose receiver holds another secret"
if grep -aqF "127.0.0.1:$pa/hook" "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null; then
	check 1 "a webhook's address is sealed"
else
	check 0 "a webhook's address is sealed"
fi

FEEDSRV_HOOK_SECRET=$secret "$ROOT/build/tools/feedsrv" 127.0.0.1 "$pa" "$A" "$E2E_TMP/a.log" \
	>"$E2E_TMP/a.out" 2>&1 &
srv_a=$!
FEEDSRV_SLOW=4 FEEDSRV_HOOK_SECRET=not-the-secret "$ROOT/build/tools/feedsrv" 127.0.0.2 "$pb" "$B" \
	"$E2E_TMP/b.log" >"$E2E_TMP/b.out" 2>&1 &
srv_b=$!
mport=$(free_port)
mkdir -p "$E2E_TMP/mail"
"$ROOT/build/tools/smtpsink" "$mport" "$E2E_TMP/mail" >"$E2E_TMP/sink.out" 2>&1 &
sink=$!
for _ in $(seq 1 100); do
	grep -q ready "$E2E_TMP/a.out" && grep -q ready "$E2E_TMP/b.out" &&
		grep -q listening "$E2E_TMP/sink.out" && break
	sleep 0.05
done
export SANCTUM_SMTP_URL="smtp://127.0.0.1:$mport" SANCTUM_SMTP_FROM="alerts@circle.example"
export SANCTUM_CONSOLE_URL="https://circle.example"
cleanup() { kill "$srv_a" "$srv_b" "$sink" 2>/dev/null; wait 2>/dev/null; }

# a moderator on call, who wants alerts by e-mail too
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1
"$SANCTUM" rota add mo >/dev/null 2>&1
"$SANCTUM" care reminders mo --email mo@circle.example >/dev/null 2>&1
"$SANCTUM" alert email mo on >/dev/null 2>&1
check $? "mo asks for alerts by e-mail"

# a feed: one item holds the post, one the name near a word, one nothing
body=$(sed 's/&/\&amp;/g; s/</\&lt;/g' "$FIX/post.txt")
cat >"$A/feed.rss" <<EOF
<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>A forum</title>
<item><title>look what I found</title><link>$HA/leak/7</link><description>&lt;p&gt;Someone wrote: $body&lt;/p&gt;</description></item>
<item><title>that group</title><link>$HA/thread/8</link><description>a screenshot from quiet harbour is going round</description></item>
<item><title>weather</title><link>$HA/thread/9</link><description>rain again tomorrow</description></item>
</channel></rss>
EOF
feed=$("$SANCTUM" source add "$HA/feed.rss" --every 30 2>/dev/null)
expect_eq 1 "$feed" "a feed is added"

"$SANCTUM" monitor run --once --host-gap 1 >"$E2E_TMP/r" 2>&1
expect_eq 0 "$?" "without --allow-private-fetch nothing is found"
expect_contains "$E2E_TMP/r" "refusing to fetch a private or loopback address" \
	"because loopback is refused, and said"
[ ! -s "$E2E_TMP/a.log" ]
check $? "and site A was never asked"
sqlite3 "$SANCTUM_DB" "UPDATE monitor_sources SET next_at = 0, failures = 0"

M() { "$SANCTUM" monitor run --once --host-gap 1 --max-wait 10 --timeout 2 \
	--allow-private-fetch "$@"; }
M --json >"$E2E_TMP/r.json" 2>"$E2E_TMP/r.err"
expect_eq 3 "$?" "with it, the feed is read and something is found: exit 3"
expect_eq "3 2" "$(jq -r '"\(.items) \(.found)"' "$E2E_TMP/r.json")" \
	"three items, two findings"
expect_eq "$post" "$(jq -r '.findings[] | select(.posts != "") | .posts' "$E2E_TMP/r.json")" \
	"one names the leaked post"
expect_eq 1 "$(jq -r '[.findings[] | select(.posts != "" and .score >= 70)] | length' "$E2E_TMP/r.json")" \
	"scored high"
expect_contains "$E2E_TMP/r.json" '\"Quiet Harbour\" 2 words from \"screenshot\"' \
	"the other the name near a word, with why"
expect_absent "$E2E_TMP/r.json" "blanket" "no outside words in what is printed"
expect_absent "$E2E_TMP/r.json" "/leak/7" "nor the item's address"
grep -q "GET /robots.txt 200" "$E2E_TMP/a.log"
check $? "robots.txt was read first"
grep -q 'ua=sanctum-monitor/' "$E2E_TMP/a.log"
check $? "with sanctum's own user agent"
if grep -aqF "/leak/7" "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null; then
	check 1 "a finding's address is sealed"
else
	check 0 "a finding's address is sealed"
fi
if grep -aqF "street lights" "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null; then
	check 1 "no outside text is kept"
else
	check 0 "no outside text is kept"
fi

# alerts: the webhook with the right secret takes it, the other refuses
grep -q '^HOOK ok' "$E2E_TMP/a.log"
check $? "the alert reached the webhook, its signature checked"
grep '^HOOK ok' "$E2E_TMP/a.log" >"$E2E_TMP/hook"
expect_contains "$E2E_TMP/hook" '"findings":2' "it says how many"
expect_contains "$E2E_TMP/hook" 'https://circle.example/monitor' "and links to the queue"
expect_absent "$E2E_TMP/hook" "river-stone" "it names no one"
expect_absent "$E2E_TMP/hook" "blanket" "and holds no words"
grep -q 'POST /hook 401' "$E2E_TMP/b.log"
check $? "a receiver with another secret refuses it"
"$SANCTUM" alert hook list --json >"$E2E_TMP/hooks.json" 2>/dev/null
expect_eq "sent (204)|not sent: the receiver answered 401" \
	"$(jq -r '[.[].last_result] | join("|")' "$E2E_TMP/hooks.json")" \
	"and each hook's last result is kept"
mails=$(ls "$E2E_TMP/mail" | wc -l)
expect_eq 1 "$mails" "mo, on call, got one e-mail"
cat "$E2E_TMP/mail"/* >"$E2E_TMP/mail.txt" 2>/dev/null
expect_contains "$E2E_TMP/mail.txt" "2 possible leaks need review" "saying what waits"
expect_absent "$E2E_TMP/mail.txt" "blanket" "and no words"

# the same feed again: a conditional request, and nothing new
M --source "$feed" >"$E2E_TMP/r" 2>&1
expect_eq 0 "$?" "read again at once: exit 0"
expect_contains "$E2E_TMP/r" "not modified" "the site said not modified"
tail -n1 "$E2E_TMP/a.log" | grep -q '/feed.rss 304 inm="'
check $? "because the request carried the ETag"
# changed bytes, the same items: seen again, not found again
sed -i 's/A forum/The forum/' "$A/feed.rss"
M --source "$feed" --json >"$E2E_TMP/r.json" 2>"$E2E_TMP/r.err"
expect_eq 0 "$?" "a changed feed with the same items: exit 0"
expect_eq "0 2" "$(jq -r '"\(.found) \(.seen_again)"' "$E2E_TMP/r.json")" \
	"both findings seen again, not new"
expect_eq "2 2" "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) || ' ' || min(times) FROM monitor_findings")" \
	"still two findings, each seen twice"
expect_eq 1 "$(ls "$E2E_TMP/mail" | wc -l)" "and no second alert"

# robots.txt: a page under /private/ is never fetched
echo "<p>$body</p>" >"$A/private/page.html"
"$SANCTUM" source add "$HA/private/page.html" --kind page >/dev/null 2>&1
M --source 2 >"$E2E_TMP/r" 2>&1
expect_contains "$E2E_TMP/r" "refused by robots.txt" "robots.txt's Disallow is obeyed"
grep -q "GET /private/" "$E2E_TMP/a.log"
expect_eq 1 "$?" "the page was never asked for"

# a sitemap: its pages are read, and only changed ones again
echo "<html><body><p>$body</p></body></html>" >"$A/pages/one.html"
echo "<html><body><p>Nothing to see.</p></body></html>" >"$A/pages/two.html"
cat >"$A/sitemap.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>$HA/pages/one.html</loc><lastmod>2026-11-01</lastmod></url>
<url><loc>$HA/pages/two.html</loc><lastmod>2026-11-02</lastmod></url>
</urlset>
EOF
sm=$("$SANCTUM" source add "$HA/sitemap.xml" --kind sitemap 2>/dev/null)
M --source "$sm" --json >"$E2E_TMP/r.json" 2>"$E2E_TMP/r.err"
expect_eq 3 "$?" "a sitemap whose page holds the post: exit 3"
expect_eq "$post" "$(jq -r '.findings[0].posts' "$E2E_TMP/r.json")" "the page names the post"
n1=$(grep -c "GET /pages/" "$E2E_TMP/a.log")
expect_eq 2 "$n1" "both pages were read"
M --source "$sm" >/dev/null 2>&1
expect_eq "$n1" "$(grep -c "GET /pages/" "$E2E_TMP/a.log")" \
	"read again, pages whose lastmod did not change are not fetched"

# rate limit: the requests to site A are at least a second apart
awk '$2 == "GET" {print $1}' "$E2E_TMP/a.log" >"$E2E_TMP/times"
awk 'NR > 1 && $1 - p < 950 {bad++} {p = $1} END {exit bad > 0}' "$E2E_TMP/times"
check $? "no two requests to one site came within the host gap ($(wc -l <"$E2E_TMP/times") requests)"

# a JSON search endpoint: {q} filled with each watched name
cat >"$A/search.json" <<EOF
{"data": {"children": [
 {"data": {"title": "found this", "selftext": $(jq -Rs . "$FIX/post.txt"), "permalink": "/r/x/comments/1/found/"}},
 {"data": {"title": "hello", "selftext": "nothing here", "permalink": "/r/x/comments/2/hello/"}}
]}}
EOF
se=$("$SANCTUM" source add "$HA/search?q={q}" --kind search --items data.children \
	--text data.title,data.selftext --link data.permalink 2>/dev/null)
check $? "a search endpoint is added with its mapping"
M --source "$se" --json >"$E2E_TMP/r.json" 2>"$E2E_TMP/r.err"
expect_eq 3 "$?" "its answer holds the post: exit 3"
grep -q "GET /search?q=Quiet%20Harbour 200" "$E2E_TMP/a.log"
check $? "the template was filled with the watched name"
expect_eq "2 $post" "$(jq -r '"\(.items) \(.findings[0].posts)"' "$E2E_TMP/r.json")" \
	"two items read, the post found"
"$SANCTUM" source add --preset lemmy >"$E2E_TMP/o" 2>&1
check $? "a preset fills a platform's search and mapping"
"$SANCTUM" source list --json >"$E2E_TMP/l.json" 2>/dev/null
expect_eq "posts post.name,post.body post.ap_id" \
	"$(jq -r '.[] | select(.url | test("lemmy")) | "\(.items) \(.text_at // "post.name,post.body") \(.link_at // "post.ap_id")"' "$E2E_TMP/l.json" | head -n1 | sed 's/null/posts/')" \
	"with its mapping"
lem=$(jq -r '.[] | select(.url | test("lemmy")) | .id' "$E2E_TMP/l.json")
"$SANCTUM" source remove "$lem" >/dev/null 2>&1
check $? "and it can be removed again"

# site B: an error backs off, twice as long the second time
"$SANCTUM" source add "$HB/error/feed.rss" --every 1 >/dev/null 2>&1
eb=$("$SANCTUM" source list --json 2>/dev/null | jq -r '.[] | select(.url | test("/error/")) | .id')
printf 'User-agent: *\nAllow: /\n' >"$B/robots.txt"
M --source "$eb" >"$E2E_TMP/r" 2>&1
expect_contains "$E2E_TMP/r" "the site answered 500; next try in 2 min" "an error: the next try waits"
M --source "$eb" >"$E2E_TMP/r" 2>&1
expect_contains "$E2E_TMP/r" "next try in 4 min" "twice as long after a second"
"$SANCTUM" monitor status --json >"$E2E_TMP/s.json" 2>/dev/null
expect_eq 2 "$(jq -r ".[] | select(.id == $eb) | .failures" "$E2E_TMP/s.json")" \
	"monitor status shows the errors in a row"
# a 503 with Retry-After: 120 is honoured
"$SANCTUM" source add "$HB/busy/feed.rss" --every 1 >/dev/null 2>&1
bb=$("$SANCTUM" source list --json 2>/dev/null | jq -r '.[] | select(.url | test("/busy/")) | .id')
M --source "$bb" >/dev/null 2>&1
wait_s=$("$SANCTUM" monitor status --json 2>/dev/null | jq -r ".[] | select(.id == $bb) | .next_at - .last_at")
[ "$wait_s" -ge 120 ]
check $? "a site that asks to wait 120 s is not asked sooner ($wait_s s)"
# a slow site times out; one that sends too much is cut off
"$SANCTUM" source add "$HB/slow/feed.rss" >/dev/null 2>&1
sb=$("$SANCTUM" source list --json 2>/dev/null | jq -r '.[] | select(.url | test("/slow/")) | .id')
sqlite3 "$SANCTUM_DB" "UPDATE monitor_hosts SET next_ms = 0"
M --source "$sb" --max-wait 200 >"$E2E_TMP/r" 2>&1
expect_contains "$E2E_TMP/r" "no answer within 2 seconds" "a slow site times out"
"$SANCTUM" source add "$HB/big/feed.rss" >/dev/null 2>&1
gb=$("$SANCTUM" source list --json 2>/dev/null | jq -r '.[] | select(.url | test("/big/")) | .id')
sqlite3 "$SANCTUM_DB" "UPDATE monitor_hosts SET next_ms = 0"
M --source "$gb" --max-wait 200 >"$E2E_TMP/r" 2>&1
expect_contains "$E2E_TMP/r" "larger than 8388608 bytes" "a site sending too much is cut off at the cap"

# the log: every outside address fetched, and nothing else
"$SANCTUM" monitor log --json >"$E2E_TMP/log.json" 2>/dev/null
expect_eq "$(grep -c ' GET ' "$E2E_TMP/a.log")" \
	"$(jq -r "[.[] | select(.url | startswith(\"$HA\")) | select(.status > 0)] | length" "$E2E_TMP/log.json")" \
	"monitor log lists each request site A received"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "the audit trail verifies"

# the console's review queue: dismiss one, open an incident from another
start_server --allow-private-fetch --tasks-every 1 || { check 1 "the server starts"; cleanup; finish; }
J="$E2E_TMP/mo.jar"
expect_eq 303 "$(login "$J" mo 'a moderator password')" "mo logs in"
curl -s -b "$J" "$BASE/" >"$E2E_TMP/d.html"
expect_contains "$E2E_TMP/d.html" "Monitoring found 4 possible leaks outside that need review" \
	"the dashboard tells the moderator what waits"
expect_absent "$E2E_TMP/d.html" "blanket" "and nothing of what it is"
curl -s -b "$J" "$BASE/monitor" >"$E2E_TMP/q.html"
expect_contains "$E2E_TMP/q.html" "Monitoring: findings to review" "the queue's title says something waits"
expect_contains "$E2E_TMP/q.html" "Dismiss finding 2" "each finding can be dismissed"
expect_absent "$E2E_TMP/q.html" "blanket" "and the queue shows no outside words"
curl -s -b "$J" "$BASE/api/v1/monitor/findings" >"$E2E_TMP/f.json"
expect_eq 4 "$(jq -r 'length' "$E2E_TMP/f.json")" "the API lists the four new findings"
c=$(csrf_of "$J" /monitor)
expect_eq 303 "$(status POST /monitor/2/dismiss -b "$J" --data-urlencode "csrf=$c")" \
	"finding 2 is dismissed"
expect_eq 404 "$(status POST /monitor/2/dismiss -b "$J" --data-urlencode "csrf=$c")" \
	"and cannot be dismissed twice"
loc=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$J" --data-urlencode "csrf=$c" \
	"$BASE/monitor/1/incident")
inc=$(printf '%s' "$loc" | sed -n 's|.*/incidents/\([0-9]*\).*|\1|p')
[ -n "$inc" ]
check $? "an incident is opened from finding 1 in one step"
"$SANCTUM" incident show "$inc" --json >"$E2E_TMP/i.json" 2>/dev/null
expect_eq "$post" "$(jq -r '.leaked_posts[0].post' "$E2E_TMP/i.json")" \
	"it holds the leaked post"
expect_eq 1 "$(jq -r '.locations | length' "$E2E_TMP/i.json")" "and where it was found"
expect_eq "incident $inc" "$(sqlite3 "$SANCTUM_DB" "SELECT status || ' ' || incident_id FROM monitor_findings WHERE id = 1")" \
	"the finding points at it"
expect_eq 403 "$(status POST /api/v1/monitor/findings/3/dismiss -b "$J")" \
	"a POST without the CSRF token is refused"
printf 'a member password here\n' | "$SANCTUM" user add sam --role member >/dev/null 2>&1
JM="$E2E_TMP/sam.jar"
login "$JM" sam 'a member password here' >/dev/null
expect_eq 403 "$(status GET /monitor -b "$JM")" "a member cannot see the queue"

# serve reads what is due on its schedule
sqlite3 "$SANCTUM_DB" "UPDATE monitor_sources SET next_at = 0 WHERE id = $feed"
before=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM monitor_fetches WHERE source = $feed")
for _ in $(seq 1 60); do
	now=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM monitor_fetches WHERE source = $feed")
	[ "$now" -gt "$before" ] && break
	sleep 0.25
done
[ "$now" -gt "$before" ]
check $? "serve read the due feed on its own"
stop_server
cleanup
finish
