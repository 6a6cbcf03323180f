#!/usr/bin/env bash
# Prevention through the JSON API with bearer tokens, as automation would
# use it: groups and who belongs, the pledge, applications, invitations,
# violations, training and a member's contact details; each call checks
# the same rules as the console and the command line, and roles hold.
. "$(dirname "$0")/lib.bash"

new_community
for n in willow fern; do
	printf 'a long enough password\n' | "$SANCTUM" user add "$n" --role member >/dev/null
done
printf 'a long enough password\n' | "$SANCTUM" user add mo --role moderator >/dev/null
T=$("$SANCTUM" token create --user ada automation | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
MT=$("$SANCTUM" token create --user mo moderation | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
start_server
check $? "the server starts"

# before any training is stored, the console still names who has none
login "$E2E_TMP/mo.jar" mo 'a long enough password' >/dev/null
curl -s -b "$E2E_TMP/mo.jar" "$BASE/training" >"$E2E_TMP/t.html"
expect_contains "$E2E_TMP/t.html" '<tr><td>mo</td><td>trauma-informed communication</td><td><span class="badge warn">never</span>' \
	"the training page lists mo as never trained, on a new community"

# api TOKEN METHOD PATH [JSON]: prints the status; the body goes to out
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

expect_eq 201 "$(api "$T" POST /api/v1/groups '{"name": "Evening check-in", "cap": 2}')" "a group is created"
expect_contains "$E2E_TMP/out.json" '"capacity":2' "with its cap"
expect_eq 400 "$(api "$T" POST /api/v1/groups '{"name": "Big", "cap": 15}')" "a cap above 14 is refused"
expect_eq 201 "$(api "$T" POST /api/v1/groups '{"name": "Marked room", "visible_mark": true}')" \
	"a group with a faint visible mark of each viewer's name"
expect_eq "true 1" "$(jq -r '.visible_mark' "$E2E_TMP/out.json") $(sqlite3 "$SANCTUM_DB" "SELECT visible_mark FROM groups WHERE name = 'Marked room'")" \
	"is kept so"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT visible_mark FROM groups WHERE name = 'Evening check-in'")" \
	"while a group is without one unless asked"
expect_eq 409 "$(api "$T" POST /api/v1/groups '{"name": "evening CHECK-in"}')" "a second group of the same name is refused"
expect_eq 403 "$(api "$MT" POST /api/v1/groups '{"name": "By a moderator"}')" "moderators do not create groups"
expect_eq 200 "$(api "$MT" GET /api/v1/groups)" "moderators list the groups"
expect_contains "$E2E_TMP/out.json" '"name":"Evening check-in"' "which are there"

expect_eq 409 "$(api "$MT" POST /api/v1/groups/1/members '{"pseudonym": "willow"}')" "no group before the pledge"
expect_contains "$E2E_TMP/out.json" "pledge" "and says why"
expect_eq 200 "$(api "$MT" POST /api/v1/pledge/accept '{"pseudonym": "willow"}')" "an acceptance given elsewhere"
api "$MT" POST /api/v1/pledge/accept '{"pseudonym": "fern"}' >/dev/null
expect_eq 201 "$(api "$MT" POST /api/v1/groups/1/members '{"pseudonym": "willow"}')" "willow joins"
expect_eq 200 "$(api "$MT" POST /api/v1/groups/1/members '{"pseudonym": "willow"}')" "joining again changes nothing"
expect_eq 404 "$(api "$MT" POST /api/v1/groups/1/members '{"pseudonym": "nobody"}')" "no such member"
expect_eq 201 "$(api "$MT" POST /api/v1/groups/1/members '{"pseudonym": "fern"}')" "fern joins"
expect_eq 200 "$(api "$MT" POST /api/v1/groups/1/leave '{"pseudonym": "fern"}')" "fern leaves"
expect_eq 404 "$(api "$MT" POST /api/v1/groups/1/leave '{"pseudonym": "fern"}')" "leaving twice is not found"

expect_eq 200 "$(api "$MT" GET /api/v1/pledge)" "the pledge in force"
expect_contains "$E2E_TMP/out.json" '"version":1' "version 1"
expect_eq 400 "$(api "$T" POST /api/v1/pledge '{"text": ""}')" "an empty pledge is refused"
expect_eq 201 "$(api "$T" POST /api/v1/pledge '{"text": "What is said here stays here."}')" "a new version"
expect_contains "$E2E_TMP/out.json" '"version":2' "is version 2"
expect_eq 403 "$(api "$MT" POST /api/v1/pledge '{"text": "Mine."}')" "moderators do not publish the pledge"

expect_eq 201 "$(api "$MT" POST /api/v1/invitations '{"days": 3, "uses": 2}')" "an invitation"
expect_contains "$E2E_TMP/out.json" '"token":"' "with its token, once"
expect_eq 400 "$(api "$MT" POST /api/v1/invitations '{"days": 300}')" "a year-long invitation is refused"

expect_eq 200 "$(api "$MT" GET /api/v1/applications)" "the applications waiting"
expect_eq 409 "$(api "$MT" POST /api/v1/applications/9/approve '{"message": "Welcome."}')" "no such application to approve"

expect_eq 201 "$(api "$MT" POST /api/v1/violations '{"pseudonym": "fern", "message": "Please keep posts in the group.", "note": "api-note-canary"}')" \
	"a violation recorded"
expect_contains "$E2E_TMP/out.json" '"step":"warning"' "the first step is a warning"
expect_eq 400 "$(api "$MT" POST /api/v1/violations '{"pseudonym": "fern"}')" "a message to the member is needed"
expect_eq 200 "$(api "$MT" GET /api/v1/violations)" "the violations"
expect_absent "$E2E_TMP/out.json" "api-note-canary" "never with the note"

expect_eq 201 "$(api "$T" POST /api/v1/training '{"user": "mo", "training": "mental health first aid", "date": "2026-11-20"}')" \
	"a training completion"
expect_eq 400 "$(api "$T" POST /api/v1/training '{"user": "mo", "training": "juggling"}')" "an unknown training is refused"
expect_eq 200 "$(api "$MT" GET /api/v1/training)" "who is current"
expect_contains "$E2E_TMP/out.json" '"user":"mo"' "lists mo"

wid=$(sqlite3 "$SANCTUM_DB" "SELECT id FROM members WHERE pseudonym = 'willow'")
expect_eq 403 "$(api "$MT" POST "/api/v1/members/$wid/contact" '{"reason": "Just wondering about it"}')" \
	"a moderator cannot reveal contact details"
expect_eq 400 "$(api "$T" POST "/api/v1/members/$wid/contact" '{"reason": "why"}')" "a reason is needed"
expect_eq 404 "$(api "$T" POST "/api/v1/members/$wid/contact" '{"reason": "A safety check after a report"}')" \
	"a member who gave no contact details"

"$SANCTUM" audit verify >/dev/null
check $? "the trail verifies"
finish
