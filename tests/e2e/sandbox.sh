#!/usr/bin/env bash
# serve's sandbox: the running server is under a seccomp filter with
# no_new_privs, and still logs in, writes, resolves a name, reads a
# screenshot and stops cleanly; `sandbox-check`, which enters the same
# sandbox, is refused a file outside the database's folder, a TCP bind and
# running a program; --no-sandbox leaves the server unfiltered; and the
# systemd unit's exposure score stays where the README records it.
. "$(dirname "$0")/lib.bash"
FIX="$(cd "$(dirname "$0")/../fixtures/scan" && pwd)"
SCORE_MAX=1.2	# systemd-analyze's score of docs/sanctum.service (README)

# status_of PID FIELD: a field of /proc/PID/status
status_of() {
	awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"
}

"$SANCTUM" demo --dir "$E2E_TMP/demo" --no-serve >/dev/null 2>&1
export SANCTUM_DB="$E2E_TMP/demo/demo.db"
"$SANCTUM" post add --group "Evening check-in" --author river-stone \
	<"$FIX/post.txt" >"$E2E_TMP/post.out" 2>/dev/null
id=$(awk '{print $2}' "$E2E_TMP/post.out")
printf 'a moderator password\n' | "$SANCTUM" user add mo --role moderator \
	>/dev/null 2>&1

# -- the server, sandboxed by default
start_server --allow-private-fetch
check $? "serve starts"
expect_eq 2 "$(status_of "$SERVER_PID" Seccomp)" "under a seccomp filter"
expect_eq 1 "$(status_of "$SERVER_PID" NoNewPrivs)" "with no_new_privs"
expect_eq 1 "$(grep -c 'serve: sandbox: ' "$E2E_TMP/serve.err")" \
	"and says once what it applied"
landlock=1
grep -q 'serve: sandbox: no Landlock' "$E2E_TMP/serve.err" && landlock=0

expect_eq 303 "$(login "$E2E_TMP/mo" mo 'a moderator password')" \
	"a login works in the sandbox"
printf 'an admin password here\n' | "$SANCTUM" user add ada --role admin \
	>/dev/null 2>&1
tok=$("$SANCTUM" token create --user ada sandbox 2>/dev/null | tail -n1)
expect_eq 201 "$(status POST /api/v1/users -H "Authorization: Bearer $tok" \
	-H 'Content-Type: application/json' \
	--data '{"name":"robin","role":"member"}')" \
	"and so does a write through the API"
"$SANCTUM" user list >"$E2E_TMP/users" 2>&1
expect_contains "$E2E_TMP/users" "robin" "which is in the database"
csrf=$(csrf_of "$E2E_TMP/mo" /scan)
curl -s -b "$E2E_TMP/mo" -F "csrf=$csrf" -F "text=$(cat "$FIX/post.txt")" \
	"$BASE/scan" >"$E2E_TMP/res.html"
expect_contains "$E2E_TMP/res.html" "1 post of this community was found" \
	"a scan opens sealed posts"
# a name, resolved through /etc/hosts and the resolver's files
curl -s -b "$E2E_TMP/mo" -F "csrf=$csrf" \
	-F "url=http://localhost:$PORT/healthz" "$BASE/scan" >"$E2E_TMP/res2.html"
expect_contains "$E2E_TMP/res2.html" "Scan result" "a URL with a host name is fetched"
expect_absent "$E2E_TMP/res2.html" "Nothing could be scanned" "without an error"
# a screenshot: Tesseract reads its language data while serving
if convert -size 1100x -background white -fill black -font DejaVu-Sans \
	-pointsize 24 caption:"$(cat "$FIX/post.txt")" "$E2E_TMP/shot.png" \
	2>/dev/null; then
	curl -s -b "$E2E_TMP/mo" -F "csrf=$csrf" \
		-F "image=@$E2E_TMP/shot.png;type=image/png" "$BASE/scan" \
		>"$E2E_TMP/res3.html"
	expect_contains "$E2E_TMP/res3.html" "Post $id in Evening check-in" \
		"a screenshot is read by OCR"
else
	check 0 "a screenshot is read by OCR # SKIP no ImageMagick"
fi
pid=$SERVER_PID
kill "$pid"
wait "$pid"
expect_eq 0 "$?" "and the server stops cleanly, not killed by its filter"
SERVER_PID=

# -- what the same sandbox refuses
OUT=$(mktemp -d "${TMPDIR:-/tmp}/sanctum-outside-XXXXXX")
echo "not for the server" >"$OUT/other.txt"
# (the braces keep the shell's "Bad system call" out of the output)
{
	"$SANCTUM" sandbox-check "$OUT/other.txt" "$OUT/new.txt" \
		"$E2E_TMP/demo/made-here" /etc/hosts >"$E2E_TMP/check" 2>&1
	rc=$?
} 2>/dev/null
expect_eq 159 "$rc" "running a program ends the process (SIGSYS)"
expect_contains "$E2E_TMP/check" "run /bin/true: " "which got that far"
expect_absent "$E2E_TMP/check" "run /bin/true: Operation" "and was not merely refused"
expect_contains "$E2E_TMP/check" "bind a TCP port: Operation not permitted" \
	"binding a new port is refused"
if [ "$landlock" = 1 ]; then
	expect_contains "$E2E_TMP/check" "read $OUT/other.txt: Permission denied" \
		"a file in another folder cannot be read"
	expect_contains "$E2E_TMP/check" "write $OUT/other.txt: Permission denied" \
		"nor written"
	expect_contains "$E2E_TMP/check" "write $OUT/new.txt: Permission denied" \
		"nor made there"
	[ ! -e "$OUT/new.txt" ]
	check $? "so it is not there"
	expect_contains "$E2E_TMP/check" "write /etc/hosts: Permission denied" \
		"a file serve reads cannot be written"
else
	for w in "a file in another folder cannot be read" "nor written" \
		"nor made there" "so it is not there" \
		"a file serve reads cannot be written"; do
		check 0 "$w # SKIP no Landlock in this kernel"
	done
fi
expect_contains "$E2E_TMP/check" "write $E2E_TMP/demo/made-here: allowed" \
	"the database's folder can be written"
[ -e "$E2E_TMP/demo/made-here" ]
check $? "and the file is made"
expect_contains "$E2E_TMP/check" "read /etc/hosts: allowed" \
	"and what serve reads can be read"
rm -rf "$OUT"

# -- --no-sandbox, to debug
start_server --no-sandbox
check $? "serve --no-sandbox starts"
expect_eq 0 "$(status_of "$SERVER_PID" Seccomp)" "with no seccomp filter"
expect_contains "$E2E_TMP/serve.err" "serve: no sandbox (--no-sandbox)" \
	"and says so"
stop_server

# -- the systemd unit's own fence
if command -v systemd-analyze >/dev/null 2>&1; then
	score=$(systemd-analyze security --offline=yes \
		"$(dirname "$0")/../../docs/sanctum.service" 2>/dev/null |
		sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
	awk -v s="$score" -v m="$SCORE_MAX" 'BEGIN { exit !(s != "" && s <= m) }'
	check $? "the unit's exposure score ($score) is at most $SCORE_MAX"
else
	check 0 "the unit's exposure score # SKIP no systemd-analyze"
fi
finish
