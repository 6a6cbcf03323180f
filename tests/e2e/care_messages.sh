#!/usr/bin/env bash
# A care case through its check-ins and closing, with a local mail
# server: a check-in's message is drafted from the template in the
# member's language, the lint refuses blame and a message without support
# resources, it goes by e-mail (the address never shown) or in the app as
# the member chose, the check-in is then done, the member answers, and a
# member who asked not to be contacted gets nothing, however it is asked.
. "$(dirname "$0")/lib.bash"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
make -s -C "$ROOT" build/tools/smtpsink >"$E2E_TMP/make.out" 2>&1
check $? "the test mail server builds"

"$SANCTUM" demo --dir "$E2E_TMP/demo" --no-serve >/dev/null 2>&1
export SANCTUM_DB="$E2E_TMP/demo/demo.db"
printf 'a member password here\n' | "$SANCTUM" user add sam --role member >/dev/null 2>&1
printf 'a supporter password\n' | "$SANCTUM" user add sue --role supporter >/dev/null 2>&1
mkdir -p "$E2E_TMP/mail"
mport=$(free_port)
"$ROOT/build/tools/smtpsink" "$mport" "$E2E_TMP/mail" >"$E2E_TMP/sink.out" 2>&1 &
sink=$!
for _ in $(seq 1 50); do grep -q listening "$E2E_TMP/sink.out" && break; sleep 0.05; done
export SANCTUM_SMTP_URL="smtp://127.0.0.1:$mport" SANCTUM_SMTP_FROM="support@circle.example"

# by e-mail, in French: willow-reads's contact details hold an address
w=$("$SANCTUM" care open --member willow-reads --supporter sue 2>"$E2E_TMP/err")
check $? "a case is opened for willow-reads"
"$SANCTUM" care prefs willow-reads --contact email --lang fr --zone Europe/Paris >/dev/null 2>&1
check $? "who chose e-mail, in French"
k=$("$SANCTUM" care show "$w" --json | jq -r '.checkins[0].id')
"$SANCTUM" care draft "$k" >"$E2E_TMP/d" 2>&1
check $? "the first check-in's message is drafted"
m=$(sqlite3 "$SANCTUM_DB" "SELECT max(id) FROM care_messages")
expect_eq "fr email draft" "$(sqlite3 "$SANCTUM_DB" "SELECT lang || ' ' || channel || ' ' || status FROM care_messages WHERE id = $m")" \
	"from the French template, to go by e-mail"
if grep -aq "Comment allez-vous" "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null; then
	check 1 "the draft is sealed"
else
	check 0 "the draft is sealed"
