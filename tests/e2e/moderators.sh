#!/usr/bin/env bash
# Moderator care through the real binary and server: exposure counted as
# a moderator opens leaked posts, a moderator at a cap not given the next
# incident, a lead near a cap handing off, the rota changed by a swap and
# by a break taken without a reason, the rota as iCalendar; and nobody
# but the person themself sees their figures, admins included.
. "$(dirname "$0")/lib.bash"

new_community || exit 1
for m in mo1 mo2; do
	printf 'a moderator password %s\n' "$m" | "$SANCTUM" user add "$m" --role moderator >/dev/null 2>&1
	"$SANCTUM" training record "$m" "mental health first aid" >/dev/null 2>&1
	"$SANCTUM" training record "$m" "trauma-informed communication" >/dev/null 2>&1
done
printf 'a member password here\n' | "$SANCTUM" user add rowan --role member >/dev/null 2>&1
"$SANCTUM" pledge accept rowan >/dev/null 2>&1
"$SANCTUM" group create "Evening check-in" >/dev/null 2>&1
"$SANCTUM" group add "Evening check-in" rowan >/dev/null 2>&1
p1=$(printf 'Some nights I still count the stairs to the roof of the old mill\n' |
	"$SANCTUM" post add --group "Evening check-in" --author rowan 2>/dev/null | awk '{print $2}')
p2=$(printf 'The river was loud tonight and I walked the long way round the park\n' |
	"$SANCTUM" post add --group "Evening check-in" --author rowan 2>/dev/null | awk '{print $2}')

"$SANCTUM" rota next >"$E2E_TMP/n" 2>&1
expect_contains "$E2E_TMP/n" "the rota is empty" "with nobody on the rota, nobody is picked, and it says why"
"$SANCTUM" rota add rowan >"$E2E_TMP/n" 2>&1
expect_eq 1 "$?" "a member is not put on the rota"
"$SANCTUM" rota add mo1 >/dev/null 2>&1 && "$SANCTUM" rota add mo2 >/dev/null 2>&1
check $? "two moderators join the rota"
"$SANCTUM" rota settings --per-shift 1 >/dev/null 2>&1
check $? "one on call at a time"
"$SANCTUM" incident open --post "$p1" >"$E2E_TMP/o" 2>&1
incA=$(sed -n 's/^opened incident \([0-9]*\) .*/\1/p' "$E2E_TMP/o")
"$SANCTUM" incident show "$incA" --json >"$E2E_TMP/a.json" 2>&1
leadA=$(jq -r .lead "$E2E_TMP/a.json")
oncall=$("$SANCTUM" rota list --json | jq -r '.shifts[0].on_call[0]')
expect_eq "$oncall" "$leadA" "a new incident is led by whoever is on call ($oncall)"
other=mo1; [ "$leadA" = mo1 ] && other=mo2
"$SANCTUM" exposure show "$leadA" --json >"$E2E_TMP/e.json"
expect_eq "0 fine" "$(jq -r '"\(.day) \(.level)"' "$E2E_TMP/e.json")" "nothing read yet"

