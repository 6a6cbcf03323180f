#!/usr/bin/env bash
# Step 2 through the real binary and server, with a local mail server:
# nothing before the risk assessment, drafts from the template with the
# country's resources, the lint refusing blame, minimising, leaked words
# and a message without resources, sending in the app and by e-mail (the
# address never shown), the member reading and answering, and the
# incident moving on when everyone has been written to.
. "$(dirname "$0")/lib.bash"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
make -s -C "$ROOT" build/tools/smtpsink >"$E2E_TMP/make.out" 2>&1
check $? "the test mail server builds"

"$SANCTUM" demo --dir "$E2E_TMP/demo" --no-serve >/dev/null 2>&1
export SANCTUM_DB="$E2E_TMP/demo/demo.db"
printf 'a member password here\n' | "$SANCTUM" user add sam --role member >/dev/null 2>&1
"$SANCTUM" group add "Evening check-in" sam >/dev/null 2>&1 ||
	{ "$SANCTUM" pledge accept sam >/dev/null 2>&1; "$SANCTUM" group add "Evening check-in" sam >/dev/null 2>&1; }
leaked="The lighthouse keeper's daughter taught me to row when I was nine and I never told anyone here"
pid=$(printf '%s\n' "$leaked" | "$SANCTUM" post add --group "Evening check-in" --author sam 2>/dev/null | awk '{print $2}')
pid2=$(printf 'Walking the dog at dawn is the one quiet hour I get.\n' |
	"$SANCTUM" post add --group "Evening check-in" --author willow-reads 2>/dev/null | awk '{print $2}')
"$SANCTUM" incident open --post "$pid" --post "$pid2" --url "https://board.example.org/x/1" >"$E2E_TMP/o" 2>&1
inc=$(sed -n 's/^opened incident \([0-9]*\) .*/\1/p' "$E2E_TMP/o")

"$SANCTUM" incident draft "$inc" >"$E2E_TMP/d" 2>&1
expect_eq 1 "$?" "drafting before the risk assessment is refused"
expect_contains "$E2E_TMP/d" "step 1 comes first" "and says step 1 comes first"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM outreach")" "nothing is drafted"
"$SANCTUM" incident assess "$inc" --risk elevated >/dev/null 2>&1
"$SANCTUM" incident draft "$inc" --country XYZ >/dev/null 2>&1
expect_eq 1 "$?" "a country that is not a two-letter code is refused"
"$SANCTUM" incident draft "$inc" --country GB >"$E2E_TMP/d" 2>&1
expect_eq 0 "$?" "after it, drafting works"
expect_contains "$E2E_TMP/d" "drafted 2 messages" "one for each affected member"
"$SANCTUM" incident draft "$inc" --country GB >"$E2E_TMP/d" 2>&1
expect_contains "$E2E_TMP/d" "drafted 0 messages" "drafting again makes no second one"
"$SANCTUM" resources list --country GB >"$E2E_TMP/res" 2>&1
expect_contains "$E2E_TMP/res" "Samaritans: call 116 123" "the shipped resources list the country's lines"
expect_contains "$E2E_TMP/res" "Find A Helpline" "and those for everywhere"
if grep -aq "lighthouse keeper" "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null ||
	grep -aq "We are writing to you privately" "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null; then
	check 1 "the drafts are sealed"
else
	check 0 "the drafts are sealed"
fi

# the console, with a mail server on loopback
mkdir -p "$E2E_TMP/mail"
mport=$(free_port)
"$ROOT/build/tools/smtpsink" "$mport" "$E2E_TMP/mail" >"$E2E_TMP/sink.out" 2>&1 &
sink=$!
for _ in $(seq 1 50); do grep -q listening "$E2E_TMP/sink.out" && break; sleep 0.05; done
export SANCTUM_SMTP_URL="smtp://127.0.0.1:$mport" SANCTUM_SMTP_FROM="moderators@circle.example"
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1
start_server
check $? "serve starts"
login "$E2E_TMP/mo" mo 'a moderator password' >/dev/null
login "$E2E_TMP/sam" sam 'a member password here' >/dev/null
curl -s -b "$E2E_TMP/mo" "$BASE/incidents/$inc" >"$E2E_TMP/i.html"
expect_contains "$E2E_TMP/i.html" "2. Contact the affected members" "the page has step 2"
expect_contains "$E2E_TMP/i.html" "Edit and send the message to sam" "with each member's draft"
csrf=$(csrf_of "$E2E_TMP/mo" "/incidents/$inc")
sam_msg=$(sqlite3 "$SANCTUM_DB" "SELECT o.id FROM outreach o JOIN members m ON m.id = o.member_id WHERE m.pseudonym = 'sam'")
river_msg=$(sqlite3 "$SANCTUM_DB" "SELECT o.id FROM outreach o JOIN members m ON m.id = o.member_id WHERE m.pseudonym = 'willow-reads'")
curl -s -b "$E2E_TMP/mo" --data "csrf=$csrf" "$BASE/outreach/$sam_msg/open" >"$E2E_TMP/e.html"
expect_contains "$E2E_TMP/e.html" "We are writing to you privately" "the draft opens for editing"
expect_contains "$E2E_TMP/e.html" "Samaritans" "with the country's resources"
expect_contains "$E2E_TMP/e.html" "Words you shared in &quot;Evening check-in&quot; were copied" \
	"saying what happened in plain words"
