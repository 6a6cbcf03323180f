#!/usr/bin/env bash
# Incidents through the real binary and server: opening one (by hand, from
# a scan), the triage of its posts without anyone reading them, affected
# members and locations, the risk assessment that comes first, what stays
# sealed until asked for, and the timeline.
. "$(dirname "$0")/lib.bash"

"$SANCTUM" demo --dir "$E2E_TMP/demo" --no-serve >/dev/null 2>&1
export SANCTUM_DB="$E2E_TMP/demo/demo.db"
risky="The pills are saved up and I am going to do it tonight, the lantern by the harbour wall is the last thing I want to see"
out=$(printf '%s\n' "$risky" | "$SANCTUM" post add --group "Evening check-in" \
	--author river-stone 2>/dev/null)
pid=$(printf '%s' "$out" | awk '{print $2}')
calm=$(printf 'We planted tomatoes on the balcony today and the basil came up too.\n' |
	"$SANCTUM" post add --group "Evening check-in" --author willow-reads 2>/dev/null |
	awk '{print $2}')

# the command line
"$SANCTUM" incident open --post "$pid" --post "$calm" \
	--url "https://forum.example.net/t/4411?ref=share" >"$E2E_TMP/o" 2>&1
expect_eq 0 "$?" "incident open: exit 0"
inc=$(sed -n 's/^opened incident \([0-9]*\) .*/\1/p' "$E2E_TMP/o")
[ -n "$inc" ]
check $? "and says its number ($inc)"
"$SANCTUM" incident show "$inc" --json >"$E2E_TMP/s.json" 2>&1
expect_contains "$E2E_TMP/s.json" '"step": 1' "it starts at step 1"
expect_contains "$E2E_TMP/s.json" '"suggested_risk": "immediate"' \
	"triage suggests immediate risk from the post's words"
expect_contains "$E2E_TMP/s.json" '"pseudonym": "river-stone"' "its author is affected"
expect_contains "$E2E_TMP/s.json" '"triage": "behavior"' "at the level of behaviour (pills saved up)"
expect_contains "$E2E_TMP/s.json" '"platform": "forum.example.net"' \
	"the location's platform comes from its address"
expect_contains "$E2E_TMP/s.json" '"action": "incident.open"' "the timeline begins"
expect_absent "$E2E_TMP/s.json" "harbour wall" "no word of the post is shown"
expect_absent "$E2E_TMP/s.json" "4411" "nor the address"
first=$(sed -n '/"affected"/,/]/p' "$E2E_TMP/s.json" | grep -m1 pseudonym)
expect_contains <(printf '%s' "$first") "river-stone" "the one at risk is listed first"

"$SANCTUM" incident assess "$inc" --risk low >"$E2E_TMP/a" 2>&1
expect_eq 1 "$?" "a risk lower than triage suggests, without a note, is refused"
expect_contains "$E2E_TMP/a" "add a note saying why" "and says what is missing"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT step FROM incidents WHERE id = $inc")" \
	"the incident stays at step 1"
"$SANCTUM" incident assess "$inc" --risk elevated --note "Spoke with river-stone on the phone: safe tonight, sister staying over" \
	>"$E2E_TMP/a" 2>&1
expect_eq 0 "$?" "with a note saying why, it is recorded"
expect_eq "2 elevated" "$(sqlite3 "$SANCTUM_DB" "SELECT step || ' ' || risk FROM incidents WHERE id = $inc")" \
	"and the incident moves to step 2"
"$SANCTUM" incident assess "$inc" --risk sky-high >/dev/null 2>&1
expect_eq 1 "$?" "an unknown risk is refused"
"$SANCTUM" incident add-member "$inc" nobody-by-that-name >/dev/null 2>&1
expect_eq 1 "$?" "an unknown member cannot be added"
"$SANCTUM" incident add-member "$inc" bramble >/dev/null 2>&1
expect_eq 0 "$?" "a member can be added"
for bad in "javascript:alert(1)" "ftp://files.example.net/x" "https://a.example/with space" ""; do
	"$SANCTUM" incident add-location "$inc" "$bad" >/dev/null 2>&1
	expect_eq 1 "$?" "the address [$bad] is refused"
done
"$SANCTUM" incident add-location "$inc" "https://paste.example.org/raw/9921" \
	--platform "a paste site" >/dev/null 2>&1
expect_eq 0 "$?" "a second place is added"
"$SANCTUM" incident show "$inc" >"$E2E_TMP/s.txt" 2>&1
expect_contains "$E2E_TMP/s.txt" "bramble (added)" "the added member is shown"
expect_contains "$E2E_TMP/s.txt" "on a paste site (address sealed)" "and the second place"
expect_contains "$E2E_TMP/s.txt" "incident.assess  risk elevated (triage suggested immediate); with a note" \
	"the timeline keeps the assessment, never the note"
expect_contains "$E2E_TMP/s.txt" "could see the posts:" "and says who could see the posts"
for secret in "sister staying over" "paste.example.org" "harbour wall"; do
	if grep -aq "$secret" "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null; then
		check 1 "[$secret] is not in the database as written"
	else
		check 0 "[$secret] is not in the database as written"
	fi
done
"$SANCTUM" incident show 999 >/dev/null 2>&1
expect_eq 1 "$?" "an incident that does not exist: exit 1"
"$SANCTUM" incident list --json >"$E2E_TMP/l.json"
expect_contains "$E2E_TMP/l.json" "\"id\": $inc" "incident list names it"

