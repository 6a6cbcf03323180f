#!/usr/bin/env bash
# Key rotation: `sanctum key rotate` seals every sealed value again with a
# new key while the server serves and a client writes sealed notes; the
# server follows without a restart; nothing acknowledged is lost; the old
# key opens nothing afterwards and its ciphertexts are gone from the file;
# the audit trail verifies; a rotation cut short goes on; the last step
# (the key file's swap) is finished by the next command after a crash; a
# passphrase community rotates to a new passphrase; backups made before
# open with the old key alone.
. "$(dirname "$0")/lib.bash"

"$SANCTUM" demo --dir "$E2E_TMP/demo" --no-serve >/dev/null 2>&1
export SANCTUM_DB="$E2E_TMP/demo/demo.db"
KEY="$E2E_TMP/demo/demo.db.key"
printf 'a calm and long password\n' | "$SANCTUM" user add ada --role admin >/dev/null 2>&1
T=$("$SANCTUM" token create --user ada rotate 2>/dev/null | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
case_id=$(sqlite3 "$SANCTUM_DB" "SELECT id FROM care_cases ORDER BY id LIMIT 1")
"$SANCTUM" backup "$E2E_TMP/before.bak" >/dev/null 2>&1
old_hex=$(sqlite3 "$SANCTUM_DB" "SELECT hex(body_sealed) FROM posts ORDER BY id LIMIT 1")
old_contact=$(sqlite3 "$SANCTUM_DB" "SELECT hex(contact_sealed) FROM members WHERE contact_sealed IS NOT NULL LIMIT 1")
values=$(sqlite3 "$SANCTUM_DB" "SELECT (SELECT count(body_sealed) FROM posts) + (SELECT count(cw_sealed) FROM posts)")

start_server
check $? "the server starts"
expect_eq 303 "$(login "$E2E_TMP/jar" ada 'a calm and long password')" "an admin logs in"

# a client writes sealed notes the whole time; each note it was told was
# kept is remembered
( i=0; while :; do i=$((i + 1)); code=$(curl -s -o /dev/null -w '%{http_code}' \
	-H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
	--data "{\"notes\": \"note number $i\"}" "$BASE/api/v1/care/$case_id/notes")
	[ "$code" = 200 ] && echo "$i" >"$E2E_TMP/acked"; done ) &
writer=$!
sleep 0.3
"$SANCTUM" key rotate --batch 5 --grace 30 --json >"$E2E_TMP/r.json" 2>"$E2E_TMP/r.err"
expect_eq 0 "$?" "the key is rotated while the server serves and a client writes"
sleep 0.3
kill "$writer"; wait "$writer" 2>/dev/null
last=$(cat "$E2E_TMP/acked")
[ "$(jq -r .values "$E2E_TMP/r.json")" -ge "$values" ]
check $? "every sealed value was seen"
[ "$(jq -r .transactions "$E2E_TMP/r.json")" -gt 10 ]
check $? "in many small transactions, so the server kept writing"
expect_eq "$KEY.retired-" "$(jq -r .retired_key "$E2E_TMP/r.json" | sed 's/[0-9]*$//')" \
	"the old key is kept aside"
! grep -q "missed it" "$E2E_TMP/serve.err" && kill -0 "$SERVER_PID"
check $? "the server followed the rotation without being restarted"
csrf=$(csrf_of "$E2E_TMP/jar" "/care/$case_id")
curl -s -b "$E2E_TMP/jar" --data "csrf=$csrf" "$BASE/care/$case_id/open" >"$E2E_TMP/case.html"
shown=$(sed -n 's/.*>note number \([0-9]*\)<.*/\1/p' "$E2E_TMP/case.html" | head -n1)
[ -n "$shown" ] && [ "$shown" -ge "$last" ] || { grep -o "Notes.\{0,120\}" "$E2E_TMP/case.html" | head -2 >&2; head -c 300 "$E2E_TMP/case.html" >&2; false; }
check $? "the last acknowledged note is there, opened by the server with the new key"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $T" \
	-H 'Content-Type: application/json' --data '{"notes": "written after"}' \
	"$BASE/api/v1/care/$case_id/notes")
expect_eq 200 "$code" "and it writes sealed values after it"
curl -s -b "$E2E_TMP/jar" --data "csrf=$csrf" "$BASE/care/$case_id/open" | grep -q "written after"
check $? "that it reads back"
"$SANCTUM" audit verify >"$E2E_TMP/o" 2>&1
check $? "the audit trail verifies"
expect_contains "$E2E_TMP/o" "intact" "all of it"
"$SANCTUM" key status --json >"$E2E_TMP/s.json"
expect_eq settled "$(jq -r .state "$E2E_TMP/s.json")" "the key is settled"
[ "$(jq -r .old_key_followable_until "$E2E_TMP/s.json")" != null ]
check $? "with the old key able to follow for the grace period"
"$SANCTUM" key retire >/dev/null 2>&1
check $? "key retire ends it"
expect_eq null "$(jq -r .old_key_followable_until <("$SANCTUM" key status --json))" "now"
stop_server

# the old key opens nothing, and its ciphertexts are gone from the file
"$SANCTUM" --key-file "$(jq -r .retired_key "$E2E_TMP/r.json")" key status >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "the old key no longer opens the community"
expect_contains "$E2E_TMP/o" "wrong key file" "in those words"
new_hex=$(sqlite3 "$SANCTUM_DB" "SELECT hex(body_sealed) FROM posts ORDER BY id LIMIT 1")
cat "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null | od -An -v -tx1 | tr -d ' \n' | grep -qi "$new_hex"
check $? "the search of the raw files finds the new ciphertext of the same post (so it would find the old)"
for h in "$old_hex" "$old_contact"; do
	if cat "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null | od -An -v -tx1 | tr -d ' \n' |
		grep -qi "$h"; then check 1 "an old ciphertext is gone from the database and its log"
	else check 0 "an old ciphertext is gone from the database and its log"; fi
done
# a second rotation opens every value with the first one's key
"$SANCTUM" key rotate --grace 0 --json >"$E2E_TMP/r2.json" 2>"$E2E_TMP/r2.err"
expect_eq 0 "$?" "a second rotation"
expect_eq "$(jq -r .values "$E2E_TMP/r2.json")" "$(jq -r .resealed "$E2E_TMP/r2.json")" \
	"opened and sealed again every value the first one sealed"

# backups made before open with the old key alone
"$SANCTUM" verify-backup "$E2E_TMP/before.bak" >/dev/null 2>&1
expect_eq 1 "$?" "a backup made before does not open with the new key"
"$SANCTUM" --key-file "$(jq -r .retired_key "$E2E_TMP/r.json")" verify-backup "$E2E_TMP/before.bak" >/dev/null 2>&1
expect_eq 0 "$?" "it does with the old key kept aside"
"$SANCTUM" backup "$E2E_TMP/after.bak" >/dev/null 2>&1 &&
	"$SANCTUM" verify-backup "$E2E_TMP/after.bak" >/dev/null 2>&1
check $? "a backup made after opens with the new key, carried sub-keys and all"

# cut short: killed while re-sealing, the community still opens with the
# old key, the next run goes on and ends it
awk 'BEGIN { for (i = 1; i <= 6000; i++) printf "{\"id\":\"k-%d\",\"group\":\"long thread\",\"author\":\"writer%d\",\"time\":\"2024-04-02T07:30:00Z\",\"body\":\"post %d of the long thread, with words enough to seal\"}\n", i, i % 50, i }' \
	>"$E2E_TMP/many.jsonl"
"$SANCTUM" import --format jsonl "$E2E_TMP/many.jsonl" >/dev/null 2>&1
check $? "6 000 more posts"
"$SANCTUM" key rotate --batch 1 >/dev/null 2>&1 &
rot=$!
for _ in $(seq 1 500); do
	[ "$(sqlite3 "$SANCTUM_DB" "SELECT value FROM meta WHERE key = 'key_epoch'" 2>/dev/null)" = 5 ] && break
	sleep 0.01
done
sleep 0.2
kill -9 "$rot" 2>/dev/null; wait "$rot" 2>/dev/null
expect_eq rotating "$(jq -r .state <("$SANCTUM" key status --json))" "a rotation killed midway stays open"
"$SANCTUM" backup "$E2E_TMP/mid.bak" >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "no backup is made of a rotation's middle (it would need both keys)"
expect_contains "$E2E_TMP/o" "rotation is under way" "and the admin is told why"
[ ! -e "$E2E_TMP/mid.bak" ] && ! ls "$E2E_TMP"/demo/demo.db.backup-tmp* >/dev/null 2>&1
check $? "leaving nothing behind"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "the audit trail verifies in the middle of a rotation"
"$SANCTUM" key rotate --grace 0 --json >"$E2E_TMP/r3.json" 2>"$E2E_TMP/r3.err"
expect_eq 0 "$?" "running it again goes on"
expect_eq true "$(jq -r .resumed "$E2E_TMP/r3.json")" "and says it resumed"
expect_eq settled "$(jq -r .state <("$SANCTUM" key status --json))" "and ends it"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "the audit trail verifies after"

# the key file's swap cut short by a crash is finished by the next command
k=$(ls "$E2E_TMP"/demo/demo.db.key.retired-* | sort | tail -n1)
mv "$KEY" "$KEY.next" && cp "$k" "$KEY" && chmod 600 "$KEY"
"$SANCTUM" key status >"$E2E_TMP/o" 2>&1
expect_eq 0 "$?" "a community whose new key file was not put in place still opens"
[ -e "$KEY" ] && [ ! -e "$KEY.next" ]
check $? "the new key file is put in place"

# a passphrase community rotates to a new passphrase
printf 'the first passphrase here\n' >"$E2E_TMP/p1"
printf 'the second passphrase now\n' >"$E2E_TMP/p2"
export SANCTUM_DB="$E2E_TMP/pp.db"
"$SANCTUM" --passphrase-file "$E2E_TMP/p1" init --name "Keyed" --passphrase >/dev/null 2>&1
printf 'a calm and long password\n' | "$SANCTUM" --passphrase-file "$E2E_TMP/p1" user add ada --role admin >/dev/null 2>&1
"$SANCTUM" --passphrase-file "$E2E_TMP/p1" key rotate --new-passphrase-file "$E2E_TMP/p2" --grace 0 >/dev/null 2>&1
expect_eq 0 "$?" "a passphrase community rotates to a new passphrase"
"$SANCTUM" --passphrase-file "$E2E_TMP/p1" audit verify >/dev/null 2>&1
expect_eq 1 "$?" "the old passphrase opens nothing"
"$SANCTUM" --passphrase-file "$E2E_TMP/p2" audit verify >/dev/null 2>&1
expect_eq 0 "$?" "the new one opens it, its trail intact"
"$SANCTUM" --passphrase-file "$E2E_TMP/p2" key rotate --new-passphrase-file /nonexistent >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "a new passphrase that cannot be read stops the rotation before it starts"
expect_eq settled "$(jq -r .state <("$SANCTUM" --passphrase-file "$E2E_TMP/p2" key status --json))" "nothing changed"
# the grace period ends on schedule
"$SANCTUM" --passphrase-file "$E2E_TMP/p2" key rotate --new-passphrase-file "$E2E_TMP/p2" --grace 1 >/dev/null 2>&1
check $? "the same passphrase may be kept (a new salt makes a new key)"
sleep 1.2
"$SANCTUM" --passphrase-file "$E2E_TMP/p2" tasks >/dev/null 2>&1
expect_eq null "$(jq -r .old_key_followable_until <("$SANCTUM" --passphrase-file "$E2E_TMP/p2" key status --json))" \
	"the scheduled tasks end the grace period once it is over"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'key.retire'")" \
	"with an audit entry"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM meta WHERE key LIKE 'key_next%'")" \
	"and nothing of the old key's way to the new one is left"
finish
