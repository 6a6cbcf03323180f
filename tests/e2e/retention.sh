#!/usr/bin/env bash
# Retention through the real binary and server: an admin sets how long
# leaked material, closed cases' notes and closed incidents are kept; a
# dry run counts what is due and changes nothing; a purge empties it in
# one audited transaction and truncates the WAL, so the sealed bytes of
# what was purged are found neither in the database file nor in its WAL
# (read raw), while what must stay (an open incident's place, a report
# not yet handled, an open case's notes, members' posts) stays; the
# scheduled tasks of `serve` purge the same way.
. "$(dirname "$0")/lib.bash"

DB=$SANCTUM_DB
q() { sqlite3 "$DB" "$1"; }
# found HEX: how many of the database file and its WAL hold those bytes
# (each file as one line of hex, so a byte sequence is found wherever it
# lies, newlines and NULs included; SQLite's hex() is upper case, od's
# lower)
found() {
	local f n=0
	for f in "$DB" "$DB-wal"; do
		[ -s "$f" ] || continue
		if od -An -v -tx1 "$f" | tr -d ' \n' | grep -qi "$1"; then
			n=$((n + 1))
		fi
	done
	echo "$n"
}
# plain TEXT: how many of the two files hold the words themselves
plain() {
	local f n=0
	for f in "$DB" "$DB-wal"; do
		[ -s "$f" ] || continue
		[ "$(grep -c -a -F -- "$1" "$f")" -gt 0 ] && n=$((n + 1))
	done
	echo "$n"
}

new_community || exit 1
for u in sam kit; do
	printf 'a member password here\n' | "$SANCTUM" user add "$u" --role member >/dev/null 2>&1
	"$SANCTUM" pledge accept "$u" >/dev/null 2>&1
done
printf 'a supporter password\n' | "$SANCTUM" user add sue --role supporter >/dev/null 2>&1
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1
"$SANCTUM" group create "Harbour" >/dev/null 2>&1
"$SANCTUM" group add "Harbour" sam >/dev/null 2>&1
"$SANCTUM" group add "Harbour" kit >/dev/null 2>&1
post="Walking the sea wall at dawn with a flask of tea is how I got through the winter, and I wanted to say so to people who would understand"
pid=$(printf '%s\n' "$post" | "$SANCTUM" post add --group Harbour --author sam 2>/dev/null | awk '{print $2}')

# the server holds connections open for the whole test, so the WAL stays
# beside the database instead of going when a command closes it
start_server
check $? "serve starts"

"$SANCTUM" retention show >"$E2E_TMP/show"
expect_contains "$E2E_TMP/show" "kept until an admin sets a period" "nothing is purged until an admin decides"

# two reports: one a moderator dismisses, one nobody has looked at yet
curl -s -c "$E2E_TMP/anon" -b "$E2E_TMP/anon" "$BASE/report" >"$E2E_TMP/f.html"
acsrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$E2E_TMP/f.html" | head -n1)
curl -s -b "$E2E_TMP/anon" -F "csrf=$acsrf" -F "platform=a quiz site" \
	-F "text=saw this on a quiz site, lighthouse keeper reported words" "$BASE/report" >/dev/null
acsrf=$(csrf_of "$E2E_TMP/anon" /report)
curl -s -b "$E2E_TMP/anon" -F "csrf=$acsrf" -F "text=second report, still waiting" "$BASE/report" >/dev/null
login "$E2E_TMP/mo" mo 'a moderator password' >/dev/null
csrf=$(csrf_of "$E2E_TMP/mo" /reports)
curl -s -o /dev/null -b "$E2E_TMP/mo" --data "csrf=$csrf" "$BASE/reports/1/dismiss"
expect_eq "dismissed new" "$(q "SELECT group_concat(status, ' ') FROM (SELECT status FROM reports ORDER BY id)")" \
	"one report dismissed, one waiting"

# incident A: worked on, then closed; incident B stays open
"$SANCTUM" incident open --post "$pid" --url "https://gossip.example/thread/7" --platform "a forum" >"$E2E_TMP/o" 2>&1
incA=$(sed -n 's/^opened incident \([0-9]*\) .*/\1/p' "$E2E_TMP/o")
"$SANCTUM" incident assess "$incA" --risk elevated --note "Nobody is named in the thread; keep an eye on it" >/dev/null 2>&1
"$SANCTUM" incident draft "$incA" >/dev/null 2>&1
leakA=$(q "SELECT id FROM leaks WHERE incident_id = $incA")
"$SANCTUM" incident takedown "$leakA" --kind privacy --to "https://gossip.example/report" >/dev/null 2>&1
check $? "incident A has a removal request"
"$SANCTUM" incident close "$incA" >/dev/null 2>&1
check $? "incident close"
"$SANCTUM" incident close "$incA" >/dev/null 2>&1
expect_eq 1 "$?" "a closed incident does not close again"
"$SANCTUM" incident open --url "https://other.example/page" --platform "a blog" >"$E2E_TMP/o" 2>&1
incB=$(sed -n 's/^opened incident \([0-9]*\) .*/\1/p' "$E2E_TMP/o")
leakB=$(q "SELECT id FROM leaks WHERE incident_id = $incB")

