#!/usr/bin/env bash
# Sustained support and healing spaces through the JSON API with bearer
# tokens, as automation would use them: a case opened, the member's
# choices recorded, a check-in skipped and moved, the case handed over;
# notes kept, a check-in message drafted, opened, edited past the lint
# and sent; counselling offered and a covered session recorded against
# the budget; practical help and its outcome; the case closed; a healing
# space opened and listed.  Each call keeps the same rules as the console
# and the command line, roles hold, and sealed words come back only from
# the one call that opens them.
. "$(dirname "$0")/lib.bash"

new_community
printf 'a member password here\n' | "$SANCTUM" user add sam --role member >/dev/null 2>&1
printf 'a supporter password\n' | "$SANCTUM" user add sue --role supporter >/dev/null 2>&1
printf 'a second supporter password\n' | "$SANCTUM" user add sol --role supporter >/dev/null 2>&1
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1
T=$("$SANCTUM" token create --user ada automation | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
ST=$("$SANCTUM" token create --user sol support | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
SU=$("$SANCTUM" token create --user sue support | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
"$SANCTUM" care budget 100.00 EUR >/dev/null 2>&1
"$SANCTUM" care therapist "Dr. Rowan Vale" --region PT --languages pt,en >/dev/null 2>&1
start_server
check $? "the server starts"

api() {
	local tok=$1 m=$2 p=$3 body=${4:-}
	if [ -n "$body" ]; then
		curl -s -o "$E2E_TMP/out.json" -w '%{http_code}' -X "$m" \
			-H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
			--data "$body" "$BASE$p"
	else
		curl -s -o "$E2E_TMP/out.json" -w '%{http_code}' -X "$m" \
			-H "Authorization: Bearer $tok" "$BASE$p"
	fi
}

expect_eq 404 "$(api "$T" POST /api/v1/care '{"member": "nobody", "supporter": "sue"}')" "no case for a pseudonym nobody has"
expect_eq 409 "$(api "$T" POST /api/v1/care '{"member": "sam", "supporter": "mo"}')" \
	"a moderator without current training does not hold a case"
expect_contains "$E2E_TMP/out.json" "training is current" "and the refusal says why"
expect_eq 403 "$(api "$ST" POST /api/v1/care '{"member": "sam", "supporter": "sol"}')" "a supporter does not open cases"
expect_eq 201 "$(api "$T" POST /api/v1/care '{"member": "sam", "supporter": "sue"}')" "a case is opened"
id=$(jq -r .id "$E2E_TMP/out.json")
expect_eq 5 "$(jq '.checkins | length' "$E2E_TMP/out.json")" "with the default plan"
expect_eq 400 "$(api "$T" POST /api/v1/care/prefs '{"pseudonym": "sam", "contact": "maybe"}')" "contact is true or false"
expect_eq 409 "$(api "$T" POST /api/v1/care/prefs '{"pseudonym": "sam", "contact": true, "zone": "Mars/Olympus"}')" \
	"an unknown time zone is refused"
expect_eq 200 "$(api "$T" POST /api/v1/care/prefs '{"pseudonym": "sam", "contact": true, "every_days": 14, "zone": "Europe/Lisbon", "hour": 9}')" \
	"the member's choices are recorded"
k=$("$SANCTUM" care show "$id" --json | jq -r '.checkins[] | select(.status == "planned") | .id' | head -n1)
expect_eq 403 "$(api "$ST" POST "/api/v1/checkins/$k" '{"action": "skip"}')" "sol does not act on sue's case"
expect_eq 400 "$(api "$T" POST "/api/v1/checkins/$k" '{"action": "move", "due_at": "soon"}')" "a move needs a time"
expect_eq 200 "$(api "$T" POST "/api/v1/checkins/$k" '{"action": "move", "due_at": "2030-01-02T09:00:00Z"}')" "a check-in is moved"
expect_eq "2030-01-02T09:00:00Z" "$("$SANCTUM" care show "$id" --json | jq -r ".checkins[] | select(.id == $k) | .due_at")" \
	"to that time"
expect_eq 200 "$(api "$T" POST "/api/v1/checkins/$k" '{"action": "done", "note": "Talked for a while."}')" "and done"
expect_eq 409 "$(api "$T" POST "/api/v1/care/$id/hand" '{"to": "mo", "reason": "rota"}')" \
	"a case is not handed to someone who cannot hold it"
expect_eq 200 "$(api "$T" POST "/api/v1/care/$id/hand" '{"to": "sol", "reason": "rota"}')" "it is handed to sol"
expect_eq sol "$(jq -r .supporter "$E2E_TMP/out.json")" "who holds it now"

# notes, sealed, and never in an answer
expect_eq 400 "$(api "$ST" POST "/api/v1/care/$id/notes" '{}')" "notes are required"
expect_eq 403 "$(api "$SU" POST "/api/v1/care/$id/notes" '{"notes": "x"}')" "sue no longer holds the case"
expect_eq 200 "$(api "$ST" POST "/api/v1/care/$id/notes" '{"notes": "Prefers evenings. NOTE-6d1f"}')" "sol keeps notes"
expect_eq true "$(jq .notes "$E2E_TMP/out.json")" "the case says it has notes"
expect_absent "$E2E_TMP/out.json" "NOTE-6d1f" "but not what they say"

# a check-in message: drafted, opened, edited past the lint, sent in the app
k2=$("$SANCTUM" care show "$id" --json | jq -r '.checkins[] | select(.status == "planned") | .id' | head -n1)
expect_eq 403 "$(api "$SU" POST "/api/v1/checkins/$k2/draft" '{}')" "only the holder drafts"
expect_eq 404 "$(api "$ST" POST /api/v1/checkins/999999/draft '{}')" "no draft for a check-in nobody planned"
expect_eq 201 "$(api "$ST" POST "/api/v1/checkins/$k2/draft" '{"country": "PT"}')" "a check-in message is drafted"
msg=$(jq -r .id "$E2E_TMP/out.json")
expect_eq "draft in-app" "$(jq -r '"\(.status) \(.channel)"' "$E2E_TMP/out.json")" "as a draft, in the channel sam chose"
expect_eq 403 "$(api "$SU" POST "/api/v1/care-messages/$msg/open" '{}')" "sue does not open it"
expect_eq 200 "$(api "$ST" POST "/api/v1/care-messages/$msg/open" '{}')" "sol opens it"
expect_eq true "$(jq '.body | length > 20' "$E2E_TMP/out.json")" "and reads the drafted words"
expect_eq 400 "$(api "$ST" POST "/api/v1/care-messages/$msg" '{"text": "x"}')" "an edit needs a body"
expect_eq 200 "$(api "$ST" POST "/api/v1/care-messages/$msg" '{"body": "Thinking of you. WORDS-82c4"}')" \
	"an edit without a resource is saved"
expect_eq true "$(jq '.problems | length > 0' "$E2E_TMP/out.json")" "with what the lint found"
expect_absent "$E2E_TMP/out.json" "WORDS-82c4" "the answer does not repeat the words"
expect_eq 409 "$(api "$ST" POST "/api/v1/care-messages/$msg/send" '{}')" "it is not sent while the lint objects"
expect_eq true "$(jq '.problems | length > 0' "$E2E_TMP/out.json")" "and says why"
expect_eq 200 "$(api "$ST" POST "/api/v1/care-messages/$msg" '{"body": "Thinking of you, sam. WORDS-82c4 Find A Helpline lists lines near you, any time."}')" \
	"the words are mended"
expect_eq 0 "$(jq '.problems | length' "$E2E_TMP/out.json")" "and the lint is content"
expect_eq 200 "$(api "$ST" POST "/api/v1/care-messages/$msg/send" '{}')" "the message is sent"
expect_eq sent "$(jq -r .status "$E2E_TMP/out.json")" "and says so"
expect_eq 409 "$(api "$ST" POST "/api/v1/care-messages/$msg" '{"body": "Again. Find A Helpline lists lines near you."}')" \
	"a sent message is not edited"
expect_eq 0 "$(grep -c 'WORDS-82c4\|NOTE-6d1f' "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null | awk -F: '{s += $NF} END {print s + 0}')" \
	"the words and notes are sealed in the database"

# updates on removals need an incident
expect_eq 400 "$(api "$ST" POST "/api/v1/care/$id/updates" '{}')" "an update names its removal request"
expect_eq 409 "$(api "$ST" POST "/api/v1/care/$id/updates" '{"takedown": 1}')" "no update for a case without an incident"

# counselling against the budget, without clinical detail
expect_eq 400 "$(api "$ST" POST "/api/v1/care/$id/offers" '{"sessions": 60}')" "no more than 52 sessions"
expect_eq 201 "$(api "$ST" POST "/api/v1/care/$id/offers" '{"therapist": 1, "sessions": 2}')" "two sessions are offered"
offer=$(jq -r .id "$E2E_TMP/out.json")
expect_eq "Dr. Rowan Vale offered" "$(jq -r '"\(.therapist) \(.status)"' "$E2E_TMP/out.json")" "with the therapist sam may see"
expect_eq 409 "$(api "$ST" POST "/api/v1/offers/$offer" '{"status": "maybe"}')" "an answer is accepted, declined or ended"
expect_eq 200 "$(api "$ST" POST "/api/v1/offers/$offer" '{"status": "accepted"}')" "sam accepts"
expect_eq 400 "$(api "$ST" POST "/api/v1/offers/$offer/sessions" '{"date": "tomorrow", "cost": "45.00"}')" "a session has a date"
expect_eq 400 "$(api "$ST" POST "/api/v1/offers/$offer/sessions" '{"date": "2026-11-20", "cost": "a lot"}')" "and a cost"
expect_eq 409 "$(api "$ST" POST "/api/v1/offers/$offer/sessions" '{"date": "2026-11-20", "cost": "120.00"}')" \
	"a session past the budget is refused"
expect_eq 201 "$(api "$ST" POST "/api/v1/offers/$offer/sessions" '{"date": "2026-11-20", "cost": "45.00"}')" "a session is recorded"
expect_eq "1 4500" "$(jq -r '"\(.used) \(.spent)"' "$E2E_TMP/out.json")" "against the offer and the budget"
expect_eq 404 "$(api "$ST" POST /api/v1/offers/999/sessions '{"date": "2026-11-20", "cost": "1.00"}')" "no session on an offer nobody made"

# practical help, its note sealed
expect_eq 400 "$(api "$ST" POST "/api/v1/care/$id/help" '{"kind": "employer"}')" "help needs a note"
expect_eq 409 "$(api "$ST" POST "/api/v1/care/$id/help" '{"kind": "magic", "note": "x"}')" "and a kind sanctum knows"
expect_eq 201 "$(api "$ST" POST "/api/v1/care/$id/help" '{"kind": "employer", "note": "Wrote to HR with sam. HELP-91aa"}')" \
	"help with an employer is recorded"
help=$(jq -r .id "$E2E_TMP/out.json")
expect_absent "$E2E_TMP/out.json" "HELP-91aa" "its note stays sealed"
expect_eq 200 "$(api "$ST" POST "/api/v1/help/$help" '{"outcome": "helped"}')" "and its outcome"
expect_eq 404 "$(api "$ST" POST /api/v1/help/999 '{"outcome": "helped"}')" "no outcome for help nobody gave"

# peers only when the member asked
expect_eq 404 "$(api "$ST" POST "/api/v1/care/$id/peer" '{"peer": "nobody"}')" "no peer by a pseudonym nobody has"
expect_eq 409 "$(api "$ST" POST "/api/v1/care/$id/peer" '{"peer": "sam"}')" "no introduction the member did not ask for"

expect_eq 200 "$(api "$ST" GET "/api/v1/care/$id")" "the case as a whole"
expect_eq "sent 1 helped 0" "$(jq -r '"\(.messages[0].status) \(.offers[0].used) \(.help[0].outcome) \(.introductions | length)"' "$E2E_TMP/out.json")" \
	"with its messages, offers, help and introductions"
expect_absent "$E2E_TMP/out.json" "WORDS-82c4" "and none of their words"

expect_eq 200 "$(api "$ST" POST "/api/v1/care/$id/close" '{"forget": true}')" "sol closes it, deleting the notes"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT notes_deleted_at IS NOT NULL AND closed_at IS NOT NULL FROM care_cases WHERE id = $id")" \
	"closed, its notes deleted"

expect_eq 201 "$(api "$T" POST /api/v1/spaces '{"name": "After the leak", "facilitator": "sue", "days": 21}')" "a healing space is opened"
expect_eq 400 "$(api "$T" POST /api/v1/spaces '{"name": "Too big", "facilitator": "sue", "capacity": 9}')" "no more than 8 people"
expect_eq 403 "$(api "$ST" POST /api/v1/spaces '{"name": "By a supporter", "facilitator": "sol"}')" "a supporter does not open spaces"
expect_eq 200 "$(api "$ST" GET /api/v1/spaces)" "the spaces are listed"
expect_eq "After the leak 6" "$(jq -r '.spaces[0] | "\(.name) \(.capacity)"' "$E2E_TMP/out.json")" "with their size"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "the audit chain holds"
finish
