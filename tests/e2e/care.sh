#!/usr/bin/env bash
# Sustained support through the real binary and server: a care case is
# opened for an affected member and held by one person; its check-ins are
# planned from the member's choices in their own time zone; the member
# chooses on their own page (and "please don't contact me" empties every
# plan at once); check-ins are done, skipped and moved; the case changes
# hands only explicitly; the member's words and the notes stay sealed;
# the member closes it and has the notes deleted.
. "$(dirname "$0")/lib.bash"

new_community || exit 1
printf 'a member password here\n' | "$SANCTUM" user add sam --role member >/dev/null 2>&1
printf 'another member password\n' | "$SANCTUM" user add kit --role member >/dev/null 2>&1
printf 'a supporter password\n' | "$SANCTUM" user add sue --role supporter >/dev/null 2>&1
printf 'a second supporter password\n' | "$SANCTUM" user add sol --role supporter >/dev/null 2>&1
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1

# the command line
"$SANCTUM" care open --member sam --supporter mo >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "a moderator without current training cannot hold a case"
expect_contains "$E2E_TMP/o" "training is current" "and the refusal says why"
"$SANCTUM" care open --member nobody --supporter sue >/dev/null 2>&1
expect_eq 1 "$?" "no case for a pseudonym nobody has"
"$SANCTUM" care open --member sam >/dev/null 2>&1
expect_eq 2 "$?" "a case needs the person who holds it"
id=$("$SANCTUM" care open --member sam --supporter sue 2>"$E2E_TMP/err")
check $? "sue opens a case for sam"
expect_eq 1 "$id" "the command prints the new case's id"
"$SANCTUM" care open --member sam --supporter sue >/dev/null 2>&1
expect_eq 1 "$?" "one open case per member and incident"
"$SANCTUM" care show "$id" --json >"$E2E_TMP/c.json"
expect_eq 5 "$(jq '.checkins | length' "$E2E_TMP/c.json")" "the default plan has five check-ins"
expect_eq "one day,one week,one month,three months,six months" \
	"$(jq -r '[.checkins[].label] | join(",")' "$E2E_TMP/c.json")" \
	"a day, a week, a month, three and six months"
expect_eq planned "$(jq -r '.checkins[0].status' "$E2E_TMP/c.json")" "each planned"
expect_contains "$E2E_TMP/c.json" '"due_at": "' "each with its due time"
expect_eq "10:00:00Z" "$(jq -r '.checkins[1].due_at' "$E2E_TMP/c.json" | cut -c12-)" \
	"at ten in the member's day (UTC until they choose)"

"$SANCTUM" care prefs sam --contact in-app --zone America/New_York --hour 9 >/dev/null 2>&1
check $? "the member's choices are recorded"
"$SANCTUM" care show "$id" --json >"$E2E_TMP/c.json"
expect_eq America/New_York "$(jq -r '.choices.zone' "$E2E_TMP/c.json")" "with their time zone"
week=$(jq -r '.checkins[1].due_at' "$E2E_TMP/c.json")
case "$week" in
*T13:00:00Z|*T14:00:00Z) check 0 "the plan follows: nine in New York is 13:00 or 14:00 UTC ($week)" ;;
*) check 1 "the plan follows: nine in New York is 13:00 or 14:00 UTC ($week)" ;;
esac
"$SANCTUM" care prefs sam --contact in-app --zone Mars/Olympus >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "an unknown time zone is refused"
expect_eq America/New_York "$(sqlite3 "$SANCTUM_DB" "SELECT zone FROM care_prefs")" "and changes nothing"
"$SANCTUM" care prefs sam --contact pigeon >/dev/null 2>&1
expect_eq 1 "$?" "an unknown channel is refused"
"$SANCTUM" care prefs sam --contact email >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "email needs contact details on file"

"$SANCTUM" care due --json --at 2100-01-01T00:00:00Z >"$E2E_TMP/d.json"
expect_eq 5 "$(jq '.due | length' "$E2E_TMP/d.json")" "far ahead, all five are due"
expect_eq 0 "$("$SANCTUM" care due --json | jq '.due | length')" "now, none is"
"$SANCTUM" care due --at yesterday >/dev/null 2>&1
expect_eq 1 "$?" "--at takes an RFC 3339 time"

first=$(jq -r '.checkins[0].id' "$E2E_TMP/c.json")
second=$(jq -r '.checkins[1].id' "$E2E_TMP/c.json")
"$SANCTUM" care checkin "$first" done --note "We talked; the screenshot worries her most." >/dev/null 2>&1
check $? "a check-in is done, with a note"
"$SANCTUM" care checkin "$first" skip >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "a check-in done cannot be skipped after"
"$SANCTUM" care checkin "$second" move 2099-03-01T15:00:00Z >/dev/null 2>&1
check $? "a check-in is moved"
"$SANCTUM" care show "$id" --json >"$E2E_TMP/c.json"
expect_eq done "$(jq -r ".checkins[] | select(.id == $first) | .status" "$E2E_TMP/c.json")" "it reads done"
expect_eq 2099-03-01T15:00:00Z "$(jq -r ".checkins[] | select(.id == $second) | .due_at" "$E2E_TMP/c.json")" \
	"the moved one is due when it was moved to"
