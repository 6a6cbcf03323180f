#!/usr/bin/env bash
# Sustained support and healing spaces through the JSON API with bearer
# tokens, as automation would use them: a case opened, the member's
# choices recorded, a check-in skipped and moved, the case handed over and
# closed, a healing space opened and listed; each call keeps the same
# rules as the console and the command line, and roles hold.
. "$(dirname "$0")/lib.bash"

new_community
printf 'a member password here\n' | "$SANCTUM" user add sam --role member >/dev/null 2>&1
printf 'a supporter password\n' | "$SANCTUM" user add sue --role supporter >/dev/null 2>&1
printf 'a second supporter password\n' | "$SANCTUM" user add sol --role supporter >/dev/null 2>&1
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1
T=$("$SANCTUM" token create --user ada automation | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
ST=$("$SANCTUM" token create --user sol support | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
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
