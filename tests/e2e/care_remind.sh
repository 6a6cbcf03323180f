#!/usr/bin/env bash
# The scheduled work through the real binary, with a local mail server:
# the people who hold check-ins are reminded of those due (how many,
# never who, at most once a day, their address sealed); a case whose
# holder can no longer hold it is listed for a handover; a healing space
# whose time has come is ended by the tasks, what was said erased; and
# `sanctum serve` runs the same tasks on its own.
. "$(dirname "$0")/lib.bash"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
make -s -C "$ROOT" build/tools/smtpsink >"$E2E_TMP/make.out" 2>&1
check $? "the test mail server builds"

new_community || exit 1
printf 'a supporter password\n' | "$SANCTUM" user add sue --role supporter >/dev/null 2>&1
printf 'a second supporter password\n' | "$SANCTUM" user add sol --role supporter >/dev/null 2>&1
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1
printf 'a member password here\n' | "$SANCTUM" user add sam --role member >/dev/null 2>&1
printf 'another member password\n' | "$SANCTUM" user add kit --role member >/dev/null 2>&1
mkdir -p "$E2E_TMP/mail"
mport=$(free_port)
"$ROOT/build/tools/smtpsink" "$mport" "$E2E_TMP/mail" >"$E2E_TMP/sink.out" 2>&1 &
sink=$!
for _ in $(seq 1 50); do grep -q listening "$E2E_TMP/sink.out" && break; sleep 0.05; done
export SANCTUM_SMTP_URL="smtp://127.0.0.1:$mport" SANCTUM_SMTP_FROM="support@circle.example"
export SANCTUM_CONSOLE_URL="https://circle.example"

"$SANCTUM" care open --member sam --supporter sue >/dev/null 2>&1
"$SANCTUM" care open --member kit --supporter sol >/dev/null 2>&1
"$SANCTUM" care reminders sue --email "not an address" >/dev/null 2>&1
expect_eq 1 "$?" "a reminder address must be one"
"$SANCTUM" care reminders sam --email sam@mail.example >/dev/null 2>&1
expect_eq 1 "$?" "members hold no cases, so get no reminders"
"$SANCTUM" care reminders sue --email sue@circle.example >/dev/null 2>&1
check $? "sue asks for reminders"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM user_reminders WHERE CAST(email_sealed AS TEXT) LIKE '%circle%'")" \
	"the address is sealed"

"$SANCTUM" care remind --at 2026-01-01T00:00:00Z >"$E2E_TMP/o" 2>&1
expect_contains "$E2E_TMP/o" "0 reminders sent" "before any check-in is due, no reminder"
# times from the first check-in's own, so the day's hour does not matter
due=$(sqlite3 "$SANCTUM_DB" "SELECT min(due_at) FROM followups WHERE case_id = 1")
at() { date -u -d "@$(($due + $1))" +%Y-%m-%dT%H:%M:%SZ; }
"$SANCTUM" care remind --at "$(at -10800)" >"$E2E_TMP/o" 2>&1
expect_contains "$E2E_TMP/o" "1 reminder sent" "the first check-in is due by tomorrow: sue is reminded"
mail=$(ls "$E2E_TMP/mail"/*.eml 2>/dev/null | head -n1)
expect_contains "$mail" "RCPT TO:<sue@circle.example>" "at her address"
expect_contains "$mail" "1 check-in you hold is due by tomorrow." "of how many"
expect_contains "$mail" "https://circle.example/care" "with where to see them"
expect_absent "$mail" "sam" "naming no member"
"$SANCTUM" care remind --at "$(at -7200)" >"$E2E_TMP/o" 2>&1
expect_contains "$E2E_TMP/o" "0 reminders sent" "once a day at most"
"$SANCTUM" care remind --at "$(at $((2 * 86400 + 3600)))" >"$E2E_TMP/o" 2>&1
expect_contains "$E2E_TMP/o" "1 reminder sent" "three days on, another"
mail=$(ls "$E2E_TMP/mail"/*.eml 2>/dev/null | sort -V | tail -n1)
expect_contains "$mail" "1 check-in you hold is due by tomorrow (1 of them overdue)" "saying how many are overdue"
expect_eq 2 "$(ls "$E2E_TMP/mail"/*.eml | wc -l)" "sol, who asked for none, got none"
"$SANCTUM" care reminders sue --off >/dev/null 2>&1
check $? "sue stops the reminders"
"$SANCTUM" care remind --at "$(at $((8 * 86400)))" >"$E2E_TMP/o" 2>&1
expect_contains "$E2E_TMP/o" "0 reminders sent" "and gets none"

# a holder who can no longer hold
"$SANCTUM" user disable sol >/dev/null 2>&1
"$SANCTUM" tasks >"$E2E_TMP/o" 2>&1
expect_contains "$E2E_TMP/o" "1 care case needs a new holder" "a case whose holder left is counted"
start_server
check $? "serve starts"
login "$E2E_TMP/mo" mo 'a moderator password' >/dev/null
curl -s -b "$E2E_TMP/mo" "$BASE/care" >"$E2E_TMP/c.html"
expect_contains "$E2E_TMP/c.html" "Cases that need a new holder" "the Care page asks for a handover"
expect_contains "$E2E_TMP/c.html" "held by sol" "naming the case"
login "$E2E_TMP/sue" sue 'a supporter password' >/dev/null
c=$(csrf_of "$E2E_TMP/sue" /care)
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data-urlencode "csrf=$c" \
	--data-urlencode "email=sue@circle.example" "$BASE/care/reminders" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=reminders" "a supporter asks for reminders on the Care page"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data-urlencode "csrf=$c" \
	--data-urlencode "email=<script>" "$BASE/care/reminders" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=reminder-invalid" "and a bad address is refused there too"
stop_server

# a healing space whose time has come, ended by serve's own tasks
"$SANCTUM" pledge accept sam >/dev/null 2>&1
space=$("$SANCTUM" healing space open "After the leak" --facilitator sue --days 1 2>/dev/null)
"$SANCTUM" healing space invite "$space" sam >/dev/null 2>&1
sqlite3 "$SANCTUM_DB" "UPDATE space_invitations SET answer = 'accepted'; \
	INSERT INTO group_members(group_id, member_id, joined_at) SELECT $space, id, 1 FROM members WHERE pseudonym = 'sam'"
printf 'The first week after it happened I slept with the light on every night\n' |
	"$SANCTUM" post add --group "After the leak" --author sam >/dev/null 2>&1
check $? "sam speaks in the space"
"$SANCTUM" tasks >"$E2E_TMP/o" 2>&1
expect_contains "$E2E_TMP/o" "0 healing spaces ended" "a space open for a day is not ended at once"
sqlite3 "$SANCTUM_DB" "UPDATE healing_spaces SET ends_at = strftime('%s','now') - 1"
start_server --tasks-every 1
check $? "serve starts with its tasks every second"
for _ in $(seq 1 50); do
	[ "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM healing_spaces WHERE ended_at IS NOT NULL")" = 1 ] && break
	sleep 0.1
done
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM healing_spaces WHERE ended_at IS NOT NULL")" \
	"serve ends the space when its time comes"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM posts WHERE group_id = $space AND body_sealed IS NOT NULL")" \
	"what was said in it is erased"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "the audit chain holds"
kill "$sink" 2>/dev/null; wait "$sink" 2>/dev/null
finish
