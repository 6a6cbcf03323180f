#!/usr/bin/env bash
# Member reports through the real server: anyone can report a leak with
# or without an account and anonymously; the leak detector reads each at
# once (copy marks too); the reporter gets a code to check how it stands;
# the words are sealed; trusted reporters come first; a moderator opens an
# incident from a report or closes it.  Abuse of the public form: floods
# from one address (and not from the next), screenshots too large in bytes
# or in pixels, and files that are no image, refused before anything is
# decoded or kept.
. "$(dirname "$0")/lib.bash"

"$SANCTUM" demo --dir "$E2E_TMP/demo" --no-serve >/dev/null 2>&1
export SANCTUM_DB="$E2E_TMP/demo/demo.db"
"$SANCTUM" group create "Quiet room" >/dev/null 2>&1
for u in sam fern; do
	printf 'a member password here\n' | "$SANCTUM" user add "$u" --role member >/dev/null 2>&1
	"$SANCTUM" pledge accept "$u" >/dev/null 2>&1
	"$SANCTUM" group add "Quiet room" "$u" >/dev/null 2>&1
done
post="The orchard behind my nan's old house is where I go in my head when the nights get long, and writing that here is the bravest thing I did this week"
pid=$(printf '%s\n' "$post" | "$SANCTUM" post add --group "Quiet room" --author sam 2>/dev/null | awk '{print $2}')
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1
start_server
check $? "serve starts"

# someone without an account
curl -s -c "$E2E_TMP/anon" -b "$E2E_TMP/anon" "$BASE/report" >"$E2E_TMP/f.html"
expect_contains "$E2E_TMP/f.html" "Report a leak" "the report page opens without an account"
acsrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$E2E_TMP/f.html" | head -n1)
curl -s -b "$E2E_TMP/anon" -F "csrf=$acsrf" -F "platform=a gossip forum" \
	-F "text=look what I found: $post" "$BASE/report" >"$E2E_TMP/ok.html"
