#!/usr/bin/env bash
# I/O faults: the disk fills up (a file size limit on the process, with
# SIGXFSZ ignored, so a write past it fails with EFBIG as a full disk's
# does) under an import and under the server's API writes.  Each gets a
# clear error and changes nothing; nothing acknowledged before is lost;
# the database stays whole and its audit trail verifies.  A database this
# user may only read (the suite runs as root, which file modes do not stop,
# so that part runs as user nobody) gets a clear error and is not changed.
. "$(dirname "$0")/lib.bash"

new_community || exit 1
T=$("$SANCTUM" token create --user ada faults 2>/dev/null | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
"$SANCTUM" group create "Before the fault" >/dev/null 2>&1
check $? "a group is made while there is room"
for i in $(seq 1 30000); do
	printf '{"id": "m%d", "group": "Imported", "author": "writer%d", "time": "2026-11-01T10:00:00Z", "body": "Post number %d of an import large enough to fill what is left: %d."}\n' \
		"$i" $((i % 40)) "$i" $((i * 13))
done >"$E2E_TMP/big.jsonl"
# limit LIMIT_KB: what the next commands may write, beyond the database's size
trap '' XFSZ
size_kb=$(( $(stat -c %s "$SANCTUM_DB") / 1024 ))
ulimit -S -f $((size_kb + 256))
"$SANCTUM" import --format jsonl "$E2E_TMP/big.jsonl" >"$E2E_TMP/o" 2>"$E2E_TMP/e"
expect_eq 1 "$?" "an import that fills the disk fails with exit 1"
expect_contains "$E2E_TMP/e" "nothing was kept" "and says that nothing was kept"
ulimit -S -f unlimited
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM posts")" "and it kept nothing"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM groups WHERE name = 'Before the fault'")" \
	"what was there before is there"
expect_eq ok "$(sqlite3 "$SANCTUM_DB" 'PRAGMA integrity_check')" "the database is whole"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "and its audit trail verifies"

# the server fills the disk: writes fail cleanly, acknowledged ones stay
ulimit -S -f $(( $(stat -c %s "$SANCTUM_DB") / 1024 + 64 ))
start_server
check $? "the server starts with little room left"
acked=0 refused=0 other=0
: >"$E2E_TMP/acked"
for i in $(seq 1 400); do
	note=$(head -c 600 /dev/urandom | base64 -w0)
	code=$(curl -s -o "$E2E_TMP/r.json" -w '%{http_code}' -H "Authorization: Bearer $T" \
		-H 'Content-Type: application/json' \
		--data "{\"name\": \"g$i\", \"cap\": 4}" "$BASE/api/v1/groups")
	case $code in
	201) acked=$((acked + 1)); echo "g$i" >>"$E2E_TMP/acked" ;;
	500|503) refused=$((refused + 1)) ;;
	*) other=$((other + 1)) ;;
	esac
	# fill the room faster: thanks, their words sealed
	[ "$refused" -gt 5 ] && break
	curl -s -o /dev/null -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
		--data "{\"to\": \"ada\", \"message\": \"$note\"}" "$BASE/api/v1/thanks"
done
[ "$refused" -gt 0 ]
check $? "once the disk is full, writes are refused ($acked acknowledged before, $refused refused)"
expect_eq 0 "$other" "with a server error, never a wrong answer"
expect_eq 200 "$(status GET /healthz)" "and the server keeps answering"
stop_server
ulimit -S -f unlimited
missing=0
while IFS= read -r g; do
	[ "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM groups WHERE name = '$g'")" = 1 ] ||
		missing=$((missing + 1))
done <"$E2E_TMP/acked"
expect_eq 0 "$missing" "every acknowledged write is there once there is room again"
expect_eq ok "$(sqlite3 "$SANCTUM_DB" 'PRAGMA integrity_check')" "the database is whole"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "and its audit trail verifies"
start_server
check $? "the server starts again with room"
expect_eq 201 "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $T" \
	-H 'Content-Type: application/json' --data '{"name": "after the fault"}' "$BASE/api/v1/groups")" \
	"and takes writes again"
stop_server

# a database this user may only read: as nobody, on root's files
command -v setpriv >/dev/null || { check 1 "setpriv (util-linux) is needed"; finish; exit; }
mkdir -p "$E2E_TMP/ro"
sqlite3 "$SANCTUM_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$SANCTUM_DB" "$E2E_TMP/ro/c.db"
cp "$SANCTUM_DB.key" "$E2E_TMP/ro/c.db.key"
chown 65534 "$E2E_TMP/ro/c.db.key"
chmod 755 "$E2E_TMP" "$E2E_TMP/ro"
chmod 644 "$E2E_TMP/ro/c.db"
sum=$(md5sum <"$E2E_TMP/ro/c.db")
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$SANCTUM" --db "$E2E_TMP/ro/c.db" "$@"; }
nobody group create "Not kept" >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "a write to a database this user may only read fails with exit 1"
expect_contains "$E2E_TMP/o" "read-only for this user" "and says why"
nobody group list >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "so does reading it (sanctum needs its write-ahead log)"
expect_contains "$E2E_TMP/o" "nothing was changed" "saying nothing was changed"
expect_eq "$sum" "$(md5sum <"$E2E_TMP/ro/c.db")" "and nothing was"
[ ! -e "$E2E_TMP/ro/c.db-wal" ]
check $? "not even a write-ahead log beside it"
chmod 775 "$E2E_TMP/ro"; chown 65534 "$E2E_TMP/ro" "$E2E_TMP/ro/c.db"; chmod 600 "$E2E_TMP/ro/c.db"
nobody group create "Kept once writable" >/dev/null 2>&1
check $? "once the user may write it, the same command works"
finish