expect_absent "$E2E_TMP/e.html" "lighthouse" "and never the leaked words"
expect_contains "$E2E_TMP/e.html" "it can go" "the template passes the lint"

# the lint
save() { curl -s -b "$E2E_TMP/mo" --data "csrf=$csrf&channel=$2" --data-urlencode "body=$3" "$BASE/outreach/$1"; }
save "$sam_msg" in-app "Hello sam. Honestly it is not a big deal, only a few people saw it. Samaritans: call 116 123." >"$E2E_TMP/l.html"
expect_contains "$E2E_TMP/l.html" "it minimises: &quot;not a big deal&quot;" "minimising is found"
save "$sam_msg" in-app "Hello sam. You should have kept it private. Samaritans: call 116 123." >"$E2E_TMP/l.html"
expect_contains "$E2E_TMP/l.html" "it blames: &quot;you should have&quot;" "blame is found"
save "$sam_msg" in-app "Hello sam. We are here for you, and we are working on it." >"$E2E_TMP/l.html"
expect_contains "$E2E_TMP/l.html" "it gives no support resource" "a message without resources is found"
save "$sam_msg" in-app "Hello sam. Someone copied this: the lighthouse keeper's daughter taught me to row. Samaritans: call 116 123." >"$E2E_TMP/l.html"
expect_contains "$E2E_TMP/l.html" "it carries words of a leaked post" "leaked words are found"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" --data "csrf=$csrf" \
	"$BASE/outreach/$sam_msg/send" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=not-sent" "a message that fails the lint is not sent"
expect_eq draft "$(sqlite3 "$SANCTUM_DB" "SELECT status FROM outreach WHERE id = $sam_msg")" "it stays a draft"
kind="Hello sam,

We wanted you to hear this from us first: words you shared in Evening check-in were copied to another website. We are having it taken down, and nothing will be done in your name without asking you.

You did nothing wrong. How are you doing? If you would like to, tell us what you need.

If things feel heavy: Samaritans, call 116 123 (free), any hour.

With care, the moderators"
save "$sam_msg" in-app "$kind" >"$E2E_TMP/l.html"
expect_contains "$E2E_TMP/l.html" "it can go" "a kind message with a resource passes"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" --data "csrf=$csrf" \
	"$BASE/outreach/$sam_msg/send" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=sent" "and is sent in the app"

# the member reads it and answers
curl -s -b "$E2E_TMP/sam" "$BASE/me/messages" >"$E2E_TMP/m.html"
expect_contains "$E2E_TMP/m.html" "We wanted you to hear this from us first" "the member reads it on their page"
mcsrf=$(csrf_of "$E2E_TMP/sam" /me/messages)
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sam" --data "csrf=$mcsrf" \
	--data-urlencode "reply=Shaken. I would like a call from someone on Thursday evening." \
	"$BASE/me/messages/$sam_msg/reply" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=answered" "and answers"
expect_eq 303 "$(status POST "/me/messages/$river_msg/reply" -b "$E2E_TMP/sam" --data "csrf=$mcsrf&reply=hello")" \
	"a member answering a message that is not theirs is sent back"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM outreach WHERE id = $river_msg AND reply_sealed IS NOT NULL")" \
	"and nothing is kept"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sam" --data "csrf=$mcsrf" \
	"$BASE/me/messages/$sam_msg/connect" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=connect" "the member asks to talk with someone"
curl -s -b "$E2E_TMP/mo" "$BASE/incidents/$inc" >"$E2E_TMP/i.html"
expect_contains "$E2E_TMP/i.html" "sam asked to be connected; mo, by" \
	"the request goes to the person who wrote to them, with a due time"
due=$(sqlite3 "$SANCTUM_DB" "SELECT due_at - asked_at FROM connect_requests")
expect_eq 86400 "$due" "due a day later"
cid=$(sqlite3 "$SANCTUM_DB" "SELECT id FROM connect_requests")
"$SANCTUM" incident close "$inc" >"$E2E_TMP/o" 2>&1
expect_eq 1 "$?" "an incident is not closed while a member waits to talk with someone"
expect_contains "$E2E_TMP/o" "answer first" "and the moderator is told why"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" --data "csrf=$csrf" \
	"$BASE/connects/$cid/done" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=connected" "and is marked done when it is"
