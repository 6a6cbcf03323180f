#!/usr/bin/env bash
# A group's conversation through the real server: a member accepts the
# pledge, joins, posts and replies; another member reads the thread, and a
# copy of what they were shown, pasted elsewhere, is traced to them by
# `scan`.  Forms for groups the member is not in are refused, and nothing
# records what members read.
. "$(dirname "$0")/lib.bash"

new_community
PW="a member's long password"
for n in willow fern oak; do
	printf '%s\n' "$PW" | "$SANCTUM" user add "$n" --role member >/dev/null
done
"$SANCTUM" group create "Evening check-in" --cap 2 >/dev/null
"$SANCTUM" group create "Morning pages" >/dev/null
start_server
check $? "the server starts"

W="$E2E_TMP/willow.jar" F="$E2E_TMP/fern.jar" O="$E2E_TMP/oak.jar"
expect_eq 303 "$(login "$W" willow "$PW")" "willow logs in"
expect_eq 303 "$(login "$F" fern "$PW")" "fern logs in"
expect_eq 303 "$(login "$O" oak "$PW")" "oak logs in"

# post FORM-ARGS... to PATH as JAR: prints status and Location
post() {
	local jar=$1 path=$2 csrf; shift 2
	csrf=$(csrf_of "$jar" /groups)
	curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$jar" \
		-c "$jar" --data-urlencode "csrf=$csrf" "$@" "$BASE$path"
}

curl -s -b "$W" "$BASE/groups" >"$E2E_TMP/groups.html"
expect_contains "$E2E_TMP/groups.html" "Evening check-in" "the groups page lists the groups"
expect_contains "$E2E_TMP/groups.html" "Accept the pledge to join" "and asks for the pledge first"
expect_eq 403 "$(status GET /groups/1 -b "$W")" "no conversation before joining"
out=$(post "$W" /groups/1/join)
expect_contains <(echo "$out") "/pledge?error=no-pledge" "joining before the pledge is refused"

curl -s -b "$W" "$BASE/pledge" >"$E2E_TMP/pledge.html"
expect_contains "$E2E_TMP/pledge.html" "screenshots" "the pledge page shows the pledge"
out=$(post "$W" /pledge --data-urlencode "accept=yes" --data-urlencode "version=1")
expect_contains <(echo "$out") "/groups?done=pledge" "willow accepts it"
out=$(post "$F" /pledge --data-urlencode "accept=yes" --data-urlencode "version=7")
expect_contains <(echo "$out") "pledge-changed" "accepting a version not in force is refused"
post "$F" /pledge --data-urlencode "accept=yes" --data-urlencode "version=1" >/dev/null
post "$O" /pledge --data-urlencode "accept=yes" --data-urlencode "version=1" >/dev/null

out=$(post "$W" /groups/1/join)
expect_contains <(echo "$out") "/groups/1?done=joined" "willow joins"
post "$F" /groups/1/join >/dev/null
out=$(post "$O" /groups/1/join)
expect_contains <(echo "$out") "error=full" "a full group refuses the third"
out=$(post "$O" /groups/1/join --data-urlencode "wait=yes")
expect_contains <(echo "$out") "done=waiting" "who may wait for a place"

BODY="Tonight was harder than I expected. I kept thinking about the call with my sister, and how quiet the flat felt after. Writing it here helps a little."
out=$(post "$W" /groups/1/posts --data-urlencode "body=$BODY" --data-urlencode "cw=family")
expect_contains <(echo "$out") "done=posted#post-" "willow starts a thread"
thread=$(echo "$out" | sed -n 's/.*#post-\([0-9]*\).*/\1/p')
out=$(post "$F" /groups/1/posts --data-urlencode "body=Thank you for writing it. I am glad you are here." \
	--data-urlencode "reply_to=$thread")
