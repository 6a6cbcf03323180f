#!/usr/bin/env bash
# Step 4 through the real binary and server: the member decides what is
# done in their name (on their own messages page, or told to a moderator);
# a request naming them, or a copyright notice, is refused without their
# yes; the request's words are made and sealed; its status walks on; and
# a re-check reads the place again with the leak detector (nginx serving
# a page on loopback): still there, removed, reappeared.
. "$(dirname "$0")/lib.bash"

"$SANCTUM" demo --dir "$E2E_TMP/demo" --no-serve >/dev/null 2>&1
export SANCTUM_DB="$E2E_TMP/demo/demo.db"
printf 'a member password here\n' | "$SANCTUM" user add sam --role member >/dev/null 2>&1
"$SANCTUM" pledge accept sam >/dev/null 2>&1
"$SANCTUM" group add "Evening check-in" sam >/dev/null 2>&1
post="On the night ferry I counted the lights along the coast and for the first time in months I felt the ache ease a little, so I am writing it down here"
pid=$(printf '%s\n' "$post" | "$SANCTUM" post add --group "Evening check-in" --author sam 2>/dev/null | awk '{print $2}')

# a place on loopback that holds the copy
mkdir -p "$E2E_TMP/www"
chmod 711 "$E2E_TMP"; chmod 755 "$E2E_TMP/www"
printf '<html><body><p>look what someone wrote: %s</p></body></html>\n' "$post" >"$E2E_TMP/www/copy.html"
chmod 644 "$E2E_TMP/www/copy.html"
NPORT=$(free_port)
cat >"$E2E_TMP/nginx.conf" <<CONF
daemon on; pid $E2E_TMP/nginx.pid; error_log $E2E_TMP/nginx.err;
events {}
http { access_log off; client_body_temp_path $E2E_TMP/ncb; proxy_temp_path $E2E_TMP/np;
  fastcgi_temp_path $E2E_TMP/nf; uwsgi_temp_path $E2E_TMP/nu; scgi_temp_path $E2E_TMP/ns;
  types { text/html html; }
  server { listen 127.0.0.1:$NPORT; root $E2E_TMP/www; } }
CONF
nginx -c "$E2E_TMP/nginx.conf" -p "$E2E_TMP" -e "$E2E_TMP/nginx.err" 2>/dev/null
url="http://127.0.0.1:$NPORT/copy.html"
"$SANCTUM" incident open --post "$pid" --url "$url" >"$E2E_TMP/o" 2>&1
inc=$(sed -n 's/^opened incident \([0-9]*\) .*/\1/p' "$E2E_TMP/o")
leak=$(sqlite3 "$SANCTUM_DB" "SELECT id FROM leaks WHERE incident_id = $inc")

"$SANCTUM" incident takedown "$leak" >"$E2E_TMP/t" 2>&1
expect_eq 1 "$?" "no removal request before the risk assessment"
"$SANCTUM" incident assess "$inc" --risk low >/dev/null 2>&1
"$SANCTUM" incident takedown "$leak" --names sam >"$E2E_TMP/t" 2>&1
expect_eq 1 "$?" "a request naming the member, without their yes, is refused"
expect_contains "$E2E_TMP/t" "sam has not allowed a request that names them" "and says why"
"$SANCTUM" incident takedown "$leak" --kind copyright >"$E2E_TMP/t" 2>&1
expect_eq 1 "$?" "a copyright notice that names no author is refused"
"$SANCTUM" incident takedown "$leak" --kind privacy --to "https://forum.example/report" >"$E2E_TMP/t" 2>&1
expect_eq 0 "$?" "a request that names no one is made without asking"
expect_eq 0 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM takedowns WHERE member_id IS NOT NULL")" \
	"and it names no one"
expect_eq 4 "$(sqlite3 "$SANCTUM_DB" "SELECT step FROM incidents WHERE id = $inc")" \
	"the incident is at step 4"

