#!/usr/bin/env bash
# Scanning from the console and the API: roles, CSRF, what is shown, the
# audit entry, exposure counting, the incident, and the private-address
# guard on URL fetches.
. "$(dirname "$0")/lib.bash"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FIX="$ROOT/tests/fixtures/scan"

"$SANCTUM" demo --dir "$E2E_TMP/demo" --no-serve >/dev/null 2>&1
export SANCTUM_DB="$E2E_TMP/demo/demo.db"
"$SANCTUM" post add --group "Evening check-in" --author river-stone --cw grief \
	<"$FIX/post.txt" >"$E2E_TMP/post.out" 2>/dev/null
id=$(awk '{print $2}' "$E2E_TMP/post.out")
"$SANCTUM" post add --group "Evening check-in" --author river-stone \
	<"$FIX/edited.txt" >"$E2E_TMP/post2.out" 2>/dev/null
id2=$(awk '{print $2}' "$E2E_TMP/post2.out")
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1
printf 'a supporter password\n' | "$SANCTUM" user add su --role supporter >/dev/null 2>&1
start_server
check $? "serve starts"
login "$E2E_TMP/mo" mo 'a moderator password' >/dev/null
login "$E2E_TMP/su" su 'a supporter password' >/dev/null

expect_eq 403 "$(status GET /scan -b "$E2E_TMP/su")" "supporters do not scan"
expect_eq 200 "$(status GET /scan -b "$E2E_TMP/mo")" "moderators do"
csrf=$(csrf_of "$E2E_TMP/mo" /scan)
expect_eq 403 "$(status POST /scan -b "$E2E_TMP/mo" -F "text=$(cat "$FIX/post.txt")")" \
	"a scan without the CSRF token is refused"
curl -s -b "$E2E_TMP/mo" -F "csrf=$csrf" -F "text=Seen elsewhere: $(cat "$FIX/post.txt")" \
	"$BASE/scan" >"$E2E_TMP/res.html"
expect_contains "$E2E_TMP/res.html" "1 post of this community was found" "the post is found"
expect_contains "$E2E_TMP/res.html" "Post $id in Evening check-in" "named with its group"
expect_contains "$E2E_TMP/res.html" '<details class="cw"><summary>Content warning: grief' \
	"its text is folded behind its content warning"
expect_contains "$E2E_TMP/res.html" "street lights" "and there when opened"
"$SANCTUM" audit list --limit 5 >"$E2E_TMP/a"
expect_contains "$E2E_TMP/a" "sealed.open" "opening each match is audited"
expect_contains "$E2E_TMP/a" "posts.body $id" "naming the post it opened"
n=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM exposures e JOIN users u ON u.id = e.user_id WHERE u.name = 'mo'")
expect_eq 1 "$n" "and counts towards the moderator's exposure"
curl -s -b "$E2E_TMP/mo" -F "csrf=$csrf" -F "text=$(cat "$FIX/unrelated.txt")" \
	"$BASE/scan" >"$E2E_TMP/res2.html"
expect_contains "$E2E_TMP/res2.html" "No post of this community was found" "unrelated text finds nothing"

# an incident from the result
before=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM incidents WHERE status = 'open'")
expect_eq 303 "$(status POST /incidents -b "$E2E_TMP/mo" --data "csrf=$csrf&post=$id&post=$id2")" \
	"opening an incident from the result"
after=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM incidents WHERE status = 'open'")
expect_eq $((before + 1)) "$after" "adds an open incident"
expect_eq "$id $id2" "$(sqlite3 "$SANCTUM_DB" "SELECT group_concat(post_id, ' ') FROM (SELECT post_id FROM incident_posts WHERE incident_id = (SELECT max(id) FROM incidents) ORDER BY post_id)")" \
	"about both posts ticked"

# the console does not fetch private addresses unless told to
curl -s -b "$E2E_TMP/mo" -F "csrf=$csrf" -F "url=http://127.0.0.1:$PORT/healthz" \
	"$BASE/scan" >"$E2E_TMP/res3.html"
expect_contains "$E2E_TMP/res3.html" "private or loopback" "a loopback URL is refused"
curl -s -b "$E2E_TMP/mo" -F "csrf=$csrf" -F "url=http://10.1.2.3/" \
	"$BASE/scan" >"$E2E_TMP/res4.html"