expect_contains <(echo "$out") "done=posted" "fern replies"
out=$(post "$O" /groups/1/posts --data-urlencode "body=Let me in.")
expect_contains <(echo "$out") "403" "a form for a group one is not in is refused"
out=$(post "$F" /groups/2/posts --data-urlencode "body=Forged.")
expect_contains <(echo "$out") "403" "so is a forged form for another group"
out=$(post "$F" /groups/1/posts --data-urlencode "body=$(printf 'bad\001')")
expect_contains <(echo "$out") "error=invalid" "control characters are refused"
out=$(post "$F" /groups/1/posts --data-urlencode "body=$(head -c 40000 /dev/zero | tr '\0' a)")
expect_contains <(echo "$out") "error=too-long" "an oversized post is refused"
out=$(post "$F" /groups/1/posts --data-urlencode "body=Anonymous?" --data-urlencode "anonymous=yes")
expect_contains <(echo "$out") "400" "a group that does not take anonymous posts refuses one"

# a group that takes anonymous posts
"$SANCTUM" group create "Quiet room" --anonymous >/dev/null
gid=$(sqlite3 "$SANCTUM_DB" "SELECT id FROM groups WHERE name = 'Quiet room'")
post "$W" "/groups/$gid/join" >/dev/null
post "$F" "/groups/$gid/join" >/dev/null
out=$(post "$W" "/groups/$gid/posts" --data-urlencode "body=I could not say this with my name." \
	--data-urlencode "anonymous=yes")
expect_contains <(echo "$out") "done=posted" "an anonymous post where the group takes them"
qthread=$(echo "$out" | sed -n 's/.*#post-\([0-9]*\).*/\1/p')
# a reply forged into another group's thread is refused, and nothing kept
n0=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM posts")
out=$(post "$F" /groups/1/posts --data-urlencode "body=Crossing over." --data-urlencode "reply_to=$qthread")
expect_absent <(echo "$out") "done=posted" "a reply forged into another group's thread is refused"
expect_eq "$n0" "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM posts")" "and no post is kept"
curl -s -b "$F" "$BASE/groups/$gid" >"$E2E_TMP/q.html"
expect_contains "$E2E_TMP/q.html" "anonymous member" "others see an anonymous member"
expect_absent "$E2E_TMP/q.html" ">willow" "and not who wrote it"
curl -s -b "$W" "$BASE/groups/$gid" >"$E2E_TMP/q.html"
expect_contains "$E2E_TMP/q.html" "you, anonymously" "the author sees it is theirs"
expect_contains "$E2E_TMP/q.html" "/edit\">Edit" "and can edit it"

# fern reads the thread: the text as written, with fern's marks in it
audit_before=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit")
curl -s -D "$E2E_TMP/h.txt" -b "$F" "$BASE/groups/1" >"$E2E_TMP/g.html"
expect_contains "$E2E_TMP/g.html" "Tonight was harder" "fern reads willow's post"
expect_contains "$E2E_TMP/g.html" "I am glad you are here" "and the reply"
expect_contains "$E2E_TMP/g.html" 'aria-hidden="true"' "the marks are hidden from screen readers"
expect_contains "$E2E_TMP/h.txt" "no-store" "the page is never cached"
expect_eq "$audit_before" "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit")" \
	"reading records nothing"

# a copy of what fern saw, pasted elsewhere, is traced to fern
sed -e 's/<[^>]*>/ /g' "$E2E_TMP/g.html" | grep -F "Tonight was harder" >"$E2E_TMP/copy.txt"
"$SANCTUM" scan --json "$E2E_TMP/copy.txt" >"$E2E_TMP/r.json" 2>"$E2E_TMP/r.err"
expect_eq 3 "$?" "scan finds the copy"
expect_contains "$E2E_TMP/r.json" '"account":"fern"' "and names the account it was shown to"
expect_absent "$E2E_TMP/r.json" '"account":"willow"' "and no one else"
# only one sentence of it, re-wrapped
grep -o 'I kept thinking[^.]*\.' "$E2E_TMP/copy.txt" | tr ' ' '\n' >"$E2E_TMP/part.txt"
"$SANCTUM" scan "$E2E_TMP/part.txt" >"$E2E_TMP/r.txt" 2>&1
expect_contains "$E2E_TMP/r.txt" "shown to fern" "a re-wrapped sentence still names fern"

