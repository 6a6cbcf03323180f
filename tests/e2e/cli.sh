#!/usr/bin/env bash
# The command line: help, exit codes, init, keys, passphrase mode, users,
# audit verification of a tampered trail, and serve refusing a wrong key.
. "$(dirname "$0")/lib.bash"

"$SANCTUM" --version | grep -q '^sanctum [0-9]'
check $? "--version"
"$SANCTUM" help >"$E2E_TMP/help"
check $? "help exits 0"
for c in init user group token import post scan index serve demo audit; do
	"$SANCTUM" help "$c" >"$E2E_TMP/help.$c"
	check $? "help $c"
done
"$SANCTUM" serve --help | grep -q -- "--max-body"
check $? "serve --help documents its options"
"$SANCTUM" frobnicate 2>/dev/null
expect_eq 2 "$?" "an unknown command exits 2"
"$SANCTUM" user add 2>/dev/null
expect_eq 2 "$?" "a usage error exits 2"
"$SANCTUM" user list 2>"$E2E_TMP/err"
expect_eq 1 "$?" "no database: exit 1"
expect_contains "$E2E_TMP/err" "sanctum init" "and the message says what to do"

new_community
check $? "init and user add"
SANCTUM_KEY_FILE=/nonexistent "$SANCTUM" user list --json >/dev/null
check $? "reading who logs in needs the database, not the key"
SANCTUM_KEY_FILE=/nonexistent "$SANCTUM" user disable ada 2>/dev/null
expect_eq 1 "$?" "changing anything needs the key"
perm=$(stat -c %a "$SANCTUM_DB.key")
expect_eq 600 "$perm" "the key file is mode 0600"
"$SANCTUM" init 2>"$E2E_TMP/err"
expect_eq 1 "$?" "init never overwrites a community"
"$SANCTUM" user list --json >"$E2E_TMP/users.json"
grep -q '"name": "ada"' "$E2E_TMP/users.json"
check $? "user list --json"
printf 'short\n' | "$SANCTUM" user add bea --role member 2>"$E2E_TMP/err"
expect_eq 1 "$?" "a short password is refused"
"$SANCTUM" user add bea --role chief </dev/null 2>"$E2E_TMP/err"
expect_eq 1 "$?" "an unknown role is refused"
"$SANCTUM" user disable nobody 2>"$E2E_TMP/err"
expect_eq 1 "$?" "disabling nobody fails"

# the key: a wrong one is refused everywhere, with a clear message
SANCTUM_DB="$E2E_TMP/other.db" "$SANCTUM" init >/dev/null 2>&1
"$SANCTUM" --key-file "$E2E_TMP/other.db.key" serve --listen 127.0.0.1:1 2>"$E2E_TMP/err"
expect_eq 1 "$?" "serve refuses a key made for another community"
expect_contains "$E2E_TMP/err" "wrong key file" "and says the key is wrong"
mv "$SANCTUM_DB.key" "$E2E_TMP/moved.key"
"$SANCTUM" serve --listen 127.0.0.1:1 2>"$E2E_TMP/err"
expect_eq 1 "$?" "serve refuses to start without its key"
SANCTUM_KEY_FILE="$E2E_TMP/moved.key" "$SANCTUM" audit verify >/dev/null
check $? "SANCTUM_KEY_FILE points to a key elsewhere"
mv "$E2E_TMP/moved.key" "$SANCTUM_DB.key"
chmod 644 "$SANCTUM_DB.key"
"$SANCTUM" audit verify 2>"$E2E_TMP/err" >/dev/null
expect_eq 1 "$?" "a key file others can read is refused"
chmod 600 "$SANCTUM_DB.key"

# passphrase mode
printf 'a passphrase of some length\n' >"$E2E_TMP/pass"
printf 'another passphrase entirely\n' >"$E2E_TMP/wrongpass"
P="$E2E_TMP/pp.db"
"$SANCTUM" --db "$P" --passphrase-file "$E2E_TMP/pass" init --passphrase >/dev/null 2>&1
check $? "init --passphrase"
[ ! -e "$P.key" ]
check $? "writes no key file"
printf 'a long password here\n' | "$SANCTUM" --db "$P" --passphrase-file "$E2E_TMP/pass" \
	user add pat --role admin >/dev/null 2>&1
check $? "the passphrase opens the community"
"$SANCTUM" --db "$P" --passphrase-file "$E2E_TMP/wrongpass" audit verify 2>"$E2E_TMP/err"
expect_eq 1 "$?" "a wrong passphrase does not"
expect_contains "$E2E_TMP/err" "wrong passphrase" "and says so"

# the audit trail: intact, then tampered with behind sanctum's back
"$SANCTUM" user add cy --role supporter --generate >/dev/null 2>&1
"$SANCTUM" user disable cy >/dev/null
"$SANCTUM" audit verify >"$E2E_TMP/v"
check $? "audit verify on an intact trail"
# init, add ada, add cy, disable cy
expect_contains "$E2E_TMP/v" "intact: 4 entries" "counts its entries"
sqlite3 "$SANCTUM_DB" "UPDATE audit SET target = 'someone else' WHERE id = 2"
"$SANCTUM" audit verify >"$E2E_TMP/v"
expect_eq 1 "$?" "a changed entry makes verify fail"
expect_contains "$E2E_TMP/v" "broken at entry 2" "and names the first broken entry"

# the demo, without serving
"$SANCTUM" demo --dir "$E2E_TMP/demo" --no-serve >"$E2E_TMP/demo.out" 2>/dev/null
check $? "demo --no-serve"
expect_contains "$E2E_TMP/demo.out" "log in as demo-admin with password" \
	"prints the demo admin's login"
n=$(sqlite3 "$E2E_TMP/demo/demo.db" "SELECT count(*) FROM posts")
expect_eq 60 "$n" "with the demo's posts"
big=$(sqlite3 "$E2E_TMP/demo/demo.db" "SELECT max(c) FROM (SELECT count(*) c FROM group_members WHERE left_at IS NULL GROUP BY group_id)")
[ "$big" -lt 15 ]
check $? "in groups under 15 people"
grep -c "" "$E2E_TMP/demo/demo.db" >/dev/null
strings "$E2E_TMP/demo/demo.db" "$E2E_TMP/demo/demo.db-wal" 2>/dev/null >"$E2E_TMP/strings"
expect_absent "$E2E_TMP/strings" "example.org" "no contact detail readable on disk"
expect_absent "$E2E_TMP/strings" "want to be here" "no post body readable on disk"

finish