# the console
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1
printf 'a member password here\n' | "$SANCTUM" user add sam --role member >/dev/null 2>&1
start_server
check $? "serve starts"
login "$E2E_TMP/mo" mo 'a moderator password' >/dev/null
login "$E2E_TMP/sam" sam 'a member password here' >/dev/null
expect_eq 403 "$(status GET /incidents -b "$E2E_TMP/sam")" "members do not see incidents"
expect_eq 403 "$(status GET "/incidents/$inc" -b "$E2E_TMP/sam")" "nor one of them"
curl -s -b "$E2E_TMP/mo" "$BASE/incidents" >"$E2E_TMP/list.html"
expect_contains "$E2E_TMP/list.html" "Incident $inc</a>" "the list links the incident"
curl -s -b "$E2E_TMP/mo" "$BASE/incidents/$inc" >"$E2E_TMP/i.html"
expect_contains "$E2E_TMP/i.html" '<li class="done">assess immediate risk (done)</li>' \
	"the page shows step 1 done"
expect_contains "$E2E_TMP/i.html" 'aria-current="step">contact affected members (now)' \
	"and step 2 as the current one"
expect_contains "$E2E_TMP/i.html" "<td>river-stone</td>" "it lists the affected"
expect_contains "$E2E_TMP/i.html" "Immediate risk." "with the crisis actions at the top"
expect_absent "$E2E_TMP/i.html" "harbour wall" "the posts' words stay sealed"
expect_absent "$E2E_TMP/i.html" "sister staying over" "and the note"
expect_contains "$E2E_TMP/i.html" "Read what leaked" "a moderator can ask for them"
expect_eq 404 "$(status GET /incidents/999 -b "$E2E_TMP/mo")" "an unknown incident is 404"
csrf=$(csrf_of "$E2E_TMP/mo" "/incidents/$inc")
before=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM exposures e JOIN users u ON u.id = e.user_id WHERE u.name = 'mo'")
curl -s -b "$E2E_TMP/mo" --data "csrf=$csrf" "$BASE/incidents/$inc/open" >"$E2E_TMP/r.html"
expect_contains "$E2E_TMP/r.html" "harbour wall" "asked for, the post's words are shown"
expect_contains "$E2E_TMP/r.html" '<details class="cw"><summary>Content warning' \
	"behind a content warning"
expect_contains "$E2E_TMP/r.html" "going to do it tonight" "with the phrases triage read"
expect_contains "$E2E_TMP/r.html" "https://paste.example.org/raw/9921" "and the addresses"
expect_contains "$E2E_TMP/r.html" "has no current training" \
	"the note stays closed to a moderator without current training"
after=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM exposures e JOIN users u ON u.id = e.user_id WHERE u.name = 'mo'")
[ "$after" -gt "$before" ]
check $? "reading them counts towards the moderator's exposure ($before, then $after)"
"$SANCTUM" audit list --limit 12 >"$E2E_TMP/au"
expect_contains "$E2E_TMP/au" "posts.body $pid" "and each opening is audited"
"$SANCTUM" training record mo "trauma-informed communication" >/dev/null 2>&1
"$SANCTUM" training record mo "mental health first aid" >/dev/null 2>&1
curl -s -b "$E2E_TMP/mo" --data "csrf=$csrf" "$BASE/incidents/$inc/open" >"$E2E_TMP/r2.html"
expect_contains "$E2E_TMP/r2.html" "sister staying over" "with current training the note opens"
expect_eq 403 "$(status POST "/incidents/$inc/open" -b "$E2E_TMP/mo")" \
	"reading without the CSRF token is refused"

# opening one by hand from the console, then assessing it
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" --data "csrf=$csrf&from=hand" \
	--data-urlencode "url=https://chat.example.com/c/88" "$BASE/incidents" >"$E2E_TMP/loc"
new=$(sed -n 's|.*/incidents/\([0-9]*\)?done=opened|\1|p' "$E2E_TMP/loc")
[ -n "$new" ] && [ "$new" != "$inc" ]
check $? "POST /incidents opens one by hand and shows it ($new)"
expect_eq "hand 1" "$(sqlite3 "$SANCTUM_DB" "SELECT source || ' ' || (SELECT count(*) FROM leaks WHERE incident_id = $new) FROM incidents WHERE id = $new")" \
	"by hand, with its place"
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$E2E_TMP/mo" \
	--data "csrf=$csrf&url=javascript:alert(1)" "$BASE/incidents")
expect_contains <(printf '%s' "$code") "error=location" "a bad address opens nothing"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" \
	--data "csrf=$csrf&risk=low" "$BASE/incidents/$new/assess" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=assessed" "with nothing leaked, low risk needs no note"
expect_eq 2 "$(sqlite3 "$SANCTUM_DB" "SELECT step FROM incidents WHERE id = $new")" \
	"and it moves to step 2"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" \
	--data "csrf=$csrf&pseudonym=kettle-on" "$BASE/incidents/$new/members" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=member-added" "a member is added from the console"
curl -s -b "$E2E_TMP/mo" "$BASE/incidents/$new" >"$E2E_TMP/n.html"
expect_contains "$E2E_TMP/n.html" "incident.member" "and the timeline says so"
expect_contains "$E2E_TMP/n.html" "added by a moderator" "as someone a moderator added"

finish
