#!/usr/bin/env bash
# Prevention from the command line: the confidentiality pledge's versions,
# small groups that refuse a fifteenth person, waiting lists that tell the
# next person, and membership history kept for imports too.
. "$(dirname "$0")/lib.bash"
FIX=$(cd "$(dirname "$0")/../fixtures" && pwd)

new_community
for n in willow fern 小雨 oak; do
	printf 'a long enough password\n' | "$SANCTUM" user add "$n" \
		--role member >/dev/null
done

# the pledge: a default in force from the start
"$SANCTUM" pledge show >"$E2E_TMP/pledge.txt"
check $? "pledge show on a new community"
expect_contains "$E2E_TMP/pledge.txt" "version 1 (the default" "is the default, version 1"
expect_contains "$E2E_TMP/pledge.txt" "screenshots" "which speaks of screenshots"
expect_contains "$E2E_TMP/pledge.txt" "traced to the account" "and says copies can be traced"
expect_contains "$E2E_TMP/pledge.txt" "accepted by 0 of 4" "nobody has accepted it yet"

# groups: 12 by default, 14 at most, no override
"$SANCTUM" group create "Evening check-in" --cap 15 2>"$E2E_TMP/err"
expect_eq 1 "$?" "a cap above 14 is refused with exit 1"
expect_contains "$E2E_TMP/err" "2 to 14 people" "with a clear message"
"$SANCTUM" group create "Evening check-in" --cap 2 >/dev/null
check $? "group create --cap 2"

"$SANCTUM" group add "Evening check-in" willow 2>"$E2E_TMP/err"
expect_eq 1 "$?" "no group before the pledge is accepted"
expect_contains "$E2E_TMP/err" "has not accepted the confidentiality pledge" "and says why"
for n in willow fern 小雨 oak; do
	"$SANCTUM" pledge accept "$n" >/dev/null
done
"$SANCTUM" pledge accept nobody 2>/dev/null
expect_eq 1 "$?" "pledge accept of no member fails"
"$SANCTUM" pledge show --json >"$E2E_TMP/pledge.json"
expect_contains "$E2E_TMP/pledge.json" '"accepted": 4' "four have accepted it"
expect_contains "$E2E_TMP/pledge.json" '"stored": true' "and it is stored now"

"$SANCTUM" group add "Evening check-in" willow >/dev/null
check $? "group add after the pledge"
"$SANCTUM" group add "Evening check-in" 小雨 >/dev/null
check $? "a pseudonym in any script"
"$SANCTUM" group add "Evening check-in" fern 2>"$E2E_TMP/err"
expect_eq 1 "$?" "a full group refuses with exit 1"
expect_contains "$E2E_TMP/err" "is full (2 of 2)" "and says it is full"
"$SANCTUM" group add "Evening check-in" fern --wait >"$E2E_TMP/out"
check $? "--wait puts them on the waiting list"
expect_contains "$E2E_TMP/out" "number 1 on its waiting list" "first in line"
"$SANCTUM" group add "Evening check-in" oak --wait >/dev/null
"$SANCTUM" group add "No such group" oak 2>/dev/null
expect_eq 1 "$?" "group add to no group fails"
"$SANCTUM" group add "Evening check-in" 2>/dev/null
expect_eq 2 "$?" "group add without a member is a usage error"

"$SANCTUM" group leave "Evening check-in" willow >"$E2E_TMP/out"
check $? "group leave"
expect_contains "$E2E_TMP/out" "fern, first on the waiting list, is told" \
	"the first who waits is told a place opened"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM notices n JOIN members m ON m.id = n.member_id WHERE m.pseudonym = 'fern' AND n.kind = 'group.place'")" \
	"with a notice, on their own page"
"$SANCTUM" group leave "Evening check-in" willow 2>/dev/null
expect_eq 1 "$?" "leaving twice fails"
"$SANCTUM" group add "Evening check-in" fern >/dev/null
check $? "the one told takes the place"
"$SANCTUM" group show "Evening check-in" --json >"$E2E_TMP/show.json"
expect_contains "$E2E_TMP/show.json" '"pseudonym": "fern"' "group show lists them"
expect_contains "$E2E_TMP/show.json" '"pseudonym": "oak"' "and who still waits"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM group_members gm JOIN members m ON m.id = gm.member_id WHERE m.pseudonym = 'willow' AND gm.left_at IS NOT NULL")" \
	"the time willow belonged is kept"
