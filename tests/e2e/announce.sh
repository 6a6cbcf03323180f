#!/usr/bin/env bash
# Step 5 through the real binary and server: the community hears of an
# incident only after every affected member has been written to; the
# guard refuses a name known here, words of any post (the leak detector),
# contact data and details of a method; a clean announcement is published
# and every member reads it.
. "$(dirname "$0")/lib.bash"

"$SANCTUM" demo --dir "$E2E_TMP/demo" --no-serve >/dev/null 2>&1
export SANCTUM_DB="$E2E_TMP/demo/demo.db"
printf 'a member password here\n' | "$SANCTUM" user add sam --role member >/dev/null 2>&1
"$SANCTUM" pledge accept sam >/dev/null 2>&1
"$SANCTUM" group add "Evening check-in" sam >/dev/null 2>&1
post="Every Sunday I bake bread with my grandmother's recipe and the kitchen smells like the house I grew up in before everything went wrong"
pid=$(printf '%s\n' "$post" | "$SANCTUM" post add --group "Evening check-in" --author sam 2>/dev/null | awk '{print $2}')
"$SANCTUM" incident open --post "$pid" >"$E2E_TMP/o" 2>&1
inc=$(sed -n 's/^opened incident \([0-9]*\) .*/\1/p' "$E2E_TMP/o")

"$SANCTUM" incident announce "$inc" >"$E2E_TMP/a" 2>&1
expect_eq 1 "$?" "no announcement before the risk assessment"
"$SANCTUM" incident assess "$inc" --risk low >/dev/null 2>&1
"$SANCTUM" incident announce "$inc" >"$E2E_TMP/a" 2>&1
expect_eq 1 "$?" "nor before every affected member is written to"
expect_contains "$E2E_TMP/a" "write to every affected member" "and it says so"
"$SANCTUM" incident draft "$inc" >/dev/null 2>&1
msg=$(sqlite3 "$SANCTUM_DB" "SELECT id FROM outreach WHERE incident_id = $inc")
"$SANCTUM" incident send "$msg" >/dev/null 2>&1
"$SANCTUM" incident announce "$inc" >"$E2E_TMP/a" 2>&1
expect_eq 0 "$?" "once they are, it is drafted"
ann=$(sqlite3 "$SANCTUM_DB" "SELECT max(id) FROM announcements")

printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1
start_server
check $? "serve starts"
login "$E2E_TMP/mo" mo 'a moderator password' >/dev/null
login "$E2E_TMP/sam" sam 'a member password here' >/dev/null
csrf=$(csrf_of "$E2E_TMP/mo" "/incidents/$inc")
curl -s -b "$E2E_TMP/mo" --data "csrf=$csrf" "$BASE/announcements/$ann/open" >"$E2E_TMP/e.html"
expect_contains "$E2E_TMP/e.html" "We want to tell you, openly and" "the draft opens from the template"
expect_contains "$E2E_TMP/e.html" "it can be published" "and the guard passes it"
save() { curl -s -b "$E2E_TMP/mo" --data "csrf=$csrf" --data-urlencode "body=$1" "$BASE/announcements/$ann"; }
save "A post by sam was copied elsewhere. Find A Helpline lists lines." >"$E2E_TMP/g.html"
expect_contains "$E2E_TMP/g.html" "it names someone known here: &quot;sam&quot;" "a member's name is found"
save "Someone copied this: every Sunday I bake bread with my grandmother's recipe and the kitchen smells like the house I grew up in." >"$E2E_TMP/g.html"
expect_contains "$E2E_TMP/g.html" "it carries words of a post of the community: &quot;post $pid&quot;" \
	"words of a post are found by the leak detector"
save "Write to the moderators at mods@circle.example with questions." >"$E2E_TMP/g.html"
expect_contains "$E2E_TMP/g.html" "it holds contact data" "contact data are found"
save "A member wrote about how many pills it would take and jumping from the bridge." >"$E2E_TMP/g.html"
expect_contains "$E2E_TMP/g.html" "it speaks of a method or an attempt" "details of a method are found"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" --data "csrf=$csrf" \
	"$BASE/announcements/$ann/publish" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=guard" "a draft the guard refuses is not published"
curl -s -b "$E2E_TMP/sam" "$BASE/announcements" >"$E2E_TMP/m.html"
expect_contains "$E2E_TMP/m.html" "There is no announcement" "members see nothing yet"
save "To everyone here: something shared in our community was copied elsewhere. The people most affected have heard from us first. We are having it taken down. This is still your space. Find A Helpline lists support for every country." >"$E2E_TMP/g.html"
expect_contains "$E2E_TMP/g.html" "it can be published" "a careful announcement passes"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" --data "csrf=$csrf" \
	"$BASE/announcements/$ann/publish" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=published" "and is published"
expect_eq 5 "$(sqlite3 "$SANCTUM_DB" "SELECT step FROM incidents WHERE id = $inc")" "the incident is at step 5"
curl -s -b "$E2E_TMP/sam" "$BASE/announcements" >"$E2E_TMP/m.html"
expect_contains "$E2E_TMP/m.html" "This is still your space" "every member reads it"
expect_eq 303 "$(status GET /announcements)" "someone logged out is sent to the login page"
expect_eq published "$(sqlite3 "$SANCTUM_DB" "SELECT status FROM announcements WHERE id = $ann")" "it is kept as published"
"$SANCTUM" incident publish "$ann" >/dev/null 2>&1
expect_eq 1 "$?" "publishing it again is refused"
"$SANCTUM" debrief list --json >"$E2E_TMP/d.json"
expect_eq "incident $inc" "$(jq -r '.[0] | "\(.kind) \(.incident)"' "$E2E_TMP/d.json")" \
	"publishing plans a debrief after the incident"
expect_eq mo "$(jq -r '.[0].people | join(",")' "$E2E_TMP/d.json")" "for the moderator who acted on it"

# the report, for the record
"$SANCTUM" incident report "$inc" >"$E2E_TMP/report.html" 2>&1
expect_eq 0 "$?" "incident report prints the report"
expect_contains "$E2E_TMP/report.html" "<h1>Incident $inc: report</h1>" "as a page of its own"
expect_contains "$E2E_TMP/report.html" "1 announcement published." "with what each step did"
expect_contains "$E2E_TMP/report.html" "announce.publish" "and the timeline"
expect_absent "$E2E_TMP/report.html" "grandmother" "without the leaked words"
expect_absent "$E2E_TMP/report.html" ">sam<" "or the name of who is affected"
curl -s -b "$E2E_TMP/mo" "$BASE/incidents/$inc/report" >"$E2E_TMP/rep.html"
expect_contains "$E2E_TMP/rep.html" "1 affected; 1 message drafted, 1 sent" "the console shows it too"
expect_eq 403 "$(status GET "/incidents/$inc/report" -b "$E2E_TMP/sam")" "to moderators only"
finish
