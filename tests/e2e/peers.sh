#!/usr/bin/env bash
# Peer support through the real binary and server: a member who has been
# through a leak volunteers, choosing how much to give; a moderator
# records the short training; a member who asks is introduced, the peer
# answering first without learning who, then the member; they talk in
# sealed peer messages that nobody else reads and that carry no contact
# details; either ends it.
. "$(dirname "$0")/lib.bash"

new_community || exit 1
printf 'a supporter password\n' | "$SANCTUM" user add sue --role supporter >/dev/null 2>&1
for m in ash birch cedar dune; do
	printf 'a member password %s\n' "$m" | "$SANCTUM" user add "$m" --role member >/dev/null 2>&1
	"$SANCTUM" pledge accept "$m" >/dev/null 2>&1
done
"$SANCTUM" group create "Evening check-in" >/dev/null 2>&1
for m in ash birch dune; do "$SANCTUM" group add "Evening check-in" "$m" >/dev/null 2>&1; done
ids=""
for m in ash birch dune; do
	p=$(printf 'Some evenings %s walks the long way home past the river and the old mill\n' "$m" |
		"$SANCTUM" post add --group "Evening check-in" --author "$m" 2>/dev/null | awk '{print $2}')
	ids="$ids --post $p"
done
# shellcheck disable=SC2086
"$SANCTUM" incident open $ids >/dev/null 2>&1
case_b=$("$SANCTUM" care open --member birch --supporter sue 2>/dev/null)
case_d=$("$SANCTUM" care open --member dune --supporter sue 2>/dev/null)

start_server
check $? "serve starts"
for m in ash birch cedar dune; do login "$E2E_TMP/$m" "$m" "a member password $m" >/dev/null; done
login "$E2E_TMP/sue" sue 'a supporter password' >/dev/null
post() { # JAR PATH DATA: print where the answer sends
	local c
	c=$(csrf_of "$E2E_TMP/$1" /me/support)
	curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/$1" --data "csrf=$c&$3" "$BASE$2"
}

curl -s -b "$E2E_TMP/cedar" "$BASE/me/support" >"$E2E_TMP/s.html"
expect_absent "$E2E_TMP/s.html" "Offer to support others" "cedar, never affected, is not asked to volunteer"
expect_contains <(post cedar /me/support/peer "offer=yes&capacity=2") "error=peer-refused" \
	"and cannot: peers have been through a leak themselves"
curl -s -b "$E2E_TMP/ash" "$BASE/me/support" >"$E2E_TMP/s.html"
expect_contains "$E2E_TMP/s.html" "Offer to support others" "ash, who has been through one, may volunteer"
expect_contains <(post ash /me/support/peer "offer=yes&capacity=1") "done=peer-offer" "ash offers, for one person at a time"
expect_contains <(post ash /me/support/peer "offer=yes&capacity=9") "error=peer-refused" "no more than three at a time"
expect_contains <(post birch "/me/support/$case_b/peer" "want=yes") "done=peer-wanted" "birch asks to talk with a peer"
expect_eq 404 "$(status POST "/me/support/$case_b/peer" -b "$E2E_TMP/dune" --data "csrf=$(csrf_of "$E2E_TMP/dune" /me/support)&want=no")" \
	"dune cannot answer for birch's case"

"$SANCTUM" care peer introduce "$case_b" ash >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "no introduction before the peer's training is recorded"
"$SANCTUM" care peer train ash >/dev/null 2>&1
check $? "a moderator records ash's training"
"$SANCTUM" care peers --json >"$E2E_TMP/p.json"
expect_eq "ash 1 true" "$(jq -r '.[0] | "\(.pseudonym) \(.capacity) \(.trained_at != null)"' "$E2E_TMP/p.json")" \
	"the volunteers list says who, how many and trained"
"$SANCTUM" care peer introduce "$case_d" ash >/dev/null 2>&1
expect_eq 1 "$?" "dune did not ask for a peer, so is not introduced"
curl -s -b "$E2E_TMP/sue" "$BASE/care/$case_b" >"$E2E_TMP/c.html"
expect_contains "$E2E_TMP/c.html" "would like to talk with a peer" "birch's supporter sees the wish"
c=$(csrf_of "$E2E_TMP/sue" "/care/$case_b")
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data "csrf=$c&peer=ash" \
	"$BASE/care/$case_b/peer" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=peer-asked" "and asks ash"