# a moderator chooses to read, and that is audited
printf '%s\n' "$PW" | "$SANCTUM" user add mo --role moderator >/dev/null
M="$E2E_TMP/mo.jar"
login "$M" mo "$PW" >/dev/null
curl -s -b "$M" "$BASE/groups/1" >"$E2E_TMP/m.html"
expect_contains "$E2E_TMP/m.html" "Read the conversation" "a moderator is asked before reading"

# the console's scan and the API's read the marks too, and that is audited
c=$(csrf_of "$M" /scan)
curl -s -b "$M" -F "csrf=$c" -F "text=<$E2E_TMP/part.txt" "$BASE/scan" >"$E2E_TMP/s.html"
expect_contains "$E2E_TMP/s.html" "this text was shown to fern" \
	"the console's scan names the account a pasted sentence was shown to"
tok=$("$SANCTUM" token create --user mo marks 2>/dev/null | tail -n1)
jq -Rs '{text: .}' "$E2E_TMP/copy.txt" >"$E2E_TMP/q.json"
curl -s -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
	--data @"$E2E_TMP/q.json" "$BASE/api/v1/scan" >"$E2E_TMP/api.json"
expect_eq fern "$(jq -r '.copy_marks[0].account' "$E2E_TMP/api.json")" \
	"and so does the API's"
expect_eq 2 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'scan.copymark'")" \
	"each naming is in the audit trail"
expect_absent "$E2E_TMP/m.html" "I am glad you are here" "and shown nothing until then"
before=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'sealed.open'")
csrf=$(csrf_of "$M" /groups)
curl -s -b "$M" --data-urlencode "csrf=$csrf" "$BASE/groups/1/read" >"$E2E_TMP/m.html"
expect_contains "$E2E_TMP/m.html" "I am glad you are here" "then reads it"
expect_absent "$E2E_TMP/m.html" 'name="reply_to"' "without forms to write in a group not theirs"
after=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'sealed.open'")
[ "$after" -gt "$before" ]
check $? "and each post opened is in the audit trail"
expect_eq 403 "$(status POST /groups/1/read -b "$F" --data-urlencode "csrf=$(csrf_of "$F" /groups)")" \
	"a member cannot read as a moderator"
# a group's own moderators: once it has them, only they (and admins) read
printf '%s\n' "$PW" | "$SANCTUM" user add mo2 --role moderator >/dev/null
"$SANCTUM" group moderator "Evening check-in" fern 2>/dev/null
expect_eq 1 "$?" "a member cannot be a group's moderator"
"$SANCTUM" group moderator "Evening check-in" mo >/dev/null
check $? "group moderator"
"$SANCTUM" group show "Evening check-in" >"$E2E_TMP/show.txt"
expect_contains "$E2E_TMP/show.txt" "moderated by mo" "group show names its moderators"
M2="$E2E_TMP/mo2.jar"
login "$M2" mo2 "$PW" >/dev/null
expect_eq 403 "$(status POST /groups/1/read -b "$M2" --data-urlencode "csrf=$(csrf_of "$M2" /groups)")" \
	"another moderator may not read it now"
expect_eq 200 "$(status POST /groups/1/read -b "$M" --data-urlencode "csrf=$(csrf_of "$M" /groups)")" \
	"its own moderator still may"
# the same through the API, audited, the words carrying the reader's marks
tok2=$("$SANCTUM" token create --user mo2 read 2>/dev/null | tail -n1)
expect_eq 403 "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $tok2" "$BASE/api/v1/groups/1/read")" \
	"through the API, another moderator may not read it either"
before=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'sealed.open'")
curl -s -X POST -H "Authorization: Bearer $tok" "$BASE/api/v1/groups/1/read" >"$E2E_TMP/read.json"
expect_eq 1 "$(jq '[.posts[] | select(.text | contains("I am glad you are here"))] | length' "$E2E_TMP/read.json")" \
	"its own moderator reads the conversation through the API"
