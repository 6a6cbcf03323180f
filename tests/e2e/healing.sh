#!/usr/bin/env bash
# Community healing through the real binary and server: safety measures
# listed under "what we changed" for everyone, refused while they say
# anything about anyone; milestones for moderators, and for everyone when
# the community chooses; a pulse survey whose answers are counted and
# never linked to an account, shown only once five people have answered.
. "$(dirname "$0")/lib.bash"

new_community || exit 1
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1
for m in ash birch cedar dune elm fern; do
	printf 'a member password %s\n' "$m" | "$SANCTUM" user add "$m" --role member >/dev/null 2>&1
done

# safety measures
"$SANCTUM" healing measure "Screenshots are now blurred in the support groups" \
	--detail "Posts show only when you hover or tap." --date 2026-11-20 >"$E2E_TMP/o" 2>&1
check $? "a safety measure is listed"
"$SANCTUM" healing measure "We spoke with ash about what happened" >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "a measure naming a member is refused"
expect_contains "$E2E_TMP/o" "ash" "and says what the guard found"
"$SANCTUM" healing measure "Write to help@circle.example with worries" >/dev/null 2>&1
expect_eq 1 "$?" "so is one with contact data"
"$SANCTUM" healing measure "" >/dev/null 2>&1
expect_eq 1 "$?" "a measure needs a title"
"$SANCTUM" healing measure "Later" --date 2999-01-01 >/dev/null 2>&1
expect_eq 1 "$?" "and a day that has come"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM safety_measures")" "only the first is kept"
"$SANCTUM" healing measures --json >"$E2E_TMP/m.json"
expect_contains "$E2E_TMP/m.json" '"date": "2026-11-20"' "with its date"

start_server
check $? "serve starts"
expect_eq 200 "$(status GET /changes)" "what we changed is public"
curl -s "$BASE/changes" >"$E2E_TMP/c.html"
expect_contains "$E2E_TMP/c.html" "Screenshots are now blurred" "and lists the measure"
expect_absent "$E2E_TMP/c.html" "Milestones" "milestones are the moderators' until the community chooses"
login "$E2E_TMP/mo" mo 'a moderator password' >/dev/null
curl -s -b "$E2E_TMP/mo" "$BASE/changes" >"$E2E_TMP/c.html"
expect_contains "$E2E_TMP/c.html" "1 safety measure taken" "a moderator sees the milestones"
csrf=$(csrf_of "$E2E_TMP/mo" /changes)
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" \
	--data "csrf=$csrf&title=Thanks+to+fern+for+reporting&date=2026-11-25" "$BASE/changes" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=measure-guard" "the console refuses a measure naming a member"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" \
	--data "csrf=$csrf&title=Invitations+now+expire+after+seven+days&date=2026-11-25" "$BASE/changes" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=measure" "and lists one that names no one"
login "$E2E_TMP/fern" fern 'a member password fern' >/dev/null
fcsrf=$(csrf_of "$E2E_TMP/fern" /changes)
expect_eq 403 "$(status POST /changes -b "$E2E_TMP/fern" --data "csrf=$fcsrf&title=x&date=2026-11-25")" \
	"a member does not add measures"
"$SANCTUM" healing milestones public >/dev/null 2>&1
check $? "the community shows its milestones to everyone"
curl -s "$BASE/changes" >"$E2E_TMP/c.html"
expect_contains "$E2E_TMP/c.html" "2 safety measures taken" "and now anyone sees them"

# the pulse
"$SANCTUM" healing pulse --days 3 >"$E2E_TMP/o" 2>&1
check $? "a moderator opens a pulse survey"
"$SANCTUM" healing pulse >/dev/null 2>&1
expect_eq 1 "$?" "one survey is open at a time"
survey=$(sqlite3 "$SANCTUM_DB" "SELECT max(id) FROM pulse_surveys")
answer() {
	login "$E2E_TMP/$1" "$1" "a member password $1" >/dev/null
	local c
	c=$(csrf_of "$E2E_TMP/$1" /pulse)
	curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/$1" \
		--data "csrf=$c&value=$2" "$BASE/pulse/$survey/answer"
}
curl -s -b "$E2E_TMP/mo" "$BASE/pulse" >/dev/null
expect_contains <(answer ash 4) "done=pulse-counted" "a member answers"
expect_contains <(answer ash 1) "error=pulse-refused" "once"
answer birch 5 >/dev/null
answer cedar 3 >/dev/null
answer dune 4 >/dev/null
curl -s -b "$E2E_TMP/ash" "$BASE/pulse" >"$E2E_TMP/p.html"
expect_contains "$E2E_TMP/p.html" "Fewer than 5 people have answered" "with four answers, nothing is shown"
"$SANCTUM" healing results --json >"$E2E_TMP/r.json"
expect_absent "$E2E_TMP/r.json" '"mean"' "not on the command line either"
expect_contains <(answer elm 9) "error=pulse-refused" "an answer off the scale is refused"
answer elm 2 >/dev/null
curl -s -b "$E2E_TMP/ash" "$BASE/pulse" >"$E2E_TMP/p.html"
expect_contains "$E2E_TMP/p.html" "5 people answered; on average 3.6 of 5" "with five, the aggregate shows"
"$SANCTUM" healing results --json >"$E2E_TMP/r.json"
expect_contains "$E2E_TMP/r.json" '"mean": 3.6' "the command line agrees"
expect_eq "" "$(sqlite3 "$SANCTUM_DB" "SELECT name FROM pragma_table_info('pulse_counts') WHERE name LIKE '%user%'")" \
	"the counts hold no account"
expect_eq "" "$(sqlite3 "$SANCTUM_DB" "SELECT name FROM pragma_table_info('pulse_answered') WHERE name = 'value'")" \
	"and who answered holds no answer"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'pulse.answer' AND detail != ''")" \
	"the audit trail keeps that someone answered, never what"
"$SANCTUM" healing pulse close "$survey" >/dev/null 2>&1
check $? "the survey is closed"
expect_contains <(answer fern 5) "error=pulse-refused" "a closed survey takes no answer"

# members who choose to share that they are doing better
better() {
	local c
	c=$(csrf_of "$E2E_TMP/$1" /me/support)
	curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/$1" \
		--data "csrf=$c&share=$2" "$BASE/me/support/better"
}
curl -s -b "$E2E_TMP/ash" "$BASE/me/support" >"$E2E_TMP/ms.html"
expect_contains "$E2E_TMP/ms.html" "Share that I am doing better" "a member may share that they are doing better"
expect_contains <(better ash yes) "done=better-shared" "ash does"
better birch yes >/dev/null
curl -s "$BASE/changes" >"$E2E_TMP/c.html"
expect_absent "$E2E_TMP/c.html" "doing better" "with two, no number shows"
better cedar yes >/dev/null
curl -s "$BASE/changes" >"$E2E_TMP/c.html"
expect_contains "$E2E_TMP/c.html" "3 members chose to share that they are doing better" "with three, the number shows"
expect_contains <(better cedar no) "done=better-withdrawn" "cedar takes it back"
curl -s "$BASE/changes" >"$E2E_TMP/c.html"
expect_absent "$E2E_TMP/c.html" "doing better" "and the number goes with it"
expect_eq 400 "$(status POST /me/support/better -b "$E2E_TMP/ash" --data "csrf=$(csrf_of "$E2E_TMP/ash" /me/support)&share=maybe")" \
	"a choice is yes or no"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "the audit trail verifies"
finish
