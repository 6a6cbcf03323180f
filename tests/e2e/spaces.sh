#!/usr/bin/env bash
# Healing spaces through the real binary and server: a moderator opens a
# small, extra-private space after an incident; the affected members are
# invited (not one who asked to be left alone), nobody is put in it, and
# only an invited member who accepts (with the pledge and the space's
# reminder) enters; others never see it; the facilitator reads through
# the audited door and writes the space's note; when the space ends, what
# was said in it is erased and everyone leaves.
. "$(dirname "$0")/lib.bash"

new_community || exit 1
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1
printf 'a supporter password\n' | "$SANCTUM" user add sue --role supporter >/dev/null 2>&1
for m in ash birch cedar dune; do
	printf 'a member password %s\n' "$m" | "$SANCTUM" user add "$m" --role member >/dev/null 2>&1
	"$SANCTUM" pledge accept "$m" >/dev/null 2>&1
done
"$SANCTUM" group create "Evening check-in" >/dev/null 2>&1
for m in ash birch cedar; do "$SANCTUM" group add "Evening check-in" "$m" >/dev/null 2>&1; done
pa=$(printf 'The harbour lights went out one by one and I stood there a long time\n' |
	"$SANCTUM" post add --group "Evening check-in" --author ash 2>/dev/null | awk '{print $2}')
pb=$(printf 'My sister found the old letters in the attic and we read them aloud\n' |
	"$SANCTUM" post add --group "Evening check-in" --author birch 2>/dev/null | awk '{print $2}')
pc=$(printf 'Walking the dog before dawn is the only quiet hour I get these weeks\n' |
	"$SANCTUM" post add --group "Evening check-in" --author cedar 2>/dev/null | awk '{print $2}')
"$SANCTUM" incident open --post "$pa" --post "$pb" --post "$pc" >"$E2E_TMP/o" 2>&1
inc=$(sed -n 's/^opened incident \([0-9]*\) .*/\1/p' "$E2E_TMP/o")
"$SANCTUM" care prefs cedar --no-contact >/dev/null 2>&1

# opening
"$SANCTUM" healing space open "After the leak" --facilitator mo --days 14 >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "a moderator without current training does not facilitate"
"$SANCTUM" healing space open "After the leak" --facilitator sue --days 14 --capacity 9 >/dev/null 2>&1
expect_eq 1 "$?" "a space holds 8 people at most"
"$SANCTUM" healing space open "After the leak" --facilitator sue --days 120 >/dev/null 2>&1
expect_eq 1 "$?" "and is open 90 days at most"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM groups WHERE name = 'After the leak'")" \
	"a refused space leaves nothing"
space=$("$SANCTUM" healing space open "After the leak" --facilitator sue --days 14 \
	--incident "$inc" 2>"$E2E_TMP/err")
check $? "sue facilitates a space for those the incident affected"
expect_contains "$E2E_TMP/err" "2 members invited" "ash and birch are invited; cedar asked to be left alone"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM group_members WHERE group_id = $space")" \
	"nobody is put in it"
"$SANCTUM" group add "After the leak" ash >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "a member is not added to a space by hand"
expect_contains "$E2E_TMP/o" "accepting an invitation" "and the refusal says how one enters"
"$SANCTUM" healing space invite "$space" cedar >/dev/null 2>&1
expect_eq 1 "$?" "cedar is not invited by hand either, having asked not to be contacted"
"$SANCTUM" healing space invite "$space" dune >/dev/null 2>&1
check $? "dune, who asked, is invited"
"$SANCTUM" healing spaces --json >"$E2E_TMP/s.json"
expect_eq 3 "$(jq '.[0].invited' "$E2E_TMP/s.json")" "three invitations"
expect_eq 6 "$(jq '.[0].capacity' "$E2E_TMP/s.json")" "six places by default"