after=$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'sealed.open'")
[ "$after" -gt "$before" ]
check $? "each post opened in the audit trail"
jq -r '.posts[0].text' "$E2E_TMP/read.json" >"$E2E_TMP/read.txt"
"$SANCTUM" scan --json "$E2E_TMP/read.txt" >"$E2E_TMP/r2.json" 2>/dev/null
expect_contains "$E2E_TMP/r2.json" '"account":"mo"' "and a copy of what it answered names mo"

# the author edits and deletes; nobody else can
pid=$(sqlite3 "$SANCTUM_DB" "SELECT max(p.id) FROM posts p JOIN members m ON m.id = p.member_id WHERE m.pseudonym = 'fern' AND p.group_id = 1")
expect_eq 404 "$(status GET "/posts/$thread/edit" -b "$F")" "fern cannot edit willow's post"
out=$(post "$F" "/posts/$thread/delete")
expect_contains <(echo "$out") "404" "nor delete it"
out=$(post "$F" "/posts/$pid/edit" --data-urlencode "body=Thank you for writing it.")
expect_contains <(echo "$out") "done=edited" "fern edits her reply"
out=$(post "$W" "/posts/$thread/delete")
expect_contains <(echo "$out") "done=deleted" "willow deletes her thread"
curl -s -b "$F" "$BASE/groups/1" >"$E2E_TMP/g.html"
expect_absent "$E2E_TMP/g.html" "Tonight was harder" "which is gone for everyone"

# leaving opens a place for oak, who is told
post "$W" /groups/1/leave >/dev/null
curl -s -b "$O" "$BASE/groups" >"$E2E_TMP/groups.html"
expect_contains "$E2E_TMP/groups.html" "A place opened in" "oak is told a place opened"
out=$(post "$O" /groups/1/join)
expect_contains <(echo "$out") "done=joined" "and takes it"

# a faint visible mark, where a group chooses one
"$SANCTUM" group create "Marked room" --visible-mark >/dev/null
mg=$(sqlite3 "$SANCTUM_DB" "SELECT id FROM groups WHERE name = 'Marked room'")
post "$F" "/groups/$mg/join" >/dev/null
curl -s -b "$F" "$BASE/groups/$mg" >"$E2E_TMP/mk.html"
expect_contains "$E2E_TMP/mk.html" 'class="conversation marked"' "a marked group's conversation carries the mark"
curl -s -b "$F" "$BASE/groups/1" >"$E2E_TMP/mk.html"
expect_absent "$E2E_TMP/mk.html" 'conversation marked' "other groups do not"
curl -s -D "$E2E_TMP/mh.txt" -b "$F" "$BASE/me/mark.svg" >"$E2E_TMP/mark.svg"
expect_contains "$E2E_TMP/mark.svg" ">fern<" "the mark is the viewer's own pseudonym"
expect_contains "$E2E_TMP/mh.txt" "image/svg+xml" "as an image"

# a member's own data: taken, then erased
curl -s -b "$W" "$BASE/me/export" >"$E2E_TMP/mine.json"
expect_contains "$E2E_TMP/mine.json" '"pseudonym":"willow"' "willow downloads her data"
expect_contains "$E2E_TMP/mine.json" "I could not say this with my name." "with her posts as she wrote them"
expect_contains "$E2E_TMP/mine.json" '"kind":"pledge"' "and the pledges she accepted"
expect_absent "$E2E_TMP/mine.json" $'\xe2\x80\x8b' "without copy marks"
out=$(post "$W" /me/delete --data-urlencode "confirm=not-willow")
expect_contains <(echo "$out") "error=confirm" "erasing needs her name typed"
out=$(post "$W" /me/delete --data-urlencode "confirm=willow")
expect_contains <(echo "$out") "200" "willow erases her data"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM posts p JOIN members m ON m.id = p.member_id WHERE m.pseudonym = 'willow' AND p.body_sealed IS NOT NULL")" \
	"her posts' texts are gone"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT (SELECT count(*) FROM group_members gm JOIN members m ON m.id = gm.member_id WHERE m.pseudonym = 'willow') + (SELECT count(*) FROM pledges p JOIN members m ON m.id = p.member_id WHERE m.pseudonym = 'willow')")" \
	"and where she belonged and what she accepted"
