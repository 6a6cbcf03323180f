#!/usr/bin/env bash
# Hostile and mistaken requests: each gets a clear status and changes
# nothing.  Also the headers every page carries, CSRF, roles and throttling.
. "$(dirname "$0")/lib.bash"

new_community
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator >/dev/null 2>&1
start_server --max-body 4096
check $? "serve starts with a 4 KiB body limit"
login "$E2E_TMP/admin" ada "$ADMIN_PW" >/dev/null
login "$E2E_TMP/mod" mo 'a moderator password' >/dev/null
csrf=$(csrf_of "$E2E_TMP/admin" /users)
audit_before=$("$SANCTUM" audit list --limit 1000 | wc -l)

# headers
curl -s -D "$E2E_TMP/h" -o /dev/null -b "$E2E_TMP/admin" "$BASE/"
expect_contains "$E2E_TMP/h" "Content-Security-Policy: default-src 'none'; script-src 'self'" \
	"a CSP without inline script"
expect_contains "$E2E_TMP/h" "X-Frame-Options: DENY" "framing denied"
expect_contains "$E2E_TMP/h" "Referrer-Policy: no-referrer" "no referrer"
expect_contains "$E2E_TMP/h" "Cache-Control: no-store" "member pages are not cached"

# unknown routes and methods
expect_eq 404 "$(status GET /no/such/page -b "$E2E_TMP/admin")" "unknown route: 404"
expect_eq 405 "$(status DELETE /users -b "$E2E_TMP/admin")" "wrong method: 405"
curl -s -b "$E2E_TMP/admin" "$BASE/api/v1/nothing" >"$E2E_TMP/j"
expect_eq '{"error":"There is no such page."}' "$(cat "$E2E_TMP/j")" \
	"API errors are JSON {\"error\": ...}"

# roles
expect_eq 403 "$(status GET /users -b "$E2E_TMP/mod")" "a moderator cannot open People"
expect_eq 403 "$(status GET /api/v1/users -b "$E2E_TMP/mod")" "nor list users by API"
expect_eq 200 "$(status GET /api/v1/stats -b "$E2E_TMP/mod")" "but sees the figures"
expect_eq 401 "$(status GET /api/v1/stats)" "the API without login: 401"

# CSRF
expect_eq 403 "$(status POST /users -b "$E2E_TMP/admin" --data 'name=eve&role=admin')" \
	"a form without the CSRF token is refused"
expect_eq 403 "$(status POST /users -b "$E2E_TMP/admin" \
	--data 'name=eve&role=admin&csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')" \
	"a wrong CSRF token is refused"
other=$(csrf_of "$E2E_TMP/mod" /)
expect_eq 403 "$(status POST /users -b "$E2E_TMP/admin" \
	--data "name=eve&role=admin&csrf=$other")" \
	"another session's CSRF token is refused"

# bodies
head -c 5000 /dev/zero | tr '\0' 'a' >"$E2E_TMP/big"
expect_eq 413 "$(status POST /users -b "$E2E_TMP/admin" \
	--data-binary "@$E2E_TMP/big" -H 'Content-Type: application/x-www-form-urlencoded')" \
	"an oversized body: 413"
expect_eq 413 "$(status POST /api/v1/users -b "$E2E_TMP/admin" -H 'Transfer-Encoding: chunked' \
	-H 'Content-Type: application/json' --data-binary "@$E2E_TMP/big")" \
	"an oversized chunked body: 413"
expect_eq 400 "$(status POST /api/v1/users -b "$E2E_TMP/admin" \
	-H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
	--data '{"name": "eve", "role": ')" "malformed JSON: 400"
expect_eq 400 "$(status POST /api/v1/users -b "$E2E_TMP/admin" \
	-H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
	--data '{"name": "eve", "name": "mallory", "role": "admin"}')" \
	"JSON with a duplicate key: 400"
printf 'name=ev%%FFe&role=admin&csrf=%s' "$csrf" >"$E2E_TMP/badutf"
expect_eq 400 "$(status POST /users -b "$E2E_TMP/admin" \
	-H 'Content-Type: application/x-www-form-urlencoded' \
	--data-binary "@$E2E_TMP/badutf")" "invalid UTF-8 in a form: 400"
expect_eq 400 "$(status POST /users -b "$E2E_TMP/admin" \
	-H 'Content-Type: text/plain' --data "csrf=$csrf")" \
	"an unknown body type: 400"
expect_eq 400 "$(status GET '/activate?t=ab%FFcd')" \
	"invalid UTF-8 in a query argument: 400"
expect_eq 400 "$(status GET '/audit?before%C3=1' -b "$E2E_TMP/admin")" \
	"or in its name: 400"
expect_eq 200 "$(status GET '/activate?t=%C3%A9t%C3%A9')" \
	"valid UTF-8 in a query argument is taken"
# a multipart part without a name comes to the form's reader without a
# key; sent by someone not logged in, it once brought the server down
printf -- '--XX\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XX--\r\n' \
	>"$E2E_TMP/noname"