expect_eq 303 "$(status POST "/me/messages/$river_msg/connect" -b "$E2E_TMP/sam" --data "csrf=$mcsrf")" \
	"no one asks in another member's name"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM connect_requests")" "and nothing is kept"
if grep -aq "Thursday evening" "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null; then
	check 1 "the answer is sealed"
else
	check 0 "the answer is sealed"
fi
curl -s -b "$E2E_TMP/mo" --data "csrf=$csrf" "$BASE/outreach/$sam_msg/open" >"$E2E_TMP/e.html"
expect_contains "$E2E_TMP/e.html" "Thursday evening" "the moderators read the answer"

# by e-mail: willow-reads's contact details hold an address (the demo's)
has=$(sqlite3 "$SANCTUM_DB" "SELECT contact_sealed IS NOT NULL FROM members WHERE pseudonym = 'willow-reads'")
if [ "$has" = 1 ]; then
	save "$river_msg" email "Hello willow-reads, we wanted you to hear this from us first, privately. You did nothing wrong. Samaritans: call 116 123, any hour." >"$E2E_TMP/l.html"
	expect_contains "$E2E_TMP/l.html" "it can go" "the e-mail draft passes"
	curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" --data "csrf=$csrf" \
		"$BASE/outreach/$river_msg/send" >"$E2E_TMP/loc"
	expect_contains "$E2E_TMP/loc" "done=sent" "it is sent by e-mail"
	sleep 0.2
	expect_contains "$E2E_TMP/mail/1.eml" "we wanted you to hear this from us first" "the mail server received it"
	expect_contains "$E2E_TMP/mail/1.eml" "MAIL FROM:<moderators@circle.example>" "from the moderators' address"
	grep -q "RCPT TO:<.*@.*>" "$E2E_TMP/mail/1.eml"
	check $? "to the member's address"
	addr=$(sed -n 's/^RCPT TO:<\(.*\)>.*/\1/p' "$E2E_TMP/mail/1.eml" | tr -d '\r')
	curl -s -b "$E2E_TMP/mo" "$BASE/incidents/$inc" >"$E2E_TMP/i.html"
	expect_absent "$E2E_TMP/i.html" "$addr" "the address is never shown to the moderator"
	expect_absent "$E2E_TMP/serve.err" "$addr" "nor written to the log"
	expect_eq 3 "$(sqlite3 "$SANCTUM_DB" "SELECT step FROM incidents WHERE id = $inc")" \
		"with everyone written to, the incident moves on to step 3"
else
	check 1 "the demo's willow-reads has contact details"
fi

# a mail server that is not there: the failure is kept, not lost
kill "$sink" 2>/dev/null; wait "$sink" 2>/dev/null
"$SANCTUM" incident add-member "$inc" kettle-on >/dev/null 2>&1
"$SANCTUM" incident add-member "$inc" river-stone >/dev/null 2>&1
"$SANCTUM" incident draft "$inc" >/dev/null 2>&1
b_msg=$(sqlite3 "$SANCTUM_DB" "SELECT o.id FROM outreach o JOIN members m ON m.id = o.member_id WHERE m.pseudonym = 'kettle-on'")
r_msg=$(sqlite3 "$SANCTUM_DB" "SELECT o.id FROM outreach o JOIN members m ON m.id = o.member_id WHERE m.pseudonym = 'river-stone'")
save "$r_msg" email "Hello river-stone, we wanted you to hear this from us first. Find A Helpline lists lines for your country." >/dev/null
"$SANCTUM" incident send "$r_msg" >"$E2E_TMP/rs" 2>&1
expect_eq 1 "$?" "contact details without an e-mail address: not sent"
expect_contains "$E2E_TMP/rs" "hold no e-mail address; send it in the app" "and it says so"
expect_absent "$E2E_TMP/rs" "555" "without showing the contact details"
if [ -n "$b_msg" ]; then
	save "$b_msg" email "Hello kettle-on, we wanted you to hear this from us first. Find A Helpline lists lines for your country." >/dev/null
	curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" --data "csrf=$csrf" \
		"$BASE/outreach/$b_msg/send" >"$E2E_TMP/loc"
	expect_contains "$E2E_TMP/loc" "error=not-delivered" "an unreachable mail server is said"
	expect_eq "failed 1" "$(sqlite3 "$SANCTUM_DB" "SELECT status || ' ' || attempts FROM outreach WHERE id = $b_msg")" \
		"and the attempt is kept"
fi
finish