expect_contains "$E2E_TMP/res4.html" "private or loopback" "so is a private one"

# the API
tok=$("$SANCTUM" token create --user mo scanner 2>/dev/null | tail -n1)
curl -s -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
	--data "{\"text\": \"$(tr -d '\n' <"$FIX/post.txt")\"}" "$BASE/api/v1/scan" >"$E2E_TMP/api.json"
expect_contains "$E2E_TMP/api.json" "\"post\":$id" "the API scan finds the post"
expect_contains "$E2E_TMP/api.json" '"leaked":true' "and says leaked"
expect_eq 400 "$(status POST /api/v1/scan -H "Authorization: Bearer $tok" \
	-H 'Content-Type: application/json' --data '{}')" "an empty API scan is a 400"

# writes from the command line while the server runs are followed at once,
# without building the index again
api_scan() {
	curl -s -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
		--data "{\"text\": \"$1\"}" "$BASE/api/v1/scan"
}
fresh="The lighthouse keeper at the end of our road waves every evening and I wave back now, which is more than I could do in March."
printf '%s\n' "$fresh" | "$SANCTUM" post add --group "Evening check-in" \
	--author river-stone >"$E2E_TMP/post3.out" 2>/dev/null
id3=$(awk '{print $2}' "$E2E_TMP/post3.out")
t0=$(date +%s%N)
api_scan "$fresh" >"$E2E_TMP/api3.json"
t1=$(date +%s%N)
expect_contains "$E2E_TMP/api3.json" "\"post\":$id3" "a post written while serving is found by the next scan"
[ $(( (t1 - t0) / 1000000 )) -lt 1000 ]
check $? "within a second"
"$SANCTUM" post delete "$id3" >/dev/null 2>&1
api_scan "$fresh" >"$E2E_TMP/api4.json"
expect_contains "$E2E_TMP/api4.json" '"leaked":false' "deleted, it is no longer found"
"$SANCTUM" post edit "$id" <"$FIX/unrelated.txt" >/dev/null 2>&1
api_scan "$(tr -d '\n' <"$FIX/post.txt")" >"$E2E_TMP/api5.json"
expect_absent "$E2E_TMP/api5.json" "\"post\":$id," "an edited post no longer matches its old text"
expect_eq 1 "$(grep -c 'detect: index built' "$E2E_TMP/serve.err")" \
	"and the server built its index only once"

# a scan of a slow site holds no lock: the community's writes go on
stop_server
make -s -C "$ROOT" build/tools/feedsrv >"$E2E_TMP/make.out" 2>&1
check $? "the test's web server builds"
mkdir -p "$E2E_TMP/site"
{ printf 'Seen on another site: '; tr -d '\n' <"$FIX/edited.txt"; echo; } >"$E2E_TMP/site/page.txt"
fport=$(free_port)
FEEDSRV_SLOW=4 "$ROOT/build/tools/feedsrv" 127.0.0.1 "$fport" "$E2E_TMP/site" "$E2E_TMP/f.log" \
	>"$E2E_TMP/f.out" 2>&1 &
fsrv=$!
for _ in $(seq 1 50); do grep -q ready "$E2E_TMP/f.out" 2>/dev/null && break; sleep 0.1; done
start_server --allow-private-fetch
login "$E2E_TMP/mo" mo 'a moderator password' >/dev/null
csrf=$(csrf_of "$E2E_TMP/mo" /scan)
curl -s -b "$E2E_TMP/mo" -F "csrf=$csrf" -F "url=http://127.0.0.1:$fport/slow/page.txt" \
	"$BASE/scan" >"$E2E_TMP/slow.html" &
scan=$!
sleep 1
t0=$(date +%s%N)
"$SANCTUM" group create "Made during a slow scan" >/dev/null 2>&1
rc=$?
t1=$(date +%s%N)
expect_eq 0 "$rc" "a write from the command line while the console fetches a slow site"
[ $(( (t1 - t0) / 1000000 )) -lt 1500 ]
check $? "does not wait for the fetch ($(( (t1 - t0) / 1000000 )) ms)"
wait "$scan"
expect_contains "$E2E_TMP/slow.html" "post of this community was found" "and the slow scan still finds the post"
kill "$fsrv" 2>/dev/null; wait "$fsrv" 2>/dev/null
finish
