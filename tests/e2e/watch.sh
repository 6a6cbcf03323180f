#!/usr/bin/env bash
# External monitoring's watch list through the real binary: names the
# community goes by, watched near words of leaks and mental health, read
# from outside text as the leak detector reads it; a clear refusal for a
# bad rule; exit 3 when something is found, as scan does.
. "$(dirname "$0")/lib.bash"

new_community || exit 1
"$SANCTUM" watch add "Quiet Harbour" >"$E2E_TMP/o" 2>&1
expect_eq 0 "$?" "a name is put on the watch list"
expect_eq 1 "$(cat "$E2E_TMP/o")" "and its id is printed"
"$SANCTUM" watch add "QH" --near "screenshot, leak" --within 3 >/dev/null 2>&1
check $? "a nickname, with its own words and distance"
"$SANCTUM" watch add "" >"$E2E_TMP/e" 2>&1
expect_eq 1 "$?" "an empty name is refused"
"$SANCTUM" watch add "one two three four five six seven eight nine" >"$E2E_TMP/e" 2>&1
expect_eq 1 "$?" "so is a name of nine words"
expect_contains "$E2E_TMP/e" "1 to 8 words" "and the refusal says why"
"$SANCTUM" watch add "QH" --within 500 >/dev/null 2>&1
expect_eq 2 "$?" "a distance past 200 words is a usage error"
"$SANCTUM" watch list --json >"$E2E_TMP/l.json"
expect_eq "Quiet Harbour null 30" "$(jq -r '.[0] | "\(.text) \(.near) \(.within)"' "$E2E_TMP/l.json")" \
	"the list holds the name with sanctum's words, 30 words apart"
expect_eq "screenshot, leak" "$(jq -r '.[1].near' "$E2E_TMP/l.json")" "and the nickname's own words"

printf 'Someone posted a SCREEN\xe2\x80\x8bSHOT from quiet-h\xd0\xb0rbour on a forum last night.\n' >"$E2E_TMP/page.txt"
"$SANCTUM" watch test "$E2E_TMP/page.txt" >"$E2E_TMP/t" 2>&1
expect_eq 3 "$?" "a screenshot near the name (an invisible space, a Cyrillic a) is found: exit 3"
expect_contains "$E2E_TMP/t" 'watch 1: "Quiet Harbour" within 2 words of "screenshot"' "and said plainly"
printf 'We sailed out of Quiet Harbour at dawn; the bleak sky cleared.\n' | "$SANCTUM" watch test - >"$E2E_TMP/t" 2>&1
expect_eq 0 "$?" "the name alone finds nothing"
printf 'QH one two leak\n' | "$SANCTUM" watch test --json - >"$E2E_TMP/t.json" 2>&1
expect_eq 3 "$?" "the nickname within 3 words of its word is found"
expect_eq "1 2 3" "$(jq -r '"\(length) \(.[0].rule) \(.[0].distance)"' "$E2E_TMP/t.json")" \
	"with its rule and distance"
printf 'QH one two three leak\n' | "$SANCTUM" watch test - >/dev/null 2>&1
expect_eq 0 "$?" "four words apart is too far"
"$SANCTUM" watch test "$E2E_TMP/nowhere" >/dev/null 2>&1
expect_eq 1 "$?" "a missing file is a clear error"

"$SANCTUM" watch remove 2 >/dev/null 2>&1
check $? "a rule is removed"
printf 'QH leak\n' | "$SANCTUM" watch test - >/dev/null 2>&1
expect_eq 0 "$?" "and no longer found"
"$SANCTUM" watch remove 2 >/dev/null 2>&1
expect_eq 1 "$?" "removing it twice is refused"
expect_eq 3 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action LIKE 'watch.%'")" \
	"each change is in the audit trail"

# many rules at once: all or nothing
printf '# the names of our groups\nEvening Lanterns\n\nTide Room|leak, copied|5\n' >"$E2E_TMP/rules"
"$SANCTUM" watch import "$E2E_TMP/rules" >"$E2E_TMP/o" 2>&1
check $? "a file of rules is imported"
expect_contains "$E2E_TMP/o" "2 rules added" "comments and blank lines skipped"
printf 'tide room, then COPIED\n' | "$SANCTUM" watch test - >/dev/null 2>&1
expect_eq 3 "$?" "an imported rule with its own words is read"
printf 'Fine Name\nbad|words|999\n' | "$SANCTUM" watch import - >"$E2E_TMP/e" 2>&1
expect_eq 1 "$?" "a file with a bad line is refused"
expect_contains "$E2E_TMP/e" "line 2" "naming the line"
expect_eq 0 "$("$SANCTUM" watch list --json | jq '[.[] | select(.text == "Fine Name")] | length')" \
	"and nothing of it was kept"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "the audit chain holds"
finish