# care: sam's case, with the member's own words, closed; kit's stays open
c1=$("$SANCTUM" care open --member sam --supporter sue 2>/dev/null)
k1=$(q "SELECT min(id) FROM followups WHERE case_id = $c1")
"$SANCTUM" care checkin "$k1" done --note "Talked by the harbour; the thread worries sam" >/dev/null 2>&1
"$SANCTUM" care help "$c1" --kind school --note "Wrote to the tutor about the quiz site" >/dev/null 2>&1
"$SANCTUM" care draft "$((k1 + 1))" >/dev/null 2>&1
login "$E2E_TMP/sam" sam 'a member password here' >/dev/null
scsrf=$(csrf_of "$E2E_TMP/sam" /me/support)
curl -s -o /dev/null -b "$E2E_TMP/sam" --data "csrf=$scsrf&needs=quiet+evenings+and+a+walk" "$BASE/me/support/$c1/needs"
"$SANCTUM" care close "$c1" >/dev/null 2>&1
c2=$("$SANCTUM" care open --member kit --supporter sue 2>/dev/null)
k2=$(q "SELECT min(id) FROM followups WHERE case_id = $c2")
"$SANCTUM" care checkin "$k2" done --note "Kit is still finding her feet" >/dev/null 2>&1

# the sealed bytes, as the files hold them
h_report=$(q "SELECT hex(body_sealed) FROM reports WHERE id = 1")
h_loc=$(q "SELECT hex(location_sealed) FROM leaks WHERE id = $leakA")
h_assess=$(q "SELECT hex(assessment_sealed) FROM incidents WHERE id = $incA")
h_out=$(q "SELECT hex(body_sealed) FROM outreach WHERE incident_id = $incA")
h_req=$(q "SELECT hex(request_sealed) FROM takedowns WHERE leak_id = $leakA")
h_note=$(q "SELECT hex(notes_sealed) FROM followups WHERE id = $k1")
h_help=$(q "SELECT hex(note_sealed) FROM care_help WHERE case_id = $c1")
h_msg=$(q "SELECT hex(body_sealed) FROM care_messages WHERE case_id = $c1")
h_needs=$(q "SELECT hex(needs_sealed) FROM care_cases WHERE id = $c1")
h_report2=$(q "SELECT hex(body_sealed) FROM reports WHERE id = 2")
h_locB=$(q "SELECT hex(location_sealed) FROM leaks WHERE id = $leakB")
h_note2=$(q "SELECT hex(notes_sealed) FROM followups WHERE id = $k2")
h_post=$(q "SELECT hex(body_sealed) FROM posts WHERE id = $pid")
gone="$h_report $h_loc $h_assess $h_out $h_req $h_note $h_help $h_msg $h_needs"
kept="$h_report2 $h_locB $h_note2 $h_post"
n=0; before=0
for h in $gone $kept; do
	n=$((n + 1))
	[ "${#h}" -ge 80 ] && [ "$(found "$h")" -ge 1 ] && before=$((before + 1))
done
expect_eq 13 "$n" "thirteen sealed values to follow"
expect_eq "$n" "$before" "before the purge, each one's bytes are in the database or its WAL"

"$SANCTUM" retention set leaked 30 >"$E2E_TMP/o" 2>&1
check $? "an admin sets how long leaked material is kept"
"$SANCTUM" retention set notes 90 >/dev/null 2>&1 && "$SANCTUM" retention set closed 365 >/dev/null 2>&1
check $? "and case notes, and closed incidents"
"$SANCTUM" retention set leaked -3 >/dev/null 2>&1
expect_eq 2 "$?" "a period is a number of days or never"
"$SANCTUM" retention set notes 90 >/dev/null 2>&1
expect_eq "30 90 365" "$("$SANCTUM" retention show --json | jq -r '"\(.leaked_days) \(.notes_days) \(.closed_days)"')" \
	"retention show --json has the three periods"
expect_eq 0 "$("$SANCTUM" retention show --json | jq '[.due[]] | add')" "today nothing is due"

