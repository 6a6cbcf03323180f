#!/usr/bin/env bash
# Counselling the community covers, and practical help, through the real
# binary and server: a directory of trauma-informed therapists; offers a
# member accepts or declines; sessions recorded with their cost and
# nothing clinical, refused past the offer or the admins' budget;
# practical help with a sealed note and a plain outcome, deleted with the
# case's notes when the member asks.
. "$(dirname "$0")/lib.bash"

new_community || exit 1
printf 'a member password here\n' | "$SANCTUM" user add sam --role member >/dev/null 2>&1
printf 'a supporter password\n' | "$SANCTUM" user add sue --role supporter >/dev/null 2>&1
printf 'a second supporter password\n' | "$SANCTUM" user add sol --role supporter >/dev/null 2>&1
id=$("$SANCTUM" care open --member sam --supporter sue 2>/dev/null)
check $? "a case is opened"

"$SANCTUM" care therapist "Dr Rowan Vale" --region "Leeds, GB" --languages "en, cy" \
	--source "https://directory.example/rowan-vale" >/dev/null 2>&1
check $? "a trauma-informed therapist joins the directory"
expect_contains <("$SANCTUM" care therapists --json) '"name": "Dr Rowan Vale"' "and is listed"
"$SANCTUM" care budget 200 GBP >"$E2E_TMP/b" 2>&1
check $? "an admin sets the counselling budget"
expect_contains "$E2E_TMP/b" "200.00 GBP, 0.00 GBP spent" "it says what is left"
"$SANCTUM" care budget 200 pounds >/dev/null 2>&1
expect_eq 1 "$?" "a currency is a three-letter code"

"$SANCTUM" care offer "$id" --therapist 1 --sessions 2 >"$E2E_TMP/o" 2>&1
check $? "two covered sessions are offered"
"$SANCTUM" care session 1 --date 2026-11-30 --cost 80 >"$E2E_TMP/s" 2>&1
expect_eq 1 "$?" "no session before the member accepts"
"$SANCTUM" care offer 1 accepted >/dev/null 2>&1
check $? "the member accepts"
"$SANCTUM" care session 1 --date 2026-11-30 --cost 80 >/dev/null 2>&1
check $? "a session is recorded with its cost"
"$SANCTUM" care session 1 --date 2026-12-01 --cost 150.50 >"$E2E_TMP/s" 2>&1
expect_eq 1 "$?" "a session past the budget is refused"
expect_contains "$E2E_TMP/s" "120.00 GBP left" "saying what is left"
"$SANCTUM" care session 1 --date 2026-12-01 --cost 79.99 >/dev/null 2>&1
check $? "one within it is recorded"
"$SANCTUM" care session 1 --date 2026-12-01 --cost 1 >"$E2E_TMP/s" 2>&1
expect_eq 1 "$?" "no more sessions than were offered"
expect_eq 15999 "$(sqlite3 "$SANCTUM_DB" "SELECT sum(cost) FROM counselling_sessions")" "the costs add up"
expect_eq "" "$(sqlite3 "$SANCTUM_DB" "SELECT name FROM pragma_table_info('counselling_sessions') WHERE name LIKE '%note%'")" \
	"sessions have no place for clinical notes"

"$SANCTUM" care help "$id" --kind employer --note "Drafted a letter to her manager asking for the screenshot to be deleted from the team chat." >/dev/null 2>&1
check $? "practical help is recorded"
if grep -aq "team chat" "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null; then
	check 1 "its note is sealed"
else
	check 0 "its note is sealed"
fi
"$SANCTUM" care help "$id" --kind astrology --note "x" >/dev/null 2>&1
expect_eq 1 "$?" "an unknown kind of help is refused"

start_server
check $? "serve starts"
login "$E2E_TMP/sue" sue 'a supporter password' >/dev/null
login "$E2E_TMP/sol" sol 'a second supporter password' >/dev/null
csrf=$(csrf_of "$E2E_TMP/sue" "/care/$id")
curl -s -b "$E2E_TMP/sue" "$BASE/care/$id" >"$E2E_TMP/c.html"
expect_contains "$E2E_TMP/c.html" "budget 200.00 GBP, 159.99 GBP spent" "the case page shows the budget"
expect_contains "$E2E_TMP/c.html" "Dr Rowan Vale" "and the offer"
expect_absent "$E2E_TMP/c.html" "team chat" "the help's note stays closed"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data "csrf=$csrf&therapist=0&sessions=3" \
	"$BASE/care/$id/offers" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=offered" "an offer with a therapist of their choosing"
curl -s -o /dev/null -b "$E2E_TMP/sue" --data "csrf=$csrf&status=accepted" "$BASE/offers/2/status"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data "csrf=$csrf&date=2026-12-01&cost=60" \
	"$BASE/offers/2/sessions" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=over-budget" "the console refuses a session past the budget"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data "csrf=$csrf&date=2026-12-01&cost=forty" \
	"$BASE/offers/2/sessions" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=care-refused" "and a cost that is not an amount"
ocsrf=$(csrf_of "$E2E_TMP/sol" /care)
curl -s -o /dev/null -b "$E2E_TMP/sol" --data "csrf=$ocsrf&outcome=helped" "$BASE/help/1/outcome"
expect_eq open "$(sqlite3 "$SANCTUM_DB" "SELECT outcome FROM care_help WHERE id = 1")" \
	"someone who does not hold the case records nothing"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data "csrf=$csrf&outcome=helped" \
	"$BASE/help/1/outcome" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=help-outcome" "the holder records that it helped"
curl -s -b "$E2E_TMP/sue" --data "csrf=$csrf" "$BASE/care/$id/open" >"$E2E_TMP/c.html"
expect_contains "$E2E_TMP/c.html" "team chat" "the note opens when asked for"

"$SANCTUM" care close "$id" --forget >/dev/null 2>&1
check $? "the case is closed and its notes deleted"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM care_help WHERE note_sealed IS NOT NULL")" \
	"the help's note is deleted with them"
expect_eq helped "$(sqlite3 "$SANCTUM_DB" "SELECT outcome FROM care_help WHERE id = 1")" "its outcome stays"
"$SANCTUM" care offer "$id" --sessions 1 >/dev/null 2>&1
expect_eq 1 "$?" "a closed case gets no new offer"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "the audit trail verifies"
finish