expect_contains "$E2E_TMP/c.json" '"moved_from"' "and keeps when it was first due"
if grep -aq "screenshot worries" "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null; then
	check 1 "the note is sealed"
else
	check 0 "the note is sealed"
fi

# "please don't contact me" holds everywhere at once
"$SANCTUM" care prefs sam --no-contact >/dev/null 2>&1
check $? "the member asks not to be contacted"
expect_eq 0 "$("$SANCTUM" care due --json --at 2100-01-01T00:00:00Z | jq '.due | length')" \
	"no check-in is due for them, however far ahead"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM followups WHERE status = 'planned'")" \
	"only the check-in a person moved stays in the plan"
"$SANCTUM" care prefs sam --contact in-app --every 14 >/dev/null 2>&1
check $? "they come back, every 14 days"

# the console
start_server
check $? "serve starts"
login "$E2E_TMP/sue" sue 'a supporter password' >/dev/null
login "$E2E_TMP/sol" sol 'a second supporter password' >/dev/null
login "$E2E_TMP/sam" sam 'a member password here' >/dev/null
login "$E2E_TMP/kit" kit 'another member password' >/dev/null
login "$E2E_TMP/mo" mo 'a moderator password' >/dev/null
curl -s -b "$E2E_TMP/sue" "$BASE/care" >"$E2E_TMP/care.html"
expect_contains "$E2E_TMP/care.html" "Your cases" "a supporter sees the cases they hold"
expect_contains "$E2E_TMP/care.html" "sam" "sam's among them"
curl -s -b "$E2E_TMP/sol" "$BASE/care" >"$E2E_TMP/care2.html"
expect_absent "$E2E_TMP/care2.html" ">sam<" "another supporter does not see it"
expect_eq 404 "$(status GET "/care/$id" -b "$E2E_TMP/sol")" "nor open it"
expect_eq 403 "$(status GET "/care" -b "$E2E_TMP/sam")" "a member has no care list"
expect_eq 200 "$(status GET "/care/$id" -b "$E2E_TMP/sue")" "the holder opens the case"

# the dashboard's charts, drawn on the server with no script
curl -s -b "$E2E_TMP/mo" "$BASE/" >"$E2E_TMP/dash.html"
expect_contains "$E2E_TMP/dash.html" 'Check-ins done, by week' "the dashboard charts check-ins done"
expect_contains "$E2E_TMP/dash.html" 'role="img" aria-labelledby="chart-done-t chart-done-d"' \
	"as an image with its title and description"
grep -q 'chart-done-d">[^<]*: 1 done' "$E2E_TMP/dash.html"
check $? "whose description says the check-in done this week"
expect_contains "$E2E_TMP/dash.html" 'Check-ins due, the weeks ahead' "and those due"
expect_absent "$E2E_TMP/dash.html" '<script' "with no script"

# the member's own page
curl -s -b "$E2E_TMP/sam" "$BASE/me/support" >"$E2E_TMP/me.html"
expect_contains "$E2E_TMP/me.html" "sue is the person supporting you" "the member sees who supports them"
expect_contains "$E2E_TMP/me.html" "Every 14 days" "and what they chose"
expect_contains "$E2E_TMP/me.html" "America/New_York" "in their own time zone"
mcsrf=$(csrf_of "$E2E_TMP/sam" /me/support)
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sam" \
	--data "csrf=$mcsrf&needs=Short+messages+please%2C+and+nothing+about+work." \
	"$BASE/me/support/$id/needs" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=needs" "the member writes what they need"
if grep -aq "nothing about work" "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null; then
	check 1 "their words are sealed"
else
	check 0 "their words are sealed"
fi
curl -s -b "$E2E_TMP/sam" "$BASE/me/support" >"$E2E_TMP/me.html"
expect_contains "$E2E_TMP/me.html" "nothing about work" "and reads them back"
kcsrf=$(csrf_of "$E2E_TMP/kit" /me/support)
curl -s -o /dev/null -b "$E2E_TMP/kit" --data "csrf=$kcsrf&needs=not+mine" "$BASE/me/support/$id/needs"
curl -s -b "$E2E_TMP/sam" "$BASE/me/support" >"$E2E_TMP/me.html"
expect_absent "$E2E_TMP/me.html" "not mine" "another member cannot write in someone's case"
curl -s -b "$E2E_TMP/sue" "$BASE/care/$id" >"$E2E_TMP/case.html"
expect_absent "$E2E_TMP/case.html" "nothing about work" "the holder sees the words only on asking"
scsrf=$(csrf_of "$E2E_TMP/sue" "/care/$id")
before=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action LIKE 'open%' OR action LIKE '%.open'")
curl -s -b "$E2E_TMP/sue" --data "csrf=$scsrf" "$BASE/care/$id/open" >"$E2E_TMP/case.html"
expect_contains "$E2E_TMP/case.html" "nothing about work" "and then reads them"
expect_contains "$E2E_TMP/case.html" "the screenshot worries her" "with the notes"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM exposures WHERE kind = 'member-needs'")" \
	"reading them counts as exposure"

