#!/usr/bin/env bash
# Login, wrong password, logout, forced password change, session expiry,
# and a login to an unknown name that takes as long as a wrong password.
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

# timing: an unknown name must not answer sooner than a wrong password
# (without the dummy verification it answers some 100 times sooner, so
# a factor of 4 either way is a bound a loaded machine does not cross by
# chance; bench/timing/run gives the figures)
timed_login() {
	sqlite3 "$SANCTUM_DB" "DELETE FROM throttle"
	rm -f "$E2E_TMP/tj"
	local csrf
	csrf=$(csrf_of "$E2E_TMP/tj" /login)
	curl -s -o /dev/null -w '%{time_total}\n' -c "$E2E_TMP/tj" \
		-b "$E2E_TMP/tj" --data-urlencode "name=$1" \
		--data-urlencode "password=not the password" \
		--data-urlencode "csrf=$csrf" "$BASE/login"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for i in 1 2 3 4 5 6 7; do
	timed_login ada >>"$E2E_TMP/t.known"
	timed_login "nobody$i" >>"$E2E_TMP/t.unknown"
done
known=$(median <"$E2E_TMP/t.known")
unknown=$(median <"$E2E_TMP/t.unknown")
echo "# login medians: wrong password ${known}s, unknown name ${unknown}s"
awk -v k="$known" -v u="$unknown" 'BEGIN { exit !(u >= k / 4 && u <= k * 4) }'
check $? "an unknown name takes as long as a wrong password"
sqlite3 "$SANCTUM_DB" "DELETE FROM throttle"

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