intro=$(sqlite3 "$SANCTUM_DB" "SELECT max(id) FROM peer_intros")

curl -s -b "$E2E_TMP/ash" "$BASE/me/peers" >"$E2E_TMP/a.html"
expect_contains "$E2E_TMP/a.html" "Someone the community supports would like to talk" "ash is asked"
expect_absent "$E2E_TMP/a.html" "birch" "without learning who"
expect_contains <(post birch "/me/peers/$intro/answer" "answer=yes") "error=peer-refused" \
	"birch cannot answer before the peer has"
expect_contains <(post ash "/me/peers/$intro/answer" "answer=yes") "done=peer-answered" "ash says yes"
curl -s -b "$E2E_TMP/birch" "$BASE/me/peers" >"$E2E_TMP/b.html"
expect_contains "$E2E_TMP/b.html" "ash, a peer supporter who has been through" "birch learns who, and chooses"
expect_eq 404 "$(status GET "/me/peers/$intro" -b "$E2E_TMP/ash")" "no conversation until both said yes"
expect_contains <(post birch "/me/peers/$intro/answer" "answer=yes") "done=peer-answered" "birch says yes"

c=$(csrf_of "$E2E_TMP/birch" "/me/peers/$intro")
curl -s -o /dev/null -b "$E2E_TMP/birch" --data-urlencode "csrf=$c" \
	--data-urlencode "body=It helps to hear that the first month was the hardest for you too" "$BASE/me/peers/$intro/messages"
curl -s -b "$E2E_TMP/ash" "$BASE/me/peers/$intro" >"$E2E_TMP/v.html"
expect_contains "$E2E_TMP/v.html" "the first month was the hardest" "ash reads birch's message"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM peer_messages WHERE CAST(body_sealed AS TEXT) LIKE '%month%'")" \
	"sealed at rest"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/birch" --data-urlencode "csrf=$c" \
	--data-urlencode "body=Write to me at birch.home@mail.example any time" "$BASE/me/peers/$intro/messages" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=peer-contact" "contact details are not passed on"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM peer_messages")" "and nothing of it is kept"
expect_eq 404 "$(status GET "/me/peers/$intro" -b "$E2E_TMP/cedar")" "nobody else reads the conversation"
expect_eq 404 "$(status GET "/me/peers/$intro" -b "$E2E_TMP/sue")" "not the supporter either"
curl -s -b "$E2E_TMP/sue" "$BASE/care/$case_b" >"$E2E_TMP/c.html"
expect_contains "$E2E_TMP/c.html" "they are talking" "the case says they are talking"
expect_absent "$E2E_TMP/c.html" "hardest" "never what they say"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM audit WHERE action = 'peer.message' AND detail = ''")" \
	"the audit trail keeps that a message went, not what it said"

expect_contains <(post dune "/me/support/$case_d/peer" "want=yes") "done=peer-wanted" "dune asks too"
"$SANCTUM" care peer introduce "$case_d" ash >/dev/null 2>&1
expect_eq 1 "$?" "ash chose one person at a time, so is not asked again"
expect_contains <(post ash "/me/peers/$intro/end" "") "done=peer-ended" "ash ends the conversation"
expect_eq 404 "$(status GET "/me/peers/$intro" -b "$E2E_TMP/birch")" "and it is closed for both"
"$SANCTUM" care peer introduce "$case_d" ash >/dev/null 2>&1
check $? "ash has room again, and dune can be introduced"
expect_contains <(post ash /me/support/peer "offer=pause") "done=peer-offer" "ash pauses the offer"
expect_eq 0 "$(curl -s -b "$E2E_TMP/sue" "$BASE/care/$case_d" | grep -c '<option value="ash"')" \
	"a paused peer is not offered to supporters"
"$SANCTUM" audit verify >/dev/null 2>&1
check $? "the audit chain holds"
finish
