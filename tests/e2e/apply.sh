#!/usr/bin/env bash
# Closed membership through the real server: someone applies without an
# account, a moderator reviews and approves (or declines) with a kind
# message, the applicant checks their status with their code and activates
# their account with a one-time link; invitation-only membership; floods,
# duplicates, look-alikes, replays and forged forms are refused.
. "$(dirname "$0")/lib.bash"

new_community
PW="a moderator's long password"
printf '%s\n' "$PW" | "$SANCTUM" user add mo --role moderator >/dev/null
start_server
check $? "the server starts"

A="$E2E_TMP/applicant.jar"
# apply FIELDS...: send the application form; prints status, body to out
apply() {
	local csrf
	csrf=$(curl -s -c "$A" -b "$A" "$BASE/apply${INVITE:+?invite=$INVITE}" |
		sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n1)
	curl -s -o "$E2E_TMP/out.html" -w '%{http_code}' -c "$A" -b "$A" \
		--data-urlencode "csrf=$csrf" "$@" "$BASE/apply"
}
# pub PATH FIELDS...: a public form's POST with a fresh form token
pub() {
	local path=$1 csrf; shift
	csrf=$(curl -s -c "$A" -b "$A" "$BASE/apply/status" |
		sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n1)
	curl -s -o "$E2E_TMP/out.html" -w '%{http_code}' -c "$A" -b "$A" \
		--data-urlencode "csrf=$csrf" "$@" "$BASE$path"
}

curl -s "$BASE/apply" >"$E2E_TMP/form.html"
expect_contains "$E2E_TMP/form.html" "What brings you to this community?" "the form asks the community's questions"
expect_contains "$E2E_TMP/form.html" "I have read the pledge and I accept it" "and for the pledge"

got=$(apply --data-urlencode "pseudonym=小雨" --data-urlencode "contact=signal: +1 555 0100" \
	--data-urlencode "answer0=A friend told me this place is gentle." \
	--data-urlencode "accept=yes" --data-urlencode "pledge_version=1")