# choices on the member's page: opting out, then in
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sam" \
	--data "csrf=$mcsrf&contact=no&channel=in-app&every=14&hour=9&zone=America%2FNew_York&lang=en" \
	"$BASE/me/support/prefs" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=contact-stopped" "the member opts out on their own page"
curl -s -b "$E2E_TMP/sue" "$BASE/care/$id" >"$E2E_TMP/case.html"
expect_contains "$E2E_TMP/case.html" "No check-in is due while this holds" "the holder sees it at once"
curl -s -b "$E2E_TMP/sue" "$BASE/api/v1/care/due?at=2100-01-01T00:00:00Z" >"$E2E_TMP/due.json"
expect_eq 0 "$(jq '.due | length' "$E2E_TMP/due.json")" "and nothing of theirs is due in the API"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sam" \
	--data "csrf=$mcsrf&contact=yes&channel=in-app&every=0&hour=8&zone=Nowhere%2FAt_all&lang=en" \
	"$BASE/me/support/prefs" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=zone" "an unknown time zone is refused"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT contact FROM care_prefs")" "and nothing changed"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sam" \
	--data "csrf=$mcsrf&contact=yes&channel=in-app&every=0&hour=8&zone=Europe%2FLisbon&lang=pt" \
	"$BASE/me/support/prefs" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=prefs" "the member opts back in, on the default plan"
expect_eq "pt Europe/Lisbon 8" "$(sqlite3 "$SANCTUM_DB" "SELECT lang || ' ' || zone || ' ' || hour FROM care_prefs")" \
	"in their language, zone and hour"
curl -s -b "$E2E_TMP/sue" "$BASE/api/v1/care/$id" >"$E2E_TMP/c.json"
expect_eq member "$(sqlite3 "$SANCTUM_DB" "SELECT updated_by FROM care_prefs")" "chosen by the member"
expect_absent "$E2E_TMP/c.json" "nothing about work" "the API shows the case without the member's words"

# check-ins in the console
next=$(jq -r '[.checkins[] | select(.status == "planned")][0].id' "$E2E_TMP/c.json")
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data "csrf=$scsrf&to=2099-06-01T10%3A00" \
	"$BASE/checkins/$next/move" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=checkin-moved" "the holder moves a check-in"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data "csrf=$scsrf&to=soon" \
	"$BASE/checkins/$next/move" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=care-refused" "a time that is not one is refused"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data "csrf=$scsrf&note=" \
	"$BASE/checkins/$next/done" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=checkin-done" "and marks it done"
ocsrf=$(csrf_of "$E2E_TMP/sol" /care)
later=$(sqlite3 "$SANCTUM_DB" "SELECT id FROM followups WHERE status = 'planned' ORDER BY due_at LIMIT 1")
curl -s -o /dev/null -b "$E2E_TMP/sol" --data "csrf=$ocsrf" "$BASE/checkins/$later/skip"
expect_eq planned "$(sqlite3 "$SANCTUM_DB" "SELECT status FROM followups WHERE id = $later")" \
	"someone who does not hold the case cannot skip its check-ins"

# handover, explicit and kept
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data "csrf=$scsrf&to=sol&reason=stepping+back" \
	"$BASE/care/$id/hand" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=handed" "sue hands the case to sol"
expect_eq "sue sol stepping back" "$(sqlite3 "$SANCTUM_DB" "SELECT f.name || ' ' || t.name || ' ' || h.reason FROM care_handovers h JOIN users f ON f.id = h.from_user JOIN users t ON t.id = h.to_user")" \
	"the handover is kept with who, to whom and why"
expect_eq 404 "$(status GET "/care/$id" -b "$E2E_TMP/sue")" "sue no longer opens it"
curl -s -b "$E2E_TMP/sam" "$BASE/me/support" >"$E2E_TMP/me.html"
expect_contains "$E2E_TMP/me.html" "sol is the person supporting you" "the member sees the new name"
"$SANCTUM" care hand "$id" --to mo >/dev/null 2>&1
expect_eq 1 "$?" "a case is not handed to someone who may not hold it"

# the member closes, then has the notes deleted
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sam" --data "csrf=$mcsrf" \
	"$BASE/me/support/$id/forget" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=invalid" "notes are deleted only once the case is closed"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sam" --data "csrf=$mcsrf" \
	"$BASE/me/support/$id/close" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=support-closed" "the member closes their case"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM followups WHERE status = 'planned'")" \
	"nothing is planned after"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sam" --data "csrf=$mcsrf" \
	"$BASE/me/support/$id/forget" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=forgotten" "and asks for the notes to be deleted"
expect_eq "0 0 0" "$(sqlite3 "$SANCTUM_DB" "SELECT (notes_sealed IS NOT NULL) || ' ' || (needs_sealed IS NOT NULL) || ' ' || (SELECT count(*) FROM followups WHERE notes_sealed IS NOT NULL) FROM care_cases WHERE id = $id")" \
	"the notes, the check-ins' notes and their words are gone"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'care.forget'")" \
	"the audit trail keeps that it happened"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "the audit trail verifies"
finish
