#!/usr/bin/env bash
# Login, wrong password, logout, forced password change, session expiry.
. "$(dirname "$0")/lib.bash"

new_community
check $? "a new community with an admin"
start_server --idle-timeout 2
check $? "serve starts"

expect_eq 303 "$(status GET /)" "the dashboard sends strangers to log in"
expect_eq 401 "$(login "$E2E_TMP/bad" ada 'not the password')" \
	"a wrong password is refused"
expect_eq 401 "$(login "$E2E_TMP/bad" nobody 'not the password')" \
	"an unknown name gets the same answer"
expect_eq 303 "$(login "$E2E_TMP/jar" ada "$ADMIN_PW")" "the right password logs in"
curl -s -b "$E2E_TMP/jar" "$BASE/" >"$E2E_TMP/dash.html"
expect_contains "$E2E_TMP/dash.html" "<h1>Dashboard</h1>" "the dashboard shows"
expect_contains "$E2E_TMP/dash.html" 'id="members"' "with the members figure"
grep -q '^#HttpOnly_.*sanctum_session' "$E2E_TMP/jar"
check $? "the session cookie is HttpOnly"

csrf=$(csrf_of "$E2E_TMP/jar" /)
expect_eq 303 "$(status POST /logout -b "$E2E_TMP/jar" -c "$E2E_TMP/jar" \
	--data-urlencode "csrf=$csrf")" "logout"
expect_eq 303 "$(status GET / -b "$E2E_TMP/jar")" "after logout the session is gone"

# idle expiry
login "$E2E_TMP/idle" ada "$ADMIN_PW" >/dev/null
expect_eq 200 "$(status GET / -b "$E2E_TMP/idle")" "a fresh session works"
sleep 3
expect_eq 303 "$(status GET / -b "$E2E_TMP/idle")" "an idle session expires"

# a generated password must be changed first
out=$("$SANCTUM" user add gen --role moderator --generate 2>/dev/null)
pw=$(printf '%s\n' "$out" | sed -n 's/.*first login): //p')
expect_eq 303 "$(login "$E2E_TMP/gen" gen "$pw")" "a generated password logs in"
curl -s -o /dev/null -D "$E2E_TMP/h" -b "$E2E_TMP/gen" "$BASE/"
expect_contains "$E2E_TMP/h" "Location: /account/password" \
	"but only to the password page"
expect_eq 403 "$(status GET /api/v1/stats -b "$E2E_TMP/gen")" \
	"and the API waits for the change too"
csrf=$(csrf_of "$E2E_TMP/gen" /account/password)
expect_eq 303 "$(status POST /account/password -b "$E2E_TMP/gen" \
	-c "$E2E_TMP/gen" --data-urlencode "csrf=$csrf" \
	--data-urlencode "current=$pw" --data-urlencode "new=my own calm words" \
	--data-urlencode "confirm=my own calm words")" "the change is accepted"
expect_eq 200 "$(status GET / -b "$E2E_TMP/gen")" "then the console opens"
expect_eq 401 "$(login "$E2E_TMP/gen3" gen "$pw")" \
	"the generated password no longer works"

finish