# the member answers on their own page, after the moderators wrote to them
"$SANCTUM" incident draft "$inc" >/dev/null 2>&1
msg=$(sqlite3 "$SANCTUM_DB" "SELECT id FROM outreach WHERE incident_id = $inc")
"$SANCTUM" incident send "$msg" >/dev/null 2>&1
check $? "the message to sam is sent in the app"
start_server
check $? "serve starts"
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1
login "$E2E_TMP/mo" mo 'a moderator password' >/dev/null
login "$E2E_TMP/sam" sam 'a member password here' >/dev/null
curl -s -b "$E2E_TMP/sam" "$BASE/me/messages" >"$E2E_TMP/m.html"
expect_contains "$E2E_TMP/m.html" "May a request to remove what was shared mention you?" \
	"the member is asked what may be done in their name"
mcsrf=$(csrf_of "$E2E_TMP/sam" /me/messages)
csrf=$(csrf_of "$E2E_TMP/mo" "/incidents/$inc")
expect_eq 303 "$(status POST "/incidents/$inc/takedowns" -b "$E2E_TMP/mo" --data "csrf=$csrf&leak=$leak&kind=privacy&names=sam")" \
	"in the console, a request naming them is sent back"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT count(*) FROM takedowns")" "and not made"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/sam" \
	--data "csrf=$mcsrf&mention=yes&copyright=no&see=no" "$BASE/me/messages/$msg/consent" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=choices" "the member says yes to being mentioned, no to copyright"
expect_eq "1 0 0" "$(sqlite3 "$SANCTUM_DB" "SELECT may_mention || ' ' || may_copyright || ' ' || wants_to_see FROM incident_members WHERE incident_id = $inc")" \
	"their answers are kept"
expect_eq 303 "$(status POST "/me/messages/$msg/consent" -b "$E2E_TMP/mo" --data "csrf=$csrf&mention=no")" \
	"no one else answers for them there"
expect_eq 1 "$(sqlite3 "$SANCTUM_DB" "SELECT may_mention FROM incident_members WHERE incident_id = $inc")" \
	"and their answer stands"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" \
	--data "csrf=$csrf&leak=$leak&kind=privacy&names=sam&to=abuse%40forum.example" \
	"$BASE/incidents/$inc/takedowns" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "done=requested" "with their yes, a request naming them is made"
curl -s -o /dev/null -w '%{redirect_url}' -b "$E2E_TMP/mo" \
	--data "csrf=$csrf&leak=$leak&kind=copyright&names=sam" \
	"$BASE/incidents/$inc/takedowns" >"$E2E_TMP/loc"
expect_contains "$E2E_TMP/loc" "error=no-consent" "a copyright notice they said no to is refused"
if grep -aq "127.0.0.1:$NPORT" "$SANCTUM_DB" "$SANCTUM_DB-wal" 2>/dev/null; then
	check 1 "the requests' words (with the address) are sealed"
else
	check 0 "the requests' words (with the address) are sealed"
fi
curl -s -b "$E2E_TMP/mo" --data "csrf=$csrf" "$BASE/incidents/$inc/open" >"$E2E_TMP/r.html"
expect_contains "$E2E_TMP/r.html" "$url" "read by a moderator, a request holds the address"
expect_contains "$E2E_TMP/r.html" "known in our community as sam, has asked us to act" \
	"and names the member who allowed it"
expect_eq 1 "$(grep -c "has asked us to act for them" "$E2E_TMP/r.html")" \
	"and only that request names them"

# status, then the re-check with the leak detector
t2=$(sqlite3 "$SANCTUM_DB" "SELECT max(id) FROM takedowns")
"$SANCTUM" incident takedown-status "$t2" removed >/dev/null 2>&1
expect_eq 1 "$?" "a request not yet sent cannot be marked removed"
curl -s -o /dev/null -b "$E2E_TMP/mo" --data "csrf=$csrf&status=requested" "$BASE/takedowns/$t2/status"
expect_eq requested "$(sqlite3 "$SANCTUM_DB" "SELECT status FROM takedowns WHERE id = $t2")" \
	"marked requested in the console"
