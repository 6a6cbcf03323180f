#!/usr/bin/env bash
# A new community from the command line: groups, member accounts, posts
# written, edited and deleted by the id `scan` prints (also the id an
# import brought), each change in the audit trail under the operating
# system's account name.
. "$(dirname "$0")/lib.bash"
FIX=$(cd "$(dirname "$0")/../fixtures" && pwd)

new_community

# post add on a new community says what to do
printf 'A first post.\n' | "$SANCTUM" post add --group "Evening check-in" \
	--author river-stone 2>"$E2E_TMP/err"
expect_eq 1 "$?" "post add to a group that does not exist fails"
expect_contains "$E2E_TMP/err" "sanctum group create" "and says how to make one"

# groups
"$SANCTUM" group create "Evening check-in" >"$E2E_TMP/out"
check $? "group create"
expect_contains "$E2E_TMP/out" "for 12 people" "holds 12 by default"
"$SANCTUM" group create "Evening check-in" 2>"$E2E_TMP/err"
expect_eq 1 "$?" "a second group of the same name is refused"
"$SANCTUM" group create "Big room" --cap 15 2>"$E2E_TMP/err"
expect_eq 1 "$?" "a group for 15 is refused"
expect_contains "$E2E_TMP/err" "2 to 14 people" "and says why"
"$SANCTUM" group create "Tiny" --cap 1 2>/dev/null
expect_eq 1 "$?" "a group for 1 is refused"
"$SANCTUM" group create "Noches tranquilas — 夜の会" --cap 8 >/dev/null
check $? "a name in any script, with a capacity"
"$SANCTUM" group create "$(printf 'bell\007')" 2>/dev/null
expect_eq 1 "$?" "a name with a control character is refused"
"$SANCTUM" group create 2>/dev/null
expect_eq 2 "$?" "group create without a name is a usage error"
"$SANCTUM" group list >"$E2E_TMP/groups"
expect_contains "$E2E_TMP/groups" "夜の会" "group list shows the groups"
"$SANCTUM" group list --json >"$E2E_TMP/groups.json"
expect_contains "$E2E_TMP/groups.json" '"capacity": 8' "group list --json"

printf 'A first post.\n' | "$SANCTUM" post add --group "Evening check-in" \
	--author river-stone 2>"$E2E_TMP/err"
expect_eq 1 "$?" "post add by a member who does not exist fails"
expect_contains "$E2E_TMP/err" "sanctum user add river-stone --role member" \
	"and says how to make one"

# a member account is the member
printf 'a long enough password\n' | "$SANCTUM" user add river-stone \
	--role member >/dev/null
check $? "user add --role member"
id=$("$SANCTUM" post add --group "Evening check-in" --author river-stone \
	<"$FIX/scan/post.txt" | sed -n 's/^post \([0-9]*\) added$/\1/p')
[ -n "$id" ]
check $? "post add by the new member, in the new group"

# the post is found and named by its number; edit and delete take it
"$SANCTUM" scan --json "$FIX/scan/post.txt" >"$E2E_TMP/r.json"
expect_contains "$E2E_TMP/r.json" "\"post\":$id," "scan --json names it by number"
"$SANCTUM" scan "$FIX/scan/post.txt" >"$E2E_TMP/r.txt"
expect_contains "$E2E_TMP/r.txt" "post $id in \"Evening check-in\" by river-stone" \
	"scan prints the same number"
"$SANCTUM" post edit "$id" <"$FIX/scan/edited.txt" >/dev/null
check $? "post edit takes the number scan printed"
"$SANCTUM" post edit 99999 <"$FIX/scan/edited.txt" 2>"$E2E_TMP/err"
expect_eq 1 "$?" "post edit of no post fails"
expect_contains "$E2E_TMP/err" "no post 99999" "and says so"

# imported posts: one id type in scan --json, and FORMAT:ID is accepted
"$SANCTUM" import --format jsonl "$FIX/import/posts.jsonl" >/dev/null 2>&1
check $? "a jsonl import"
body=$(sed -n 's/.*"id":"p-3".*"body":"\([^"]*\)".*/\1/p' "$FIX/import/posts.jsonl")
printf '%s\n%s\n' "$body" "$body" >"$E2E_TMP/imported.txt"
"$SANCTUM" scan --json --min-fps 1 --min-words 5 "$E2E_TMP/imported.txt" >"$E2E_TMP/r.json"
grep -q '"post":[0-9][0-9]*,' "$E2E_TMP/r.json"
check $? "an imported post is named by its number too"
grep -q '"post":"' "$E2E_TMP/r.json"
expect_eq 1 "$?" "and never by a string"
printf 'a long enough password\n' | "$SANCTUM" user add ash --role member >/dev/null
check $? "an account for an imported member"
expect_eq "1 1" "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) || ' ' || count(user_id) FROM members WHERE pseudonym = 'ash'")" \
	"is joined to that member, not a second one"
printf 'a long enough password\n' | "$SANCTUM" user add river-st0ne \
	--role member >/dev/null 2>"$E2E_TMP/err"
expect_eq 1 "$?" "a name that looks like a member's is refused"
expect_contains "$E2E_TMP/err" "looks like river-stone" "and says whose"
printf 'a long enough password\n' | "$SANCTUM" user add A_sh \
	--role moderator >/dev/null 2>&1
expect_eq 1 "$?" "so is the same name in other case, with a separator"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM users WHERE name IN ('river-st0ne', 'A_sh')")" \
	"and nothing of them is kept"
"$SANCTUM" post delete jsonl:p-3 >"$E2E_TMP/out"
check $? "post delete takes FORMAT:ID"
"$SANCTUM" post delete jsonl:p-3 2>/dev/null
expect_eq 1 "$?" "a deleted post cannot be deleted again"
"$SANCTUM" post delete jsonl:nothing 2>/dev/null
expect_eq 1 "$?" "an unknown FORMAT:ID is no post"
"$SANCTUM" post delete "$id" >/dev/null
check $? "post delete takes the number"

# every change is audited, under the account that ran the command, even
# with no $USER
env -u USER "$SANCTUM" group create "Afternoon walk" >/dev/null
"$SANCTUM" audit list --json --limit 50 >"$E2E_TMP/audit.json"
me=$(id -un)
for action in group.create user.add post.add post.edit post.delete import; do
	grep -q "\"action\": *\"$action\"" "$E2E_TMP/audit.json"
	check $? "$action is in the audit trail"
done
expect_contains "$E2E_TMP/audit.json" "\"cli:$me\"" \
	"the actor is the operating system's account name"
expect_absent "$E2E_TMP/audit.json" "cli:unknown" "never cli:unknown"
"$SANCTUM" audit verify >/dev/null
check $? "the trail verifies"

finish