# a removal frees a place too, and the next who waits is told
"$SANCTUM" violation record 小雨 --step removal --message "You shared a post outside the group." >/dev/null 2>&1
check $? "a member is removed"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM notices n JOIN members m ON m.id = n.member_id WHERE m.pseudonym = 'oak' AND n.kind = 'group.place'")" \
	"and oak, who waited, is told a place opened"

# a new version asks everyone again
printf 'What is said here stays here.\n' >"$E2E_TMP/v2.txt"
"$SANCTUM" pledge publish "$E2E_TMP/v2.txt" >"$E2E_TMP/out"
check $? "pledge publish"
expect_contains "$E2E_TMP/out" "version 2" "is version 2"
"$SANCTUM" pledge publish "$E2E_TMP/v2.txt" 2>/dev/null
expect_eq 1 "$?" "the same text again is refused"
printf 'bad \377 byte\n' | "$SANCTUM" pledge publish - 2>"$E2E_TMP/err"
expect_eq 1 "$?" "invalid UTF-8 is refused"
"$SANCTUM" group leave "Evening check-in" fern >/dev/null
"$SANCTUM" group add "Evening check-in" willow 2>"$E2E_TMP/err"
expect_eq 1 "$?" "after a new version, no group until it is accepted"
"$SANCTUM" pledge accept willow >/dev/null
"$SANCTUM" group add "Evening check-in" willow >/dev/null
check $? "and then the group is open again"
expect_eq "1|2" "$(sqlite3 "$SANCTUM_DB" "SELECT min(version) || '|' || max(version) FROM pledges p JOIN members m ON m.id = p.member_id WHERE m.pseudonym = 'willow'")" \
	"who accepted which version is kept"
"$SANCTUM" pledge show --version 1 >"$E2E_TMP/v1.txt"
expect_contains "$E2E_TMP/v1.txt" "Our confidentiality pledge" "an old version can be read"

# an import: authors belong to where they posted, from their first post
"$SANCTUM" import --format jsonl "$FIX/import/posts.jsonl" >/dev/null 2>&1
"$SANCTUM" group show "walking club" >"$E2E_TMP/show.txt"
expect_contains "$E2E_TMP/show.txt" "ash" "an imported author is a member of the group"
expect_contains "$E2E_TMP/show.txt" "2024-04-02 22:00 UTC" "since their first post there"

# moderator training: asked of moderators and admins, current or not
printf 'a long enough password\n' | "$SANCTUM" user add mo --role moderator >/dev/null
"$SANCTUM" training status >"$E2E_TMP/t.txt"
check $? "training status"
expect_contains "$E2E_TMP/t.txt" "trauma-informed communication" "the default trainings are asked"
expect_eq 2 "$(grep -c '^mo .*never' "$E2E_TMP/t.txt")" "mo has completed neither yet"
"$SANCTUM" training record mo "mental health first aid" --date 2026-01-10 >/dev/null
check $? "training record with a date"
"$SANCTUM" training record mo "trauma-informed communication" --date 2020-01-10 >/dev/null
"$SANCTUM" training status --json >"$E2E_TMP/t.json"
expect_contains "$E2E_TMP/t.json" '"standing": "lapsed"' "an old completion has lapsed"
expect_contains "$E2E_TMP/t.json" '"standing": "current"' "a recent one is current"
"$SANCTUM" training record mo "juggling" 2>/dev/null
expect_eq 1 "$?" "an unknown training is refused"
"$SANCTUM" training record mo "mental health first aid" --date 2026-13-40 2>/dev/null
expect_eq 2 "$?" "a date that is not one is a usage error"
"$SANCTUM" training add "safeguarding" --valid-days 365 >/dev/null
check $? "training add"

"$SANCTUM" audit list --json --limit 100 >"$E2E_TMP/audit.json"
for action in pledge.publish pledge.accept group.create group.join group.wait group.leave; do
	grep -q "\"action\": *\"$action\"" "$E2E_TMP/audit.json"
	check $? "$action is in the audit trail"
done
"$SANCTUM" audit verify >/dev/null
check $? "the trail verifies"

finish