fi
"$SANCTUM" care send "$m" >"$E2E_TMP/s" 2>&1
check $? "it is sent"
sleep 0.2
mail=$(ls "$E2E_TMP/mail"/*.eml 2>/dev/null | head -n1)
expect_contains "$mail" "Comment allez-vous" "the mail server received it, in French"
expect_contains "$mail" "Subject: Des nouvelles de votre communaut" "with a subject in French"
expect_contains "$mail" "MAIL FROM:<support@circle.example>" "from the community's address"
expect_contains "$mail" "Find A Helpline" "with support resources"
expect_eq "sent done" "$(sqlite3 "$SANCTUM_DB" "SELECT g.status || ' ' || f.status FROM care_messages g JOIN followups f ON f.id = g.checkin_id WHERE g.id = $m")" \
	"sent, its check-in is done"
addr=$(sed -n 's/^RCPT TO:<\(.*\)>.*/\1/p' "$mail" | tr -d '\r')
expect_absent "$E2E_TMP/s" "$addr" "the address is not printed"

# in the app, for a member with an account; the lint in the console
id=$("$SANCTUM" care open --member sam --supporter sue 2>/dev/null)
check $? "a case is opened for sam"
start_server
check $? "serve starts"
login "$E2E_TMP/sue" sue 'a supporter password' >/dev/null
login "$E2E_TMP/sam" sam 'a member password here' >/dev/null
csrf=$(csrf_of "$E2E_TMP/sue" "/care/$id")
k=$(sqlite3 "$SANCTUM_DB" "SELECT min(id) FROM followups WHERE case_id = $id AND status = 'planned'")
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data "csrf=$csrf" \
	"$BASE/checkins/$k/draft" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=message-drafted" "the holder drafts a check-in message in the console"
m=$(sqlite3 "$SANCTUM_DB" "SELECT max(id) FROM care_messages")
curl -s -b "$E2E_TMP/sue" --data "csrf=$csrf" "$BASE/care-messages/$m/open" >"$E2E_TMP/e.html"
expect_contains "$E2E_TMP/e.html" "How are you doing?" "it opens for editing, from the English template"
expect_contains "$E2E_TMP/e.html" "it can go" "and passes the lint as drafted"
save() { curl -s -b "$E2E_TMP/sue" --data "csrf=$csrf" --data-urlencode "body=$2" "$BASE/care-messages/$1"; }
save "$m" "Hi sam. Honestly you should have known better than to post that. Find A Helpline lists lines." >"$E2E_TMP/l.html"
expect_contains "$E2E_TMP/l.html" "it blames" "the lint finds blame"
save "$m" "Hi sam, just checking in. How are you doing?" >"$E2E_TMP/l.html"
expect_contains "$E2E_TMP/l.html" "it gives no support resource" "and a message without resources"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data "csrf=$csrf" \
	"$BASE/care-messages/$m/send" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=message-not-sent" "such a message does not go"
expect_eq draft "$(sqlite3 "$SANCTUM_DB" "SELECT status FROM care_messages WHERE id = $m")" "it stays a draft"
save "$m" "Hi sam, it is sue, just checking in as we said. How are you doing? You do not have to answer. Find A Helpline lists lines for your country, any hour." >"$E2E_TMP/l.html"
expect_contains "$E2E_TMP/l.html" "it can go" "the rewritten message passes"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data "csrf=$csrf" \
	"$BASE/care-messages/$m/send" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=message-sent" "and is sent in the app"
expect_eq 1 "$(ls "$E2E_TMP/mail" | wc -l)" "no e-mail for an in-app message"
curl -s -b "$E2E_TMP/sam" "$BASE/me/support" >"$E2E_TMP/me.html"
expect_contains "$E2E_TMP/me.html" "just checking in as we said" "the member reads it on their page"
mcsrf=$(csrf_of "$E2E_TMP/sam" /me/support)
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sam" --data "csrf=$mcsrf" \
	--data-urlencode "reply=Better this week, the walks help." "$BASE/me/support/messages/$m/reply" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=answered" "and answers"
if grep -aq "the walks help" "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null; then
	check 1 "the answer is sealed"
else
	check 0 "the answer is sealed"
fi
curl -s -b "$E2E_TMP/sue" "$BASE/care/$id" >"$E2E_TMP/c.html"
expect_absent "$E2E_TMP/c.html" "the walks help" "the holder sees that they answered, not the words"
curl -s -b "$E2E_TMP/sue" --data "csrf=$csrf" "$BASE/care/$id/open" >"$E2E_TMP/c.html"
expect_contains "$E2E_TMP/c.html" "the walks help" "until they ask to read it"

# "please don't contact me" stops every message, drafted or not
k=$(sqlite3 "$SANCTUM_DB" "SELECT min(id) FROM followups WHERE case_id = $id AND status = 'planned'")
"$SANCTUM" care draft "$k" >/dev/null 2>&1
m=$(sqlite3 "$SANCTUM_DB" "SELECT max(id) FROM care_messages")
save "$m" "Hi sam, checking in again. Find A Helpline lists lines, any hour." >/dev/null
"$SANCTUM" care prefs sam --no-contact >/dev/null 2>&1
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sue" --data "csrf=$csrf" \
	"$BASE/care-messages/$m/send" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=message-not-sent" "a message drafted before they opted out does not go"
"$SANCTUM" care send "$m" >"$E2E_TMP/s" 2>&1
expect_eq 1 "$?" "nor from the command line"
expect_contains "$E2E_TMP/s" "asked not to be contacted" "which says why"
"$SANCTUM" care draft "$k" >"$E2E_TMP/s" 2>&1
expect_eq 1 "$?" "and no new one is drafted"

# a mail server that is not there: the failure is kept
kill "$sink" 2>/dev/null; wait "$sink" 2>/dev/null
k=$(sqlite3 "$SANCTUM_DB" "SELECT min(id) FROM followups WHERE case_id = $w AND status = 'planned'")
"$SANCTUM" care draft "$k" >/dev/null 2>&1
m=$(sqlite3 "$SANCTUM_DB" "SELECT max(id) FROM care_messages")
"$SANCTUM" care send "$m" >"$E2E_TMP/s" 2>&1
expect_eq 1 "$?" "with no mail server, it is not delivered"
expect_contains "$E2E_TMP/s" "it is kept, to try again" "and kept"
expect_eq "failed planned" "$(sqlite3 "$SANCTUM_DB" "SELECT g.status || ' ' || f.status FROM care_messages g JOIN followups f ON f.id = g.checkin_id WHERE g.id = $m")" \
	"as failed, its check-in still planned"

# closing: the member closes; nothing more is planned or sent
curl -s -o /dev/null -b "$E2E_TMP/sam" --data "csrf=$mcsrf" "$BASE/me/support/$id/close"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM followups WHERE case_id = $id AND status = 'planned'")" \
	"a closed case has nothing planned"
expect_absent "$E2E_TMP/serve.err" "walks help" "no member's words in the log"
expect_absent "$E2E_TMP/serve.err" "$addr" "nor any address"
finish