expect_eq 200 "$got" "an application in any script is taken"
code=$(sed -n 's/.*<pre class="secret" id="code">\([^<]*\)<.*/\1/p' "$E2E_TMP/out.html")
[ ${#code} -gt 20 ]
check $? "the applicant is given a code"
expect_absent "$E2E_TMP/serve.err" "555 0100" "contact details never reach the log"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM applications WHERE CAST(contact_sealed AS TEXT) LIKE '%555%' OR CAST(answers_sealed AS TEXT) LIKE '%gentle%'")" \
	"contact details and answers are sealed"

got=$(apply --data-urlencode "pseudonym=小雨" --data-urlencode "accept=yes" --data-urlencode "pledge_version=1")
expect_eq 409 "$got" "the same name again is refused"
got=$(apply --data-urlencode "pseudonym=robin" --data-urlencode "pledge_version=1")
expect_eq 400 "$got" "no pledge accepted, no application"
got=$(apply --data-urlencode "pseudonym=robin" --data-urlencode "accept=yes" --data-urlencode "pledge_version=7")
expect_eq 409 "$got" "a pledge version not in force is refused"
got=$(apply --data-urlencode "pseudonym=robin" --data-urlencode "accept=yes" \
	--data-urlencode "pledge_version=1" --data-urlencode "answer0=$(printf 'bell\007')")
expect_eq 400 "$got" "control characters are refused"
got=$(apply --data-urlencode "pseudonym=robin" --data-urlencode "accept=yes" \
	--data-urlencode "pledge_version=1" --data-urlencode "contact=$(head -c 500 /dev/zero | tr '\0' x)")
expect_eq 400 "$got" "oversized contact details are refused"
got=$(apply --data-urlencode "pseudonym=two words" --data-urlencode "accept=yes" --data-urlencode "pledge_version=1")
expect_eq 400 "$got" "a name that is not a name is refused"
got=$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode "pseudonym=robin" \
	--data-urlencode "accept=yes" --data-urlencode "pledge_version=1" "$BASE/apply")
expect_eq 403 "$got" "a form without its token is refused"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM applications")" "and none of them was kept"

got=$(pub /apply/status --data-urlencode "code=$code")
expect_eq 200 "$got" "the applicant checks their status"
expect_contains "$E2E_TMP/out.html" "waiting for a moderator" "which is waiting"
got=$(pub /apply/status --data-urlencode "code=not-a-code")
expect_eq 404 "$got" "an unknown code finds nothing"

# a moderator reviews and approves
M="$E2E_TMP/mo.jar"
expect_eq 303 "$(login "$M" mo "$PW")" "the moderator logs in"
curl -s -b "$M" "$BASE/applications" >"$E2E_TMP/q.html"
expect_contains "$E2E_TMP/q.html" "小雨" "the queue lists the application"
expect_absent "$E2E_TMP/q.html" "gentle" "without opening the answers"
csrf=$(csrf_of "$M" /applications)
curl -s -b "$M" --data-urlencode "csrf=$csrf" "$BASE/applications/1/review" >"$E2E_TMP/r.html"
expect_contains "$E2E_TMP/r.html" "A friend told me this place is gentle." "reviewing opens the answers"
expect_absent "$E2E_TMP/r.html" "555 0100" "but not the contact details"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'sealed.open' AND target = 'applications.answers 1'")" \
	"which is audited"
got=$(curl -s -o /dev/null -w '%{http_code}' -b "$M" --data-urlencode "csrf=$csrf" \
	--data-urlencode "message=Welcome, we are glad you found us." "$BASE/applications/1/approve")
expect_eq 303 "$got" "the moderator approves with a message"
expect_eq "1|0" "$(sqlite3 "$SANCTUM_DB" "SELECT count(m.contact_sealed) || '|' || count(a.contact_sealed) FROM members m, applications a WHERE m.pseudonym = '小雨' AND a.id = 1")" \
	"the contact details moved to the member, sealed"
got=$(curl -s -o /dev/null -w '%{http_code}' -b "$M" --data-urlencode "csrf=$csrf" \
	--data-urlencode "message=Again." "$BASE/applications/1/decline")
expect_eq 303 "$got" "a second decision"
expect_eq approved "$(sqlite3 "$SANCTUM_DB" "SELECT status FROM applications WHERE id = 1")" "changes nothing"

got=$(pub /apply/status --data-urlencode "code=$code")
expect_contains "$E2E_TMP/out.html" "we are glad you found us" "the applicant reads the message"
t=$(sed -n 's/.*name="t" value="\([^"]*\)".*/\1/p' "$E2E_TMP/out.html" | head -n1)
[ ${#t} -gt 20 ]
check $? "and gets an activation link"
got=$(pub /activate --data-urlencode "t=$t" --data-urlencode "password=short")
expect_eq 400 "$got" "a short password is refused"
got=$(pub /activate --data-urlencode "t=$t" --data-urlencode "password=a rainy window seat")
expect_eq 200 "$got" "activation with a password"
expect_contains "$E2E_TMP/out.html" "Welcome, 小雨" "welcomes them by name"
got=$(pub /activate --data-urlencode "t=$t" --data-urlencode "password=another long password")
expect_eq 410 "$got" "the link works once"
S="$E2E_TMP/s.jar"
expect_eq 303 "$(login "$S" 小雨 "a rainy window seat")" "the new member logs in"
curl -s -b "$S" "$BASE/pledge" >"$E2E_TMP/p.html"
expect_contains "$E2E_TMP/p.html" "You have accepted this version" "their acceptance of the pledge was kept"

# contact details: admins only, one member at a time, with a reason kept
"$SANCTUM" member contact 小雨 --reason "short" 2>"$E2E_TMP/err"
expect_eq 1 "$?" "revealing contact details needs a real reason"
"$SANCTUM" member contact 小雨 --reason "They asked us to call after the leak report." >"$E2E_TMP/c.txt"
check $? "member contact with a reason"
expect_contains "$E2E_TMP/c.txt" "+1 555 0100" "prints the member's contact details"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'sealed.open' AND target LIKE 'members.contact %' AND detail = 'They asked us to call after the leak report.'")" \
	"the audit trail keeps the opening with its reason"
curl -s -b "$M" "$BASE/members" >"$E2E_TMP/m.html"
expect_contains "$E2E_TMP/m.html" "小雨" "moderators see the members by pseudonym"
expect_absent "$E2E_TMP/m.html" "Reveal" "but cannot reveal contact details"
expect_eq 403 "$(status POST /members/1/contact -b "$M" --data-urlencode "csrf=$(csrf_of "$M" /members)" --data-urlencode "reason=Just curious about them")" \
	"a moderator's request to reveal is refused"
AD="$E2E_TMP/ada.jar"
login "$AD" ada "$ADMIN_PW" >/dev/null
csrf=$(csrf_of "$AD" /members)
mid=$(sqlite3 "$SANCTUM_DB" "SELECT id FROM members WHERE pseudonym = '小雨'")
curl -s -b "$AD" --data-urlencode "csrf=$csrf" --data-urlencode "reason=Safety check after a report" \
	"$BASE/members/$mid/contact" >"$E2E_TMP/c.html"
expect_contains "$E2E_TMP/c.html" "+1 555 0100" "an admin reveals them in the console, with a reason"

# a declined application keeps nothing it does not need
sqlite3 "$SANCTUM_DB" "DELETE FROM throttle"
got=$(apply --data-urlencode "pseudonym=robin" --data-urlencode "contact=robin@example.org" \
	--data-urlencode "answer0=Curious." --data-urlencode "accept=yes" --data-urlencode "pledge_version=1")
code2=$(sed -n 's/.*<pre class="secret" id="code">\([^<]*\)<.*/\1/p' "$E2E_TMP/out.html")
"$SANCTUM" membership decline 2 --message "Thank you for applying. Not just now." >/dev/null
check $? "membership decline from the command line"
expect_eq "0|0" "$(sqlite3 "$SANCTUM_DB" "SELECT count(contact_sealed) || '|' || count(answers_sealed) FROM applications WHERE id = 2")" \
	"a declined application keeps no contact details or answers"
pub /apply/status --data-urlencode "code=$code2" >/dev/null
expect_contains "$E2E_TMP/out.html" "Not just now." "the applicant reads why, kindly put"
expect_absent "$E2E_TMP/out.html" 'name="t"' "and is given no link"

# by invitation only
"$SANCTUM" membership mode invited >/dev/null
expect_eq 403 "$(status GET /apply)" "invited only: no form without an invitation"
INVITE=$("$SANCTUM" membership invite --uses 1 --days 3 | sed -n 's/.*invite=\([^ ]*\)$/\1/p')
[ -n "$INVITE" ]
check $? "membership invite prints a link"
expect_eq 200 "$(status GET "/apply?invite=$INVITE")" "the invitation opens the form"
got=$(apply --data-urlencode "pseudonym=fern" --data-urlencode "accept=yes" --data-urlencode "pledge_version=1" \
	--data-urlencode "invite=$INVITE")
expect_eq 200 "$got" "an invited application is taken"
got=$(apply --data-urlencode "pseudonym=oak" --data-urlencode "accept=yes" --data-urlencode "pledge_version=1" \
	--data-urlencode "invite=$INVITE")
expect_eq 403 "$got" "a used invitation is refused"
"$SANCTUM" membership mode open >/dev/null

# a flood from one address is refused
sqlite3 "$SANCTUM_DB" "DELETE FROM throttle"
INVITE=
for n in ash1 ash2 ash3; do
	apply --data-urlencode "pseudonym=$n" --data-urlencode "accept=yes" --data-urlencode "pledge_version=1" >/dev/null
done
got=$(apply --data-urlencode "pseudonym=ash4" --data-urlencode "accept=yes" --data-urlencode "pledge_version=1" \
	-D "$E2E_TMP/hdr")
expect_eq 429 "$got" "a fourth application within minutes from one address is refused"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM applications WHERE pseudonym = 'ash4'")" "and not kept"
wait=$(sed -n 's/^Retry-After: \([0-9]*\).*/\1/p' "$E2E_TMP/hdr")
[ -n "$wait" ] && [ "$wait" -gt 0 ] && [ "$wait" -le 900 ]
check $? "with Retry-After: $wait seconds"
expect_contains "$E2E_TMP/out.html" "Please try again in 15 minutes" "and the page says when"
got=$(apply --data-urlencode "pseudonym=ash4" --data-urlencode "accept=yes" --data-urlencode "pledge_version=1" \
	--interface 127.0.0.2)
expect_eq 200 "$got" "another address still applies"

# an answer that a name is in use tells that it exists: ten from one
# address in a quarter of an hour, then none
sqlite3 "$SANCTUM_DB" "DELETE FROM throttle"
: >"$E2E_TMP/taken"
for i in 1 2 3 4 5 6 7 8 9 10; do
	apply --data-urlencode "pseudonym=ash$((i % 4 + 1))" --data-urlencode "accept=yes" \
		--data-urlencode "pledge_version=1" >>"$E2E_TMP/taken"
	echo >>"$E2E_TMP/taken"
done
expect_eq 10 "$(grep -c '^409$' "$E2E_TMP/taken")" "ten names in use are answered as such"
got=$(apply --data-urlencode "pseudonym=ash1" --data-urlencode "accept=yes" --data-urlencode "pledge_version=1")
expect_eq 429 "$got" "the eleventh name is not: 429"
got=$(apply --data-urlencode "pseudonym=willow" --data-urlencode "accept=yes" --data-urlencode "pledge_version=1")
expect_eq 429 "$got" "nor is a free one, until the window ends"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM applications WHERE pseudonym = 'willow'")" "which is not kept"

# what the console shows moderators, through the API too
MT=$("$SANCTUM" token create --user mo apply 2>/dev/null | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
sqlite3 "$SANCTUM_DB" "DELETE FROM throttle"
INVITE=
apply --data-urlencode "pseudonym=heron" --data-urlencode "answer0=I read about you in a leaflet." \
	--data-urlencode "accept=yes" --data-urlencode "pledge_version=1" >/dev/null
aid=$(sqlite3 "$SANCTUM_DB" "SELECT id FROM applications WHERE pseudonym = 'heron'")
before=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'sealed.open'")
curl -s -X POST -H "Authorization: Bearer $MT" "$BASE/api/v1/applications/$aid/open" >"$E2E_TMP/a.json"
expect_eq "I read about you in a leaflet." "$(jq -r '.answers[0].answer' "$E2E_TMP/a.json")" \
	"the API opens a pending application's answers"
expect_eq $((before + 1)) "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'sealed.open'")" \
	"and the opening is audited"
expect_eq 404 "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $MT" "$BASE/api/v1/applications/999/open")" \
	"no such application: 404"
xid=$(sqlite3 "$SANCTUM_DB" "SELECT id FROM applications WHERE pseudonym = '小雨'")
expect_eq 409 "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $MT" "$BASE/api/v1/applications/$xid/open")" \
	"a decided application's answers are no longer opened to moderators"
curl -s -H "Authorization: Bearer $MT" "$BASE/api/v1/members" >"$E2E_TMP/m.json"
expect_eq "true" "$(jq -r '.members[] | select(.pseudonym == "小雨") | .has_contact' "$E2E_TMP/m.json")" \
	"the API lists the members by pseudonym"
expect_absent "$E2E_TMP/m.json" "555" "with their contact details still sealed"
curl -s -H "Authorization: Bearer $MT" "$BASE/api/v1/invitations" >"$E2E_TMP/i.json"
[ "$(jq -r '.invitations | length' "$E2E_TMP/i.json")" -ge 1 ]
check $? "the API lists the invitations"
expect_absent "$E2E_TMP/i.json" "invite=" "never with their links"

# a member's export holds their own contact details and application
curl -s -b "$S" "$BASE/me/export" >"$E2E_TMP/mine.json"
expect_eq "signal: +1 555 0100" "$(jq -r '.contact' "$E2E_TMP/mine.json")" \
	"a member's export holds their own contact details"
expect_eq "A friend told me this place is gentle." "$(jq -r '.application.answers[0].answer' "$E2E_TMP/mine.json")" \
	"and what they answered when they applied"
expect_eq "activated" "$(jq -r '.application.status' "$E2E_TMP/mine.json")" "and how it was decided"

# a member who erases their data erases what their application said too
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(answers_sealed) FROM applications WHERE pseudonym = '小雨'")" \
	"an approved application keeps its answers (its contact details moved to the member)"
c=$(csrf_of "$S" /groups)
curl -s -o /dev/null -b "$S" --data-urlencode "csrf=$c" --data-urlencode "confirm=小雨" "$BASE/me/delete"
expect_eq "0|0|" "$(sqlite3 "$SANCTUM_DB" "SELECT count(contact_sealed) || '|' || count(answers_sealed) || '|' || group_concat(message, '') FROM applications WHERE pseudonym = '小雨'")" \
	"after the member erases their data, it holds none, nor the message they were sent"

# the community's own questions
printf 'Which group would you like to join?\nAnything we should know? (optional)\n' |
	"$SANCTUM" membership questions - >/dev/null
check $? "the community sets its own questions"
curl -s "$BASE/apply" >"$E2E_TMP/form2.html"
expect_contains "$E2E_TMP/form2.html" "Which group would you like to join?" "the form asks them"
expect_contains "$E2E_TMP/form2.html" "Anything we should know? (optional)" "every one of them"
expect_absent "$E2E_TMP/form2.html" "What brings you to this community?" "and no longer the default"

"$SANCTUM" membership applications --json >"$E2E_TMP/apps.json"
expect_contains "$E2E_TMP/apps.json" '"pseudonym": "ash1"' "membership applications lists who waits"
"$SANCTUM" audit verify >/dev/null
check $? "the trail verifies"
finish