expect_contains "$E2E_TMP/ok.html" "Thank you" "a report is received"
code=$(sed -n 's/.*id="code">\([^<]*\)<.*/\1/p' "$E2E_TMP/ok.html")
[ ${#code} -eq 43 ]
check $? "with a one-time code"
expect_eq "1 1" "$(sqlite3 "$SANCTUM_DB" "SELECT matches || ' ' || (reporter_id IS NULL) FROM reports")" \
	"the leak detector found the post, and the report names no one"
expect_eq "$pid" "$(sqlite3 "$SANCTUM_DB" "SELECT post_id FROM report_posts")" "the post found is kept beside it"
if grep -aq "orchard behind my nan" "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null; then
	check 1 "the report's words are sealed"
else
	check 0 "the report's words are sealed"
fi
expect_absent "$E2E_TMP/serve.err" "orchard" "and never in the log"
acsrf=$(csrf_of "$E2E_TMP/anon" /report/status)
curl -s -b "$E2E_TMP/anon" --data "csrf=$acsrf&code=$code" "$BASE/report/status" >"$E2E_TMP/st.html"
expect_contains "$E2E_TMP/st.html" "Received; a moderator will look at it soon" "the code tells how it stands"
curl -s -b "$E2E_TMP/anon" --data "csrf=$acsrf&code=$(printf 'x%.0s' $(seq 1 43))" "$BASE/report/status" >"$E2E_TMP/st.html"
expect_contains "$E2E_TMP/st.html" "We know no report by that code" "a wrong code tells nothing"
acsrf=$(csrf_of "$E2E_TMP/anon" /report)
expect_eq 400 "$(status POST /report -b "$E2E_TMP/anon" -F "csrf=$acsrf" -F "other=just worried")" \
	"a report that says nothing of where or what is refused"
expect_eq 400 "$(status POST /report -b "$E2E_TMP/anon" -F "csrf=$acsrf" -F "url=javascript:alert(1)")" \
	"and one with an address that is not http(s)"
expect_eq 403 "$(status POST /report -F "text=$post")" "a report without the form's token is refused"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM reports")" "none of those was kept"

# fern, logged in and trusted, reports a copy of what fern was shown
"$SANCTUM" member trust fern >/dev/null 2>&1
check $? "member trust marks a trusted reporter"
login "$E2E_TMP/fern" fern 'a member password here' >/dev/null
gid=$(sqlite3 "$SANCTUM_DB" "SELECT id FROM groups WHERE name = 'Quiet room'")
curl -s -b "$E2E_TMP/fern" "$BASE/groups/$gid" >"$E2E_TMP/g.html"
sed -e 's/<[^>]*>/ /g' "$E2E_TMP/g.html" | grep -F "orchard behind" >"$E2E_TMP/copy.txt"
fcsrf=$(csrf_of "$E2E_TMP/fern" /report)
curl -s -b "$E2E_TMP/fern" -F "csrf=$fcsrf" -F "text=<$E2E_TMP/copy.txt" \
	"$BASE/report" >"$E2E_TMP/ok2.html"
expect_contains "$E2E_TMP/ok2.html" "Thank you" "a logged-in member reports too"
expect_eq "" "$(sqlite3 "$SANCTUM_DB" "SELECT reporter_id FROM reports WHERE id = 2")" \
	"anonymous by default"
fcsrf=$(csrf_of "$E2E_TMP/fern" /report)
curl -s -b "$E2E_TMP/fern" -F "csrf=$fcsrf" -F "named=yes" -F "text=<$E2E_TMP/copy.txt" \
	"$BASE/report" >/dev/null
expect_eq "1 fern" "$(sqlite3 "$SANCTUM_DB" "SELECT r.trusted || ' ' || m.pseudonym FROM reports r JOIN members m ON m.id = r.reporter_id WHERE r.id = 3")" \
	"with their name when they choose, as a trusted reporter"
expect_eq fern "$(sqlite3 "$SANCTUM_DB" "SELECT u.name FROM report_marks k JOIN users u ON u.id = k.user_id WHERE k.report_id = 3")" \
	"and the copy marks name the account it was shown to"

# the moderators' queue
login "$E2E_TMP/mo" mo 'a moderator password' >/dev/null
curl -s -b "$E2E_TMP/mo" "$BASE/reports" >"$E2E_TMP/q.html"
first=$(grep -o 'Report [0-9]*[^<]*</td>' "$E2E_TMP/q.html" | head -n1)
expect_contains <(printf '%s' "$first") "Report 3 (trusted reporter)" "the trusted reporter's report comes first"
expect_absent "$E2E_TMP/q.html" "orchard" "the queue shows no words"
expect_eq 403 "$(status GET /reports -b "$E2E_TMP/fern")" "members do not see the queue"
csrf=$(csrf_of "$E2E_TMP/mo" /reports)
curl -s -b "$E2E_TMP/mo" --data "csrf=$csrf" "$BASE/reports/1/open" >"$E2E_TMP/r1.html"
expect_contains "$E2E_TMP/r1.html" "orchard behind my nan" "a moderator reads it, behind a content warning"
expect_contains "$E2E_TMP/r1.html" "a gossip forum" "with where it was seen"
expect_eq reviewing "$(sqlite3 "$SANCTUM_DB" "SELECT status FROM reports WHERE id = 1")" "and it is being reviewed"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" --data "csrf=$csrf" \
	"$BASE/reports/1/incident" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "/incidents/" "an incident opens from it"
inc=$(sed -n 's|.*/incidents/\([0-9]*\)?.*|\1|p' "$E2E_TMP/loc")
expect_eq "report $pid" "$(sqlite3 "$SANCTUM_DB" "SELECT i.source || ' ' || p.post_id FROM incidents i JOIN incident_posts p ON p.incident_id = i.id WHERE i.id = $inc")" \
	"with the post the report found"
acsrf=$(csrf_of "$E2E_TMP/anon" /report/status)
curl -s -b "$E2E_TMP/anon" --data "csrf=$acsrf&code=$code" "$BASE/report/status" >"$E2E_TMP/st.html"
expect_contains "$E2E_TMP/st.html" "It led to action" "the reporter can see it led to action"
curl -s -o /dev/null -b "$E2E_TMP/mo" --data "csrf=$csrf" "$BASE/reports/1/open"
expect_eq linked "$(sqlite3 "$SANCTUM_DB" "SELECT status FROM reports WHERE id = 1")" \
	"reading it again leaves it as it stands"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" --data "csrf=$csrf" \
	"$BASE/reports/2/dismiss" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=dismissed" "another is closed"
"$SANCTUM" report list >"$E2E_TMP/list" 2>&1
expect_contains "$E2E_TMP/list" "dismissed" "report list shows them"
expect_absent "$E2E_TMP/list" "orchard" "without their words"
curl -s -b "$E2E_TMP/fern" "$BASE/" >"$E2E_TMP/home.html"
expect_contains "$E2E_TMP/home.html" 'href="/report">Report a leak' "every page links the report page"

# screenshots that are refused at once; what was typed stays in the form
before=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM reports")
# anon FILE-FIELD...: an anonymous report with a screenshot; prints status
anon() {
	local c
	c=$(csrf_of "$E2E_TMP/anon" /report)
	curl -s -o "$E2E_TMP/out.html" -D "$E2E_TMP/hdr" -w '%{http_code}' \
		-b "$E2E_TMP/anon" -F "csrf=$c" -F "text=what I saw, typed" "$@" \
		"$BASE/report"
}
head -c $((9 << 20)) /dev/zero >"$E2E_TMP/big.png"
expect_eq 413 "$(anon -F "image=@$E2E_TMP/big.png;type=image/png")" \
	"a screenshot over 8 MiB (the body under --max-body) is refused: 413"
expect_contains "$E2E_TMP/out.html" "we take up to 8 MiB and 40 megapixels" "saying the limits"
expect_contains "$E2E_TMP/out.html" ">what I saw, typed</textarea>" "and keeping what was typed"
expect_eq 413 "$(anon -F "image=@$(dirname "$0")/../fixtures/images/bomb.png;type=image/png")" \
	"76 KB of PNG claiming 20000x20000 pixels is refused: 413"
expect_eq 415 "$(anon -F "image=@$E2E_TMP/copy.txt;type=image/png")" \
	"a file that is no PNG, JPEG or WebP is refused: 415"
expect_contains "$E2E_TMP/out.html" "not a PNG, JPEG or WebP image" "saying so"
expect_eq "$before" "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM reports")" "none of them was kept"
convert -size 1100x -background white -fill black -font DejaVu-Sans -pointsize 24 \
	caption:"$post" "$E2E_TMP/shot.png" 2>/dev/null
expect_eq 200 "$(anon -F "image=@$E2E_TMP/shot.png;type=image/png")" \
	"a screenshot of the right kind and size is taken"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT matches FROM reports ORDER BY id DESC LIMIT 1")" \
	"and its words lead to the post"

# floods: five reports from one address in a quarter of an hour, not six
sqlite3 "$SANCTUM_DB" "DELETE FROM throttle"
before=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM reports")
for i in 1 2 3 4 5; do
	anon >>"$E2E_TMP/codes"
	echo >>"$E2E_TMP/codes"
done
expect_eq 5 "$(grep -c '^200$' "$E2E_TMP/codes")" "five reports from one address are taken"
expect_eq 429 "$(anon)" "the sixth is refused: 429"
expect_contains "$E2E_TMP/out.html" "Many reports came in just now" "saying why"
wait=$(sed -n 's/^Retry-After: \([0-9]*\).*/\1/p' "$E2E_TMP/hdr")
[ -n "$wait" ] && [ "$wait" -gt 0 ] && [ "$wait" -le 900 ]
check $? "with Retry-After: $wait seconds"
expect_eq $((before + 5)) "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM reports")" "and not kept"
expect_eq 200 "$(anon --interface 127.0.0.2)" "another address still reports"
finish
