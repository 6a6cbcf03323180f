#!/usr/bin/env bash
# Backups: made while the server serves and clients write, sealed with the
# community's key (nothing readable in the file), checked, restored into a
# new place or over the old one only when asked; refused with the wrong
# key, a wrong passphrase, a damaged or cut file, or a file that is no
# backup.  A community keyed by a passphrase is restored from nothing but
# the backup and the passphrase.
. "$(dirname "$0")/lib.bash"

"$SANCTUM" demo --dir "$E2E_TMP/demo" --no-serve >/dev/null 2>&1
export SANCTUM_DB="$E2E_TMP/demo/demo.db"
printf 'a calm and long password\n' | "$SANCTUM" user add ada --role admin >/dev/null 2>&1
T=$("$SANCTUM" token create --user ada backup 2>/dev/null | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
start_server
check $? "the server starts"
# writers keep writing while the backup is made
( i=0; while :; do i=$((i + 1)); curl -s -o /dev/null -H "Authorization: Bearer $T" \
	-H 'Content-Type: application/json' --data "{\"name\": \"during $i\", \"cap\": 4}" \
	"$BASE/api/v1/groups"; done ) &
writer=$!
sleep 0.3
"$SANCTUM" backup "$E2E_TMP/b1" >"$E2E_TMP/o" 2>&1
expect_eq 0 "$?" "a backup is made while the server serves and clients write"
kill "$writer"; wait "$writer" 2>/dev/null
expect_eq 600 "$(stat -c %a "$E2E_TMP/b1")" "readable by its owner alone"
for s in river-stone "Evening check-in" SQLite; do
	if grep -aqF "$s" "$E2E_TMP/b1"; then check 1 "nothing in it reads ($s)"; else
		check 0 "nothing in it reads ($s)"; fi
done
"$SANCTUM" verify-backup "$E2E_TMP/b1" --json >"$E2E_TMP/v.json" 2>&1
expect_eq 0 "$?" "verify-backup accepts it"
expect_eq true "$(jq -r .ok "$E2E_TMP/v.json")" "and says so"
[ "$(jq -r .audit_entries "$E2E_TMP/v.json")" -gt 0 ]
check $? "with its audit trail verified"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'backup'")" \
	"the audit trail notes that a copy was made"
stop_server

# restored somewhere new, with the same key
posts=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM posts")
SANCTUM_DB="$E2E_TMP/new.db" "$SANCTUM" --key-file "$E2E_TMP/demo/demo.db.key" restore "$E2E_TMP/b1" >"$E2E_TMP/o" 2>&1
expect_eq 0 "$?" "restore into a new place"
expect_eq "$posts" "$(sqlite3 "$E2E_TMP/new.db" "SELECT count(*) FROM posts")" "every post is back"
SANCTUM_DB="$E2E_TMP/new.db" "$SANCTUM" --key-file "$E2E_TMP/demo/demo.db.key" audit verify >/dev/null 2>&1
check $? "and the restored audit trail verifies"
# over the old one only when asked
sum=$(md5sum <"$SANCTUM_DB")
"$SANCTUM" restore "$E2E_TMP/b1" >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "restore over a database that is there is refused"
expect_contains "$E2E_TMP/o" "--force" "saying how"
expect_eq "$sum" "$(md5sum <"$SANCTUM_DB")" "and nothing changed"
"$SANCTUM" restore "$E2E_TMP/b1" --force >"$E2E_TMP/o" 2>&1
expect_eq 0 "$?" "with --force it is restored"
ls "$E2E_TMP/demo/" | grep -q 'demo.db.pre-restore-'
check $? "the database that was there is kept aside"

# refusals
SANCTUM_DB="$E2E_TMP/other.db" "$SANCTUM" init --name "Another" >/dev/null 2>&1
"$SANCTUM" --key-file "$E2E_TMP/other.db.key" verify-backup "$E2E_TMP/b1" >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "another community's key does not open it"
expect_contains "$E2E_TMP/o" "not this community's backup" "and says so"
cp "$E2E_TMP/b1" "$E2E_TMP/b2"
# the byte changed to another value (a fixed one would be there already
# once in 256 runs)
b=$(od -An -tu1 -j20000 -N1 "$E2E_TMP/b2" | tr -d ' ')
printf "\\$(printf '%03o' $(( (b + 1) % 256 )))" |
	dd of="$E2E_TMP/b2" bs=1 seek=20000 conv=notrunc 2>/dev/null
cmp -s "$E2E_TMP/b1" "$E2E_TMP/b2"
expect_eq 1 "$?" "(the copy differs in one byte)"
"$SANCTUM" verify-backup "$E2E_TMP/b2" >/dev/null 2>&1
expect_eq 1 "$?" "a changed byte is found"
head -c 100000 "$E2E_TMP/b1" >"$E2E_TMP/b3"
"$SANCTUM" verify-backup "$E2E_TMP/b3" >/dev/null 2>&1
expect_eq 1 "$?" "so is a backup cut short"
cp "$E2E_TMP/b1" "$E2E_TMP/b4"; printf 'more' >>"$E2E_TMP/b4"
"$SANCTUM" verify-backup "$E2E_TMP/b4" >/dev/null 2>&1
expect_eq 1 "$?" "and one with bytes added at its end"
"$SANCTUM" verify-backup /etc/hostname >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "a file that is no backup is refused"
expect_contains "$E2E_TMP/o" "not a sanctum backup" "in those words"
SANCTUM_DB="$E2E_TMP/new2.db" "$SANCTUM" --key-file "$E2E_TMP/other.db.key" restore "$E2E_TMP/b1" >/dev/null 2>&1
expect_eq 1 "$?" "restore with the wrong key is refused"
[ ! -e "$E2E_TMP/new2.db" ] && [ ! -e "$E2E_TMP/new2.db.restore" ]
check $? "and leaves nothing behind"

# a community keyed by a passphrase: the backup and the passphrase suffice
printf 'a passphrase of some length\n' >"$E2E_TMP/pass"
printf 'not the passphrase at all\n' >"$E2E_TMP/wrong"
export SANCTUM_DB="$E2E_TMP/pp.db"
"$SANCTUM" --passphrase-file "$E2E_TMP/pass" init --name "Keyed" --passphrase >/dev/null 2>&1
check $? "a community keyed by a passphrase"
"$SANCTUM" --passphrase-file "$E2E_TMP/pass" group create "Kept" >/dev/null 2>&1
"$SANCTUM" --passphrase-file "$E2E_TMP/pass" backup "$E2E_TMP/pp.bak" >/dev/null 2>&1
check $? "is backed up"
rm -f "$E2E_TMP"/pp.db*
"$SANCTUM" --passphrase-file "$E2E_TMP/wrong" restore "$E2E_TMP/pp.bak" >/dev/null 2>&1
expect_eq 1 "$?" "a wrong passphrase does not restore it"
"$SANCTUM" --passphrase-file "$E2E_TMP/pass" restore "$E2E_TMP/pp.bak" >/dev/null 2>&1
expect_eq 0 "$?" "the right one does, with the database gone"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM groups WHERE name = 'Kept'")" \
	"and what it held is back"
finish
