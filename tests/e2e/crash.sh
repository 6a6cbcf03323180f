#!/usr/bin/env bash
# Crash safety, as SQLite's own crash tests ask it: the server is killed
# with SIGKILL at random moments while clients write through the API and
# command-line writers write beside it, many times over; an import is
# killed midway.  After each crash every write that was acknowledged is
# there, PRAGMA integrity_check passes and the audit trail verifies; an
# import is all or nothing.
. "$(dirname "$0")/lib.bash"
ROUNDS=${CRASH_ROUNDS:-12}

new_community || exit 1
T=$("$SANCTUM" token create --user ada crash 2>/dev/null | grep -o 'snt_[A-Za-z0-9_-]*' | head -n1)
[ -n "$T" ]
check $? "an API token for the writers"
: >"$E2E_TMP/acked-groups"
: >"$E2E_TMP/acked-rules"

# api_writer ROUND K: make groups until stopped; a name is written to the
# acknowledged list only once the server said 201
api_writer() {
	local i=0 code name
	while :; do
		i=$((i + 1))
		name="r$1-c$2-$i"
		code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 \
			-H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
			--data "{\"name\": \"$name\", \"cap\": 4}" "$BASE/api/v1/groups" 2>/dev/null)
		[ "$code" = 201 ] && echo "$name" >>"$E2E_TMP/acked-groups"
	done
}
# cli_writer ROUND: watch rules from the command line, beside the server
cli_writer() {
	local i=0
	while :; do
		i=$((i + 1))
		if "$SANCTUM" watch add "crash round $1 rule $i" >/dev/null 2>&1; then
			echo "crash round $1 rule $i" >>"$E2E_TMP/acked-rules"
		fi
	done
}

lost=0; bad=0; broken=0
for round in $(seq 1 "$ROUNDS"); do
	start_server || { check 1 "the server starts again (round $round)"; break; }
	api_writer "$round" 1 & w1=$!
	api_writer "$round" 2 & w2=$!
	cli_writer "$round" & w3=$!
	sleep "0.$((2 + RANDOM % 8))"
	kill -9 "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID" 2>/dev/null
	SERVER_PID=
	# the writers stop too, a command-line writer killed as it writes
	pkill -9 -f "$SANCTUM watch add crash round $round" 2>/dev/null
	kill "$w1" "$w2" "$w3" 2>/dev/null
	wait "$w1" "$w2" "$w3" 2>/dev/null
	pkill -9 -f "$SANCTUM watch add crash round $round" 2>/dev/null
	# what was acknowledged is there
	n=$(sort -u "$E2E_TMP/acked-groups" | wc -l)
	have=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM groups WHERE name GLOB 'r*-c*-*'")
	[ "$have" -ge "$n" ] || lost=$((lost + 1))
	while IFS= read -r g; do
		[ "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM groups WHERE name = '$g'")" = 1 ] ||
			{ echo "# round $round: acknowledged group $g is missing" >&2; lost=$((lost + 1)); }
	done < <(grep "^r$round-" "$E2E_TMP/acked-groups")
	while IFS= read -r w; do
		[ "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM watch_terms WHERE text = '$w'")" = 1 ] ||
			{ echo "# round $round: acknowledged rule $w is missing" >&2; lost=$((lost + 1)); }
	done < <(grep "round $round " "$E2E_TMP/acked-rules")
	[ "$(sqlite3 "$SANCTUM_DB" 'PRAGMA integrity_check')" = ok ] || bad=$((bad + 1))
	"$SANCTUM" audit verify >/dev/null 2>&1 || broken=$((broken + 1))
done
acked=$(($(wc -l <"$E2E_TMP/acked-groups") + $(wc -l <"$E2E_TMP/acked-rules")))
[ "$acked" -gt $((ROUNDS * 2)) ]
check $? "the writers were acknowledged $acked writes over $ROUNDS crashes"
expect_eq 0 "$lost" "no acknowledged write was lost to SIGKILL"
expect_eq 0 "$bad" "the database passed integrity_check after every crash"
expect_eq 0 "$broken" "the audit trail verified after every crash"

# an import killed midway leaves all of it or none of it
jsonl() {	# N: N records of the jsonl format
	local i
	for i in $(seq 1 "$1"); do
		printf '{"id": "m%d", "group": "Imported", "author": "writer%d", "time": "2026-11-0%dT10:00:00Z", "body": "Post number %d of the import, with a few words of its own so it fingerprints: %d apples and %d pears."}\n' \
			"$i" $((i % 50)) $((1 + i % 9)) "$i" "$i" $((i * 7))
	done
}
jsonl 40000 >"$E2E_TMP/big.jsonl"
partial=0 cut=0
for k in 1 2 3; do
	before=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM posts")
	"$SANCTUM" import --format jsonl "$E2E_TMP/big.jsonl" >/dev/null 2>&1 &
	imp=$!
	sleep "0.$((3 + RANDOM % 5))"
	kill -9 "$imp" 2>/dev/null
	wait "$imp" 2>/dev/null
	after=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM posts")
	[ "$after" = "$before" ] && cut=$((cut + 1))
	if [ "$after" != "$before" ] && [ "$after" != $((before + 40000)) ]; then
		partial=$((partial + 1))
		echo "# import $k: $before posts before, $after after" >&2
	fi
done
[ "$cut" -ge 1 ]
check $? "an import was killed before it ended ($cut of 3)"
expect_eq 0 "$partial" "an import killed midway kept all or none of its posts"
[ "$(sqlite3 "$SANCTUM_DB" 'PRAGMA integrity_check')" = ok ]
check $? "and the database is whole"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "and its audit trail verifies"
finish