due=$(sqlite3 "$SANCTUM_DB" "SELECT check_at - changed_at FROM takedowns WHERE id = $t2")
expect_eq 259200 "$due" "and due for a look three days on"
"$SANCTUM" incident recheck "$inc" >"$E2E_TMP/rc" 2>&1
expect_contains "$E2E_TMP/rc" "0 places gone, 1 still holding the posts" "the re-check finds the copy still there"
rm "$E2E_TMP/www/copy.html"
"$SANCTUM" incident recheck "$inc" >"$E2E_TMP/rc" 2>&1
expect_contains "$E2E_TMP/rc" "1 place gone" "once it is gone, the re-check says so"
expect_eq removed "$(sqlite3 "$SANCTUM_DB" "SELECT status FROM takedowns WHERE id = $t2")" \
	"and the request is removed"
printf '<html><body><p>%s</p></body></html>\n' "$post" >"$E2E_TMP/www/copy.html"
chmod 644 "$E2E_TMP/www/copy.html"
"$SANCTUM" incident recheck "$inc" >"$E2E_TMP/rc" 2>&1
expect_eq reappeared "$(sqlite3 "$SANCTUM_DB" "SELECT status FROM takedowns WHERE id = $t2")" \
	"when it comes back, the request is reappeared"
curl -s -b "$E2E_TMP/mo" "$BASE/incidents/$inc" >"$E2E_TMP/i.html"
expect_contains "$E2E_TMP/i.html" "4. Remove what leaked, with their consent" "the page has step 4"
expect_contains "$E2E_TMP/i.html" "takedown.recheck" "and the timeline has the re-checks"

# the member in care is offered a plain update, drafted for review
printf 'a supporter password\n' | "$SANCTUM" user add sue --role supporter >/dev/null 2>&1
cs=$("$SANCTUM" care open --member sam --supporter sue --incident "$inc" 2>/dev/null)
check $? "sam has a care case after the incident"
"$SANCTUM" care update "$cs" --takedown "$t2" >"$E2E_TMP/u" 2>&1
check $? "an update on the request coming back is drafted"
expect_eq "in-app draft reappeared" "$(sqlite3 "$SANCTUM_DB" "SELECT channel || ' ' || status || ' ' || takedown_status FROM care_messages WHERE takedown_id = $t2")" \
	"a draft in the member's channel, for review"
"$SANCTUM" care update "$cs" --takedown "$t2" >"$E2E_TMP/u" 2>&1
expect_eq 1 "$?" "once for each status"
login "$E2E_TMP/sue" sue 'a supporter password' >/dev/null
curl -s -b "$E2E_TMP/sue" "$BASE/care/$cs" >"$E2E_TMP/c.html"
expect_contains "$E2E_TMP/c.html" "Request $t2 (" "the case page lists the incident's requests"
ucsrf=$(csrf_of "$E2E_TMP/sue" "/care/$cs")
um=$(sqlite3 "$SANCTUM_DB" "SELECT id FROM care_messages WHERE takedown_id = $t2")
curl -s -b "$E2E_TMP/sue" --data "csrf=$ucsrf" "$BASE/care-messages/$um/open" >"$E2E_TMP/e.html"
expect_contains "$E2E_TMP/e.html" "has appeared again" "it says plainly what changed"
expect_absent "$E2E_TMP/e.html" "127.0.0.1" "without the address"
expect_contains "$E2E_TMP/e.html" "it can go" "and passes the lint"
curl -s -b "$E2E_TMP/sam" "$BASE/me/support" >"$E2E_TMP/me.html"
expect_contains "$E2E_TMP/me.html" "They asked for copies to be removed 1 time, and 0 were removed." \
	"the member sees what was done for them, in plain words"
expect_contains "$E2E_TMP/me.html" "The community has not been told yet." "and what is still to come"
expect_absent "$E2E_TMP/me.html" "127.0.0.1" "never where the copies are"
"$SANCTUM" care prefs sam --no-contact >/dev/null 2>&1
"$SANCTUM" incident takedown-status "$t2" requested >/dev/null 2>&1
"$SANCTUM" care update "$cs" --takedown "$t2" >"$E2E_TMP/u" 2>&1
expect_eq 1 "$?" "no update for a member who asked not to be contacted"
kill "$(cat "$E2E_TMP/nginx.pid")" 2>/dev/null
finish