# a year and a bit later
later=$(date -u -d '+400 days' +%Y-%m-%dT%H:%M:%SZ)
q .dump | sha256sum >"$E2E_TMP/before.sum"
audits=$(q "SELECT count(*) FROM audit")
"$SANCTUM" retention purge --dry-run --json --at "$later" >"$E2E_TMP/dry.json"
expect_eq "true 1 1 0 1 1" "$(jq -r '"\(.dry_run) \(.due.reports) \(.due.leaks) \(.due.findings) \(.due.cases) \(.due.incidents)"' "$E2E_TMP/dry.json")" \
	"the dry run counts the dismissed report, incident A's place, sam's closed case and incident A"
q .dump | sha256sum >"$E2E_TMP/after.sum"
cmp -s "$E2E_TMP/before.sum" "$E2E_TMP/after.sum"
check $? "and changes nothing"
expect_eq "$audits" "$(q "SELECT count(*) FROM audit")" "not even the audit trail"

"$SANCTUM" retention purge --json --at "$later" >"$E2E_TMP/p.json"
check $? "retention purge"
expect_eq "1 1 1 1 true" "$(jq -r '"\(.purged.reports) \(.purged.leaks) \(.purged.cases) \(.purged.incidents) \(.wal_truncated)"' "$E2E_TMP/p.json")" \
	"it says what it purged, and that the WAL was truncated"
expect_eq 0 "$(stat -c %s "$DB-wal")" "the WAL is empty"
left=0
for h in $gone; do [ "$(found "$h")" -eq 0 ] || left=$((left + 1)); done
expect_eq 0 "$left" "no byte sequence of the 9 purged sealed values is left in the database file or its WAL"
stay=0
for h in $kept; do [ "$(od -An -v -tx1 "$DB" | tr -d ' \n' | grep -ci "$h")" -eq 1 ] && stay=$((stay + 1)); done
expect_eq 4 "$stay" "the 4 that must stay are in the database file, checkpointed"
expect_eq "$h_report2|$h_locB|$h_note2|$h_post" \
	"$(q "SELECT (SELECT hex(body_sealed) FROM reports WHERE id = 2) || '|' || (SELECT hex(location_sealed) FROM leaks WHERE id = $leakB) || '|' || (SELECT hex(notes_sealed) FROM followups WHERE id = $k2) || '|' || (SELECT hex(body_sealed) FROM posts WHERE id = $pid)")" \
	"and their rows are intact: a report not handled, an open incident's place, an open case's notes, a member's post"
pl=0
for t in "lighthouse keeper" "Nobody is named in the thread" "worries sam" "Wrote to the tutor" "quiet evenings" "gossip.example/thread/7"; do
	pl=$((pl + $(plain "$t")))
done
expect_eq 0 "$pl" "no plaintext of them either"
expect_eq "closed 1 0 0 0 0 0" \
	"$(q "SELECT status || ' ' || (purged_at IS NOT NULL) || ' ' || (summary_sealed IS NOT NULL) || ' ' || (SELECT count(*) FROM incident_posts WHERE incident_id = $incA) || ' ' || (SELECT count(*) FROM incident_members WHERE incident_id = $incA) || ' ' || (SELECT count(*) FROM outreach WHERE incident_id = $incA) || ' ' || (SELECT count(*) FROM takedowns WHERE leak_id = $leakA) FROM incidents WHERE id = $incA")" \
	"incident A is a tombstone: closed and purged, with no posts, members, messages or requests"
expect_eq "a forum 1" "$(q "SELECT platform || ' ' || (location_sealed IS NULL) FROM leaks WHERE id = $leakA")" \
	"its place keeps its platform, not its address"
expect_eq "1 1 1" "$(q "SELECT (notes_purged_at IS NOT NULL) || ' ' || (needs_sealed IS NULL) || ' ' || ((SELECT count(*) FROM followups WHERE case_id = $c1 AND notes_sealed IS NOT NULL) = 0) FROM care_cases WHERE id = $c1")" \
	"sam's closed case stays, its notes and words gone"
expect_eq 0 "$(q "SELECT count(*) FROM report_posts WHERE report_id = 1")" "the purged report no longer names the posts it found"
expect_eq ok "$(q 'PRAGMA integrity_check')" "integrity_check passes"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "the audit trail verifies"
q "SELECT actor || ': ' || detail FROM audit WHERE action = 'retention.purge'" >"$E2E_TMP/a"
expect_eq 1 "$(wc -l <"$E2E_TMP/a")" "one audit entry for the purge"
expect_contains "$E2E_TMP/a" "by hand, 1 report, 1 place of a leak, 0 monitoring findings; the notes of 1 closed case; 1 closed incident" \
	"with counts only"