expect_eq 401 "$(login "$E2E_TMP/w2.jar" willow "$PW")" "her account is closed"
curl -s -b "$F" "$BASE/groups/$gid" >"$E2E_TMP/q.html"
expect_absent "$E2E_TMP/q.html" "I could not say this" "her posts are gone for everyone"
printf 'a long enough password\n' | "$SANCTUM" user add wi11ow --role member >/dev/null 2>&1
expect_eq 1 "$?" "her name stays reserved"

# when the pledge is broken: the ladder, taking effect at once
"$SANCTUM" violation record fern --message "A post was shared." --incident 999 2>"$E2E_TMP/err"
expect_eq 1 "$?" "a violation linked to no incident is refused"
expect_contains "$E2E_TMP/err" "no incident 999" "and says so plainly"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM violations")" "and nothing is kept"
"$SANCTUM" violation record fern --message "A post of this group was shared elsewhere from your account." \
	--note "Found by a member report." >"$E2E_TMP/out"
check $? "violation record"
expect_contains "$E2E_TMP/out" "warning for fern" "the first step is a warning"
curl -s -b "$F" "$BASE/" >"$E2E_TMP/home.html"
expect_contains "$E2E_TMP/home.html" "A warning from the moderators" "fern is told, on her own page"
expect_contains "$E2E_TMP/home.html" "you can appeal" "with how to appeal"
expect_eq 200 "$(status GET /groups/1 -b "$F")" "a warning leaves the group open"
"$SANCTUM" violation record fern --message "It happened again." >"$E2E_TMP/out"
expect_contains "$E2E_TMP/out" "suspended for 7 days" "the second step suspends for 7 days"
expect_eq 303 "$(status GET /groups -b "$F")" "fern's session ended at once"
expect_eq 303 "$(login "$F" fern "$PW")" "fern can still log in"
curl -s -b "$F" "$BASE/" >"$E2E_TMP/home.html"
expect_contains "$E2E_TMP/home.html" "Your membership is paused until" "and reads that she is suspended"
expect_eq 403 "$(status GET /groups/1 -b "$F")" "no group is open to her meanwhile"
expect_eq 200 "$(status GET /groups -b "$O")" "oak is logged in"
"$SANCTUM" violation record oak --step removal --message "You shared screenshots of the group." >/dev/null
check $? "a removal named by the moderator"
expect_eq 303 "$(status GET /groups -b "$O")" "and oak's session ended at once"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM group_members gm JOIN members m ON m.id = gm.member_id WHERE m.pseudonym = 'oak' AND gm.left_at IS NULL")" \
	"a removed member belongs to no group"
"$SANCTUM" violation record oak --step suspension --message "x" 2>"$E2E_TMP/err"
expect_eq 1 "$?" "a suspension needs its days"
expect_contains "$E2E_TMP/err" "1 to 365 days" "and says so"
"$SANCTUM" violation record oak --step exile --message "x" 2>/dev/null
expect_eq 1 "$?" "an unknown step is refused"
"$SANCTUM" violation list --json >"$E2E_TMP/v.json"
expect_contains "$E2E_TMP/v.json" '"step": "removal"' "violation list"
expect_absent "$E2E_TMP/v.json" "member report" "without the sealed note"
"$SANCTUM" violation appeal "Write to appeals@example.org within 14 days; someone not involved will answer." >/dev/null
check $? "violation appeal sets how to appeal"
curl -s -b "$F" "$BASE/" >"$E2E_TMP/home.html"
expect_contains "$E2E_TMP/home.html" "appeals@example.org" "which members read with each decision"
"$SANCTUM" violation ladder "warning,suspension:3,suspension:30,removal" >/dev/null
check $? "the ladder can be set"
"$SANCTUM" violation ladder "warning,exile" 2>/dev/null
expect_eq 1 "$?" "a ladder with an unknown step is refused"

"$SANCTUM" audit verify >/dev/null
check $? "the trail verifies"
finish