start_server
check $? "serve starts"
for m in ash birch cedar dune; do login "$E2E_TMP/$m" "$m" "a member password $m" >/dev/null; done
login "$E2E_TMP/sue" sue 'a supporter password' >/dev/null
login "$E2E_TMP/mo" mo 'a moderator password' >/dev/null
curl -s -b "$E2E_TMP/ash" "$BASE/groups" >"$E2E_TMP/g.html"
expect_contains "$E2E_TMP/g.html" "You are invited to a healing space" "ash sees the invitation"
expect_absent "$E2E_TMP/g.html" "/groups/$space\"" "but not the space among the groups"
curl -s -b "$E2E_TMP/cedar" "$BASE/groups" >"$E2E_TMP/g.html"
expect_absent "$E2E_TMP/g.html" "After the leak" "cedar, not invited, sees nothing of it"
expect_eq 404 "$(status GET "/spaces/$space" -b "$E2E_TMP/cedar")" "not even its page"
curl -s -b "$E2E_TMP/ash" "$BASE/spaces/$space" >"$E2E_TMP/sp.html"
expect_contains "$E2E_TMP/sp.html" "What anyone says here stays here" "the invitation shows the reminder"
expect_contains "$E2E_TMP/sp.html" "facilitated by sue" "and who facilitates"
c=$(csrf_of "$E2E_TMP/ash" "/spaces/$space")
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/ash" --data "csrf=$c&answer=accept" \
	"$BASE/spaces/$space/answer" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=space-keep" "accepting asks to keep what is said"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/ash" --data "csrf=$c&answer=accept&keep=yes" \
	"$BASE/spaces/$space/answer" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "/groups/$space?done=space-joined" "ash enters"
c=$(csrf_of "$E2E_TMP/birch" "/spaces/$space")
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/birch" --data "csrf=$c&answer=decline" \
	"$BASE/spaces/$space/answer" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=space-declined" "birch says no, thank you"
c=$(csrf_of "$E2E_TMP/cedar" /groups)
expect_eq 404 "$(status POST "/spaces/$space/answer" -b "$E2E_TMP/cedar" --data "csrf=$c&answer=accept&keep=yes")" \
	"cedar cannot answer an invitation nobody gave"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/cedar" --data "csrf=$c" \
	"$BASE/groups/$space/join" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=space-refused" "nor join the group by its number"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM group_members WHERE group_id = $space AND left_at IS NULL")" \
	"one person is in the space"

# talking
curl -s -b "$E2E_TMP/ash" "$BASE/groups/$space" >"$E2E_TMP/v.html"
expect_contains "$E2E_TMP/v.html" "A healing space, facilitated by sue" "the conversation carries the banner"
c=$(csrf_of "$E2E_TMP/ash" "/groups/$space")
curl -s -o /dev/null -b "$E2E_TMP/ash" --data-urlencode "csrf=$c" \
	--data-urlencode "body=Seeing the screenshot made my stomach drop for a whole evening" "$BASE/groups/$space/posts"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM posts WHERE group_id = $space AND deleted_at IS NULL")" \
	"ash speaks in the space"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM posts WHERE CAST(body_sealed AS TEXT) LIKE '%stomach%'")" \
	"sealed at rest"
c=$(csrf_of "$E2E_TMP/sue" "/spaces/$space")
curl -s -b "$E2E_TMP/sue" --data "csrf=$c" "$BASE/spaces/$space/read" >"$E2E_TMP/r.html"
expect_contains "$E2E_TMP/r.html" "stomach drop" "the facilitator reads it"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE actor = 'sue' AND action LIKE '%open%'")" \
	"through the audited door"
c=$(csrf_of "$E2E_TMP/mo" "/groups")
expect_eq 403 "$(status POST "/groups/$space/read" -b "$E2E_TMP/mo" --data "csrf=$c")" \
	"another moderator does not read a space someone facilitates"
c=$(csrf_of "$E2E_TMP/sue" "/spaces/$space")
curl -s -o /dev/null -b "$E2E_TMP/sue" --data-urlencode "csrf=$c" \
	--data-urlencode "note=We meet here on Thursday evenings. Take what helps, leave the rest." "$BASE/spaces/$space/note"
curl -s -b "$E2E_TMP/ash" "$BASE/groups/$space" >"$E2E_TMP/v.html"
expect_contains "$E2E_TMP/v.html" "Thursday evenings" "the facilitator's note is above the conversation"
c=$(csrf_of "$E2E_TMP/birch" "/groups")
expect_eq 403 "$(status POST "/spaces/$space/note" -b "$E2E_TMP/birch" --data "csrf=$c&note=x")" \
	"a member does not write the note"

# the end
"$SANCTUM" healing space end "$space" >"$E2E_TMP/o" 2>&1
check $? "the space ends"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM posts WHERE group_id = $space AND body_sealed IS NOT NULL")" \
	"what was said in it is erased"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM group_members WHERE group_id = $space AND left_at IS NULL")" \
	"and everyone has left it"
expect_eq 410 "$(status GET "/groups/$space" -b "$E2E_TMP/ash")" "its conversation is gone"
curl -s -b "$E2E_TMP/ash" "$BASE/spaces/$space" >"$E2E_TMP/sp.html"
expect_contains "$E2E_TMP/sp.html" "What was said in it is erased" "its page says so"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'space.end' AND detail = '1 post erased'")" \
	"the audit trail keeps that it was held, not what was said"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "the audit chain holds"
finish