"$SANCTUM" retention purge --at "$later" >"$E2E_TMP/o" 2>&1
expect_contains "$E2E_TMP/o" "nothing is due" "a second purge finds nothing"
expect_eq 1 "$(q "SELECT count(*) FROM audit WHERE action = 'retention.purge'")" "and writes nothing"

# what people see afterwards
curl -s -b "$E2E_TMP/mo" "$BASE/incidents/$incA" >"$E2E_TMP/i.html"
expect_contains "$E2E_TMP/i.html" "Its record was purged" "the incident's page says its record was purged"
curl -s -b "$E2E_TMP/sam" "$BASE/me/support" >"$E2E_TMP/s.html"
expect_contains "$E2E_TMP/s.html" "Its notes and messages are deleted" "sam's page says the notes of the closed support are deleted"
"$SANCTUM" incident show "$incA" >"$E2E_TMP/o" 2>&1
expect_contains "$E2E_TMP/o" "address purged" "incident show says the address is purged"

# a reader holding an old snapshot keeps the WAL from being truncated:
# the purge is kept and says so, and the next purge truncates it
c4=$("$SANCTUM" care open --member sam --supporter sue 2>/dev/null)
k4=$(q "SELECT min(id) FROM followups WHERE case_id = $c4")
"$SANCTUM" care checkin "$k4" done --note "Support again for a while" >/dev/null 2>&1
"$SANCTUM" care close "$c4" >/dev/null 2>&1
h_note4=$(q "SELECT hex(notes_sealed) FROM followups WHERE id = $k4")
( echo "BEGIN; SELECT count(*) FROM audit;"; sleep 8 ) | sqlite3 "$DB" >/dev/null 2>&1 &
reader=$!
sleep 0.5
"$SANCTUM" retention purge --at "$later" >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "with a reader in the way, the purge exits 1"
expect_contains "$E2E_TMP/o" "purged, but the WAL could not be truncated yet" "and says the purge is kept but the WAL waits"
expect_eq 1 "$(q "SELECT count(*) FROM care_cases WHERE id = $c4 AND notes_purged_at IS NOT NULL")" \
	"the purge was committed"
[ "$(found "$h_note4")" -ge 1 ]
check $? "while the old frames wait in the WAL with the note's bytes"
wait "$reader"
"$SANCTUM" retention purge --at "$later" >"$E2E_TMP/o" 2>&1
expect_contains "$E2E_TMP/o" "nothing is due" "once the reader is gone, the next purge has nothing to purge"
expect_eq "0 0" "$(found "$h_note4") $(stat -c %s "$DB-wal")" "but truncates the WAL, and the note's bytes are gone"
stop_server

# the schedule: a case closed long ago (its closing moved back 100 days)
c3=$("$SANCTUM" care open --member sam --supporter sue 2>/dev/null)
k3=$(q "SELECT min(id) FROM followups WHERE case_id = $c3")
"$SANCTUM" care checkin "$k3" done --note "A second round of support after the quiz site" >/dev/null 2>&1
"$SANCTUM" care close "$c3" >/dev/null 2>&1
q "UPDATE care_cases SET closed_at = closed_at - 100 * 86400 WHERE id = $c3"
h_note3=$(q "SELECT hex(notes_sealed) FROM followups WHERE id = $k3")
expect_eq 1 "$(found "$h_note3")" "the old case's note is in the files"
start_server --tasks-every 1
check $? "serve starts with its tasks every second (the first run at once)"
for _ in $(seq 1 100); do
	[ "$(q "SELECT count(*) FROM audit WHERE action = 'retention.purge' AND detail LIKE 'scheduled%'")" = 1 ] && break
	sleep 0.1
done
expect_eq "scheduled, 0 reports, 0 places of a leak, 0 monitoring findings; the notes of 1 closed case; 0 closed incidents" \
	"$(q "SELECT detail FROM audit WHERE action = 'retention.purge' AND detail LIKE 'scheduled%'")" \
	"the scheduled tasks purged it, with one audit entry"
sleep 0.3
expect_eq 0 "$(found "$h_note3")" "and its bytes are gone from the database file and the WAL while the server runs"
expect_eq 1 "$(q "SELECT count(*) FROM audit WHERE action = 'retention.purge' AND detail LIKE 'scheduled%'")" \
	"once a day: the next ticks purge nothing more"
stop_server
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "the audit trail still verifies"
expect_eq ok "$(q 'PRAGMA integrity_check')" "and integrity_check passes"

finish