TL=$("$SANCTUM" token create --user "$leadA" t | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
TO=$("$SANCTUM" token create --user "$other" t | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
TA=$("$SANCTUM" token create --user ada t | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
start_server
check $? "the server starts"
api() { # TOKEN METHOD PATH [BODY]
	curl -s -o "$E2E_TMP/out.json" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $1" \
		-H 'Content-Type: application/json' ${4:+--data "$4"} "$BASE$3"
}
login "$E2E_TMP/lead" "$leadA" "a moderator password $leadA" >/dev/null
login "$E2E_TMP/other" "$other" "a moderator password $other" >/dev/null
login "$E2E_TMP/ada" ada "$ADMIN_PW" >/dev/null
login "$E2E_TMP/rowan" rowan 'a member password here' >/dev/null
mine() { # JAR PATH: what is one's own, in one's own signed-in session
	curl -s -o "$E2E_TMP/out.json" -w '%{http_code}' -b "$E2E_TMP/$1" "$BASE$2"
}

# the lead reads the leaked posts: that is counted
for _ in 1 2 3; do
	c=$(csrf_of "$E2E_TMP/lead" "/incidents/$incA")
	curl -s -o /dev/null -b "$E2E_TMP/lead" --data "csrf=$c" "$BASE/incidents/$incA/open"
done
day=$("$SANCTUM" exposure show "$leadA" --json | jq .day)
[ "$day" -ge 3 ]
check $? "opening the leaked post three times counts ($day)"
expect_eq 200 "$(mine lead /api/v1/me/exposure)" "the lead reads their own figures"
expect_eq "$day" "$(jq .day "$E2E_TMP/out.json")" "the same figures"
curl -s -b "$E2E_TMP/lead" "$BASE/wellbeing" >"$E2E_TMP/w.html"
expect_contains "$E2E_TMP/w.html" "Last 24 hours</dt><dd>$day of a cap of 20" "and on their own page"
expect_contains "$E2E_TMP/w.html" "<svg" "with a chart of recent weeks"

# admins see the level only; others see less
"$SANCTUM" exposure caps --daily "$day" --weekly 100 >/dev/null 2>&1
check $? "an admin sets a daily cap the lead has now reached"
expect_eq 403 "$(api "$TL" GET /api/v1/me/exposure)" \
	"never to an API token, which an admin could make for any account"
expect_eq 200 "$(mine ada /api/v1/me/exposure)" "an admin reads only their own figures"
expect_eq 0 "$(jq .day "$E2E_TMP/out.json")" "which are not the lead's"
expect_eq 200 "$(api "$TA" GET /api/v1/rota)" "an admin reads the rota"
expect_eq "at the cap" "$(jq -r --arg n "$leadA" '.people[] | select(.name == $n) | .exposure' "$E2E_TMP/out.json")" \
	"with whether someone is at a cap"
expect_eq "" "$(jq -r '.people[] | (.day // empty), (.week // empty)' "$E2E_TMP/out.json")" "never how much they read"
curl -s -b "$E2E_TMP/ada" "$BASE/rota" >"$E2E_TMP/r.html"
expect_contains "$E2E_TMP/r.html" "at the cap" "the admin's rota page says the same"
expect_absent "$E2E_TMP/r.html" "of a cap of" "and no figures"
expect_eq 200 "$(api "$TO" GET /api/v1/rota)" "another moderator reads the rota"
expect_eq "not taking work now" "$(jq -r --arg n "$leadA" '.people[] | select(.name == $n) | .unable' "$E2E_TMP/out.json")" \
	"and sees only that the lead is not taking work now"
expect_eq 403 "$(status GET /rota -b "$E2E_TMP/rowan")" "a member has no rota"
expect_eq 403 "$(status GET /wellbeing -b "$E2E_TMP/rowan")" "nor a wellbeing page"

# at the cap, the next incident goes to someone else
expect_eq 200 "$(api "$TA" GET /api/v1/rota/next)" "who the next incident goes to"
expect_eq "$other false" "$(jq -r '"\(.name) \(.on_call)"' "$E2E_TMP/out.json")" \
	"not the lead at their cap, but $other, off call"
"$SANCTUM" incident open --post "$p2" >"$E2E_TMP/o" 2>&1
incB=$(sed -n 's/^opened incident \([0-9]*\) .*/\1/p' "$E2E_TMP/o")
expect_eq "$other" "$("$SANCTUM" incident show "$incB" --json | jq -r .lead)" "the next incident is led by $other"
curl -s -b "$E2E_TMP/lead" "$BASE/incidents/$incA" >"$E2E_TMP/i.html"
expect_contains "$E2E_TMP/i.html" "Consider handing this incident" "the lead at a cap is offered a hand-off"
expect_eq 403 "$(api "$TO" POST "/api/v1/incidents/$incA/handoff" '{}')" "only the lead or an admin hands an incident off"
c=$(csrf_of "$E2E_TMP/lead" "/incidents/$incA")
curl -s -o /dev/null -b "$E2E_TMP/lead" --data "csrf=$c" "$BASE/incidents/$incA/handoff"
expect_eq "$other" "$("$SANCTUM" incident show "$incA" --json | jq -r .lead)" "the lead hands it off to $other"
expect_eq 409 "$(api "$TO" POST "/api/v1/incidents/$incA/handoff" '{}')" \
	"$other cannot hand it back to someone at a cap"
expect_contains "$E2E_TMP/out.json" "nobody on the rota can take it" "and is told why"
"$SANCTUM" exposure caps --daily 20 >/dev/null 2>&1

# a swap changes the rota
shift_of() { "$SANCTUM" rota list --json | jq -r --arg n "$1" '[.shifts[] | select(.on_call[0] == $n)][0].starts'; }
d=$(shift_of "$leadA")
expect_eq 201 "$(api "$TL" POST /api/v1/rota/swap "{\"with\": \"$other\", \"on\": \"$d\"}")" "the lead asks $other to swap their shift of $d"
sw=$(jq -r .id "$E2E_TMP/out.json")
expect_eq "$leadA" "$("$SANCTUM" rota list --json | jq -r --arg d "$d" '.shifts[] | select(.starts == $d) | .on_call[0]')" \
	"nothing changes before $other says yes"
expect_eq 404 "$(api "$TL" POST "/api/v1/rota/swaps/$sw" '{"answer": "yes"}')" "the one who asked cannot answer for the other"
expect_eq 200 "$(api "$TO" GET /api/v1/rota)" "$other sees the rota"
expect_eq "$sw $leadA" "$(jq -r '.swaps[0] | "\(.id) \(.from)"' "$E2E_TMP/out.json")" "with the swap asked of them"
expect_eq 200 "$(api "$TO" POST "/api/v1/rota/swaps/$sw" '{"answer": "yes"}')" "$other says yes"
expect_eq "$other" "$("$SANCTUM" rota list --json | jq -r --arg d "$d" '.shifts[] | select(.starts == $d) | .on_call[0]')" \
	"$other is on call then"
expect_eq 409 "$(api "$TL" POST /api/v1/rota/swap "{\"with\": \"$other\", \"on\": \"$d\"}")" "the same shift is not swapped twice"
expect_eq 409 "$(api "$TL" POST /api/v1/rota/swap "{\"with\": \"$other\", \"on\": \"2020-01-06\"}")" "nor a shift that is over"
expect_eq 404 "$(api "$TO" POST "/api/v1/rota/swaps/$sw" '{"answer": "no"}')" "an answered swap is not answered again"
d3=$(shift_of "$leadA")
expect_eq 201 "$(api "$TL" POST /api/v1/rota/swap "{\"with\": \"$other\", \"on\": \"$d3\"}")" "the lead asks again, for $d3"
sw=$(jq -r .id "$E2E_TMP/out.json")
expect_eq 200 "$(api "$TO" POST "/api/v1/rota/swaps/$sw" '{"answer": "no"}')" "$other says not this time"
expect_eq "$leadA" "$("$SANCTUM" rota list --json | jq -r --arg d "$d3" '.shifts[] | select(.starts == $d) | .on_call[0]')" \
	"and the rota stays as it was"

# a break changes it too, and asks no reason
c=$(csrf_of "$E2E_TMP/other" /wellbeing)
curl -s -o /dev/null -b "$E2E_TMP/other" --data "csrf=$c&days=10" "$BASE/wellbeing/break"
"$SANCTUM" rota list --json >"$E2E_TMP/l.json"
expect_eq "away" "$(jq -r --arg n "$other" '.people[] | select(.name == $n) | .unable' "$E2E_TMP/l.json")" \
	"$other is away"
expect_eq "$leadA $leadA" "$(jq -r '"\(.shifts[0].on_call[0]) \(.shifts[1].on_call[0])"' "$E2E_TMP/l.json")" \
	"and $leadA is on call while they are"
expect_absent <(sqlite3 "$SANCTUM_DB" "SELECT detail FROM audit WHERE action = 'rota.away'") "why" \
	"the audit trail keeps the days, no reason"
expect_eq 400 "$(api "$TO" POST /api/v1/rota/break '{"days": 0}')" "a break is at least a day"
expect_eq 400 "$(api "$TO" POST /api/v1/rota/break '{"days": 91}')" "and at most 90"
expect_eq 200 "$(api "$TO" POST /api/v1/rota/back '{}')" "$other comes back early"
expect_eq null "$("$SANCTUM" rota list --json | jq -r --arg n "$other" '.people[] | select(.name == $n) | .unable')" \
	"and can take work again"
expect_eq 409 "$(api "$TO" POST /api/v1/rota/back '{}')" "coming back twice is refused"

# the rota as iCalendar
curl -s -b "$E2E_TMP/other" -D "$E2E_TMP/h" "$BASE/rota.ics" >"$E2E_TMP/r.ics"
expect_contains "$E2E_TMP/h" "text/calendar" "the rota is served as iCalendar"
expect_eq 12 "$(grep -c '^BEGIN:VEVENT' "$E2E_TMP/r.ics")" "twelve shifts, one on call in each"
expect_contains "$E2E_TMP/r.ics" "SUMMARY:On call: $other" "named"
"$SANCTUM" rota export "$E2E_TMP/x.ics" --shifts 4 >/dev/null 2>&1
expect_eq 4 "$(grep -c '^BEGIN:VEVENT' "$E2E_TMP/x.ics")" "rota export writes the shifts asked for"
expect_eq 403 "$(status GET /rota.ics -b "$E2E_TMP/rowan")" "a member cannot read it"

# admins keep the rota and the caps
expect_eq 403 "$(api "$TO" POST /api/v1/rota/members '{"name": "rowan"}')" "a moderator does not change who is on the rota"
expect_eq 409 "$(api "$TA" POST /api/v1/rota/members '{"name": "rowan"}')" "a member cannot be put on it"
d2=$(shift_of "$other")
expect_eq 403 "$(api "$TO" POST /api/v1/rota/cover "{\"name\": \"$leadA\", \"for\": \"$other\", \"on\": \"$d2\"}")" \
	"a moderator does not override the rota"
expect_eq 200 "$(api "$TA" POST /api/v1/rota/cover "{\"name\": \"$leadA\", \"for\": \"$other\", \"on\": \"$d2\"}")" \
	"an admin has $leadA cover $other's shift of $d2"
expect_eq "$leadA" "$("$SANCTUM" rota list --json | jq -r --arg d "$d2" '.shifts[] | select(.starts == $d) | .on_call[0]')" \
	"and the rota shows it"
expect_eq 200 "$(api "$TA" POST /api/v1/rota/members "{\"name\": \"$other\", \"remove\": true}")" "an admin takes someone off"
expect_eq 201 "$(api "$TA" POST /api/v1/rota/members '{"name": "ada"}')" "an admin joins the rota"
expect_eq 201 "$(api "$TA" POST /api/v1/rota/break '{"days": 2, "show": true}')" "and takes a break, shown to the team"
expect_eq 200 "$(api "$TL" GET /api/v1/rota)" "so the team sees"
expect_eq "taking a break" "$(jq -r '.people[] | select(.name == "ada") | .unable' "$E2E_TMP/out.json")" \
	"that the admin is taking a break: taking care of oneself reads as normal"
expect_eq 403 "$(api "$TO" POST /api/v1/exposure/caps '{"daily": 1}')" "a moderator does not set the caps"
expect_eq 400 "$(api "$TA" POST /api/v1/exposure/caps '{"daily": 0}')" "a cap is at least 1"
# a self-check, for its author alone
expect_eq 201 "$(api "$TL" POST /api/v1/me/self-check '{"answers": [1, 0, 1, 0, 0]}')" "the lead does a self-check"
expect_eq 201 "$(api "$TL" POST /api/v1/me/self-check '{"answers": [4, 3, 3, 2, 3]}')" "and a heavier one later"
expect_eq 400 "$(api "$TL" POST /api/v1/me/self-check '{"answers": [5, 0, 0, 0, 0]}')" "an answer is 0 to 4"
expect_eq 403 "$(api "$TL" GET /api/v1/me/self-check)" "not to a token"
expect_eq 200 "$(mine lead /api/v1/me/self-check)" "the lead reads their trend"
expect_eq "2 15 true" "$(jq -r '"\(.checks | length) \(.checks[1].score) \(.worse)"' "$E2E_TMP/out.json")" \
	"two checks, the last heavier"
curl -s -b "$E2E_TMP/lead" "$BASE/wellbeing" >"$E2E_TMP/w.html"
expect_contains "$E2E_TMP/w.html" "It looks heavier than before" "and is offered a gentle word"
expect_eq 200 "$(mine ada /api/v1/me/self-check)" "an admin asks"
expect_eq 0 "$(jq '.checks | length' "$E2E_TMP/out.json")" "and sees none of anyone else's"
expect_eq 0 "$(grep -c '4 3 3 2 3' "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null | awk -F: '{s += $NF} END {print s + 0}')" \
	"the answers are sealed"

# debriefs: the team's part for the team, a reflection for its author
"$SANCTUM" debrief schedule --every 7 >"$E2E_TMP/s" 2>&1
expect_contains "$E2E_TMP/s" "every 7 days" "the team debriefs weekly"
"$SANCTUM" debrief invite - >"$E2E_TMP/d.ics" 2>&1
expect_contains "$E2E_TMP/d.ics" "RRULE:FREQ=DAILY;INTERVAL=7" "the invitation repeats"
expect_contains "$E2E_TMP/d.ics" "CLASS:CONFIDENTIAL" "and is confidential"
expect_eq 200 "$(api "$TL" POST /api/v1/debriefs/entry '{"happened": "Two leaks in a week.", "helped": "HELPED-7f2 a second reader", "reflection": "REFLECT-5521 I slept badly."}')" \
	"the lead writes an entry for the team's debrief"
expect_eq 400 "$(api "$TL" POST /api/v1/debriefs/entry '{}')" "an empty entry is refused"
expect_eq 200 "$(api "$TA" GET /api/v1/debriefs)" "the debriefs are listed"
d=$(jq -r '.debriefs[] | select(.kind == "team") | .id' "$E2E_TMP/out.json" | head -n1)
expect_eq 1 "$(jq -r ".debriefs[] | select(.id == $d) | .entries" "$E2E_TMP/out.json")" "with one entry"
expect_absent "$E2E_TMP/out.json" "REFLECT-5521" "and none of its words"
c=$(csrf_of "$E2E_TMP/ada" "/debriefs/$d")
curl -s -b "$E2E_TMP/ada" --data "csrf=$c" "$BASE/debriefs/$d/read" >"$E2E_TMP/read.html"
expect_contains "$E2E_TMP/read.html" "HELPED-7f2" "an admin reads what the lead shared with the team"
expect_absent "$E2E_TMP/read.html" "REFLECT-5521" "but never the lead's reflection"
curl -s -b "$E2E_TMP/ada" "$BASE/debriefs/$d" >"$E2E_TMP/dp.html"
expect_absent "$E2E_TMP/dp.html" "REFLECT-5521" "not on the debrief's page either"
curl -s -b "$E2E_TMP/lead" "$BASE/debriefs/$d" >"$E2E_TMP/dp.html"
expect_contains "$E2E_TMP/dp.html" "REFLECT-5521" "the lead reads their own"
c=$(csrf_of "$E2E_TMP/ada" /debriefs)
curl -s -b "$E2E_TMP/ada" --data "csrf=$c" "$BASE/debriefs/lessons" >"$E2E_TMP/l.html"
expect_contains "$E2E_TMP/l.html" "HELPED-7f2" "what helped is among the lessons the team keeps"
expect_eq 200 "$(api "$TA" POST "/api/v1/debriefs/$d/read" '{}')" "the API opens the team's part too"
expect_eq "HELPED-7f2 a second reader" "$(jq -r '.entries[0].helped' "$E2E_TMP/out.json")" "what the lead shared"
expect_eq null "$(jq -r '.entries[0].name' "$E2E_TMP/out.json")" "without the lead's name, which they did not choose to show"
expect_absent "$E2E_TMP/out.json" "REFLECT-5521" "and never the reflection"
expect_eq 0 "$(grep -c 'REFLECT-5521\|HELPED-7f2' "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null | awk -F: '{s += $NF} END {print s + 0}')" \
	"entries are sealed in the database"
expect_eq 403 "$(status GET /debriefs -b "$E2E_TMP/rowan")" "a member has no debriefs"
expect_eq 200 "$(api "$TO" POST /api/v1/debriefs/entry '{"helped": "Rest.", "shown": true}')" \
	"$other writes too, and lets the team see it"
curl -s -b "$E2E_TMP/lead" "$BASE/debriefs/$d" >"$E2E_TMP/dp.html"
expect_contains "$E2E_TMP/dp.html" "chose to let the team see it: $other." "the team sees who chose to show they took part"

# support for the team, and counselling covered against a budget
"$SANCTUM" support add "Calm Line" --kind helpline --contact "0800 000 000" --languages en >/dev/null 2>&1
check $? "an admin lists a helpline for the team"
"$SANCTUM" support add "Nowhere" --kind astrology --contact x >/dev/null 2>&1
expect_eq 1 "$?" "an unknown kind of support is refused"
"$SANCTUM" support budget 100.00 EUR >/dev/null 2>&1
expect_eq 200 "$(api "$TL" GET /api/v1/support)" "the lead reads the support"
expect_eq "Calm Line 10000" "$(jq -r '"\(.support[0].name) \(.budget_left)"' "$E2E_TMP/out.json")" "with what the budget has left"
expect_eq 201 "$(api "$TL" POST /api/v1/support/sessions '{"date": "2026-11-02", "cost": "60.00"}')" \
	"the lead records a covered session"
expect_eq 409 "$(api "$TL" POST /api/v1/support/sessions '{"date": "2026-11-09", "cost": "60.00"}')" \
	"one past the budget is refused"
expect_eq 400 "$(api "$TL" POST /api/v1/support/sessions '{"date": "soon", "cost": "1"}')" "a session has a day"
expect_eq 200 "$(api "$TA" GET /api/v1/support)" "an admin reads the support"
expect_eq "4000 0" "$(jq -r '"\(.budget_left) \(.mine.sessions)"' "$E2E_TMP/out.json")" \
	"and sees what is left, never whose sessions"
"$SANCTUM" support list >"$E2E_TMP/sl" 2>&1
expect_contains "$E2E_TMP/sl" "60.00 EUR of 100.00 EUR spent" "support list says what is spent"

# thanks reach the moderator; each sees what they contributed
c=$(csrf_of "$E2E_TMP/rowan" /thanks)
curl -s -o /dev/null -b "$E2E_TMP/rowan" --data "csrf=$c&to=$leadA&message=THANKS-31c+for+staying+up+with+us&anonymous=yes" "$BASE/thanks"
expect_eq 404 "$(api "$TO" POST /api/v1/thanks '{"to": "rowan", "message": "hi"}')" "thanks go to someone on the team"
expect_eq 201 "$(api "$TA" POST /api/v1/thanks '{"message": "TEAM-88 you held it together."}')" "an admin thanks the whole team"
expect_eq 200 "$(mine lead /api/v1/me/recognition)" "the lead reads what reached them"
expect_eq 2 "$(jq '.thanks | length' "$E2E_TMP/out.json")" "a member's and the team's"
expect_contains "$E2E_TMP/out.json" "THANKS-31c" "the member's words"
expect_eq null "$(jq -r '.thanks[] | select(.message | startswith("THANKS")) | .from' "$E2E_TMP/out.json")" \
	"without their name, as they chose"
expect_eq ada "$(jq -r '.thanks[] | select(.to_team) | .from' "$E2E_TMP/out.json")" "the admin's, signed"
[ "$(jq '[.contributions[] | select(.what == "debrief entries written")] | length' "$E2E_TMP/out.json")" = 1 ]
check $? "and a summary of what they contributed"
expect_eq 200 "$(mine other /api/v1/me/recognition)" "$other reads theirs"
expect_absent "$E2E_TMP/out.json" "THANKS-31c" "which does not hold thanks meant for the lead"
expect_contains "$E2E_TMP/out.json" "TEAM-88" "but holds the team's"
expect_eq "someone on the team" "$(sqlite3 "$SANCTUM_DB" "SELECT actor FROM audit WHERE action = 'thanks' ORDER BY id LIMIT 1")" \
	"the audit trail does not name who thanked anonymously"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action IN ('selfcheck', 'support.session') AND (actor_id IS NOT NULL OR actor != 'someone on the team')")" \
	"nor who did a self-check or had counselling"
expect_eq 0 "$(grep -c 'THANKS-31c\|TEAM-88' "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null | awk -F: '{s += $NF} END {print s + 0}')" \
	"thanks are sealed"

"$SANCTUM" audit verify >/dev/null 2>&1
check $? "the audit chain holds"
finish