expect_eq 400 "$(status POST /login \
	-H 'Content-Type: multipart/form-data; boundary=XX' \
	--data-binary "@$E2E_TMP/noname")" "a form part without a name: 400"
expect_eq 200 "$(status GET /login)" "the server still answers after it"
expect_eq 303 "$(status POST /users -b "$E2E_TMP/admin" \
	--data "name=%3Cscript%3E&role=admin&csrf=$csrf")" \
	"an invalid name is sent back to the form"
curl -s -o /dev/null -D "$E2E_TMP/h" -b "$E2E_TMP/admin" \
	--data "name=M0&role=admin&csrf=$csrf" "$BASE/users"
expect_contains "$E2E_TMP/h" "error=lookalike" \
	"a name that looks like the moderator's is sent back to the form"
curl -s -b "$E2E_TMP/admin" "$BASE/users?error=lookalike" >"$E2E_TMP/page"
expect_contains "$E2E_TMP/page" "looks like one already in use" "which says why"
expect_eq 409 "$(status POST /api/v1/users -b "$E2E_TMP/admin" \
	-H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
	--data '{"name": "m_o", "role": "moderator"}')" \
	"and by API: 409"

# none of that changed anything
"$SANCTUM" user list >"$E2E_TMP/users"
expect_absent "$E2E_TMP/users" "eve" "no refused request added a user"
expect_absent "$E2E_TMP/users" "M0" "nor a look-alike"
expect_absent "$E2E_TMP/users" "script" "nor a user with a hostile name"
expect_eq "$audit_before" "$("$SANCTUM" audit list --limit 1000 | wc -l)" \
	"and the audit trail is unchanged"

# a good request does change things, once, and is audited
expect_eq 200 "$(status POST /users -b "$E2E_TMP/admin" \
	--data "name=sam&role=supporter&csrf=$csrf" -o "$E2E_TMP/added")" "adding a supporter works"
"$SANCTUM" audit list --limit 1 >"$E2E_TMP/last"
expect_contains "$E2E_TMP/last" "user.add" "and is in the audit trail"

# API tokens
tok=$("$SANCTUM" token create --user ada nightly 2>/dev/null | tail -n1)
expect_eq 200 "$(status GET /api/v1/users -H "Authorization: Bearer $tok")" \
	"a bearer token opens the API"
expect_eq 201 "$(status POST /api/v1/users -H "Authorization: Bearer $tok" \
	-H 'Content-Type: application/json' --data '{"name":"robin","role":"member"}')" \
	"and may change state without a CSRF token"
expect_eq 303 "$(status GET /users -H "Authorization: Bearer $tok")" \
	"but not the console pages"
id=$("$SANCTUM" token list | awk '$2 == "nightly" {print $1}')
"$SANCTUM" token revoke "$id" >/dev/null
expect_eq 401 "$(status GET /api/v1/users -H "Authorization: Bearer $tok")" \
	"a revoked token is refused"
expect_eq 401 "$(status GET /api/v1/users -H "Authorization: Bearer snt_nonsense")" \
	"a made-up token is refused"

# throttling: five failures lock the account, even for the right password
for i in 1 2 3 4 5; do login "$E2E_TMP/t$i" mo "wrong password $i" >/dev/null; done
expect_eq 429 "$(login "$E2E_TMP/t6" mo 'a moderator password')" \
	"after five failures the account is locked for a while"
expect_eq 429 "$(login "$E2E_TMP/t6b" MO 'a moderator password')" \
	"whatever the case of the name typed"
c=$(csrf_of "$E2E_TMP/t6c" /login)
curl -s -o /dev/null -D "$E2E_TMP/t6c.h" -b "$E2E_TMP/t6c" --data-urlencode name=mo \
	--data-urlencode "password=a moderator password" --data-urlencode "csrf=$c" "$BASE/login"
wait=$(sed -n 's/^Retry-After: \([0-9]*\).*/\1/p' "$E2E_TMP/t6c.h")
[ -n "$wait" ] && [ "$wait" -gt 0 ] && [ "$wait" -le 900 ]
check $? "and the answer says when to come back (Retry-After: $wait)"
expect_eq 303 "$(login "$E2E_TMP/t7" ada "$ADMIN_PW")" \
	"other accounts are not locked"

# disabling someone ends their sessions
csrf=$(csrf_of "$E2E_TMP/admin" /users)
expect_eq 303 "$(status POST /users/disable -b "$E2E_TMP/admin" \
	--data "name=mo&csrf=$csrf")" "an admin disables the moderator"
expect_eq 303 "$(status GET / -b "$E2E_TMP/mod")" "whose session ends at once"
expect_eq 303 "$(status POST /users/disable -b "$E2E_TMP/admin" \
	--data "name=ada&csrf=$csrf" -o /dev/null)" "disabling the last admin"
"$SANCTUM" user list >"$E2E_TMP/users"
grep -q '^ada .*active' "$E2E_TMP/users"
check $? "is refused: the last admin stays active"

finish
