# lib.bash: helpers for the end-to-end tests, sourced by each tests/e2e/*.sh.
#
# Each test file starts the real sanctum binary ($SANCTUM, default
# ./sanctum) on a free loopback port with a fresh community in a temporary
# folder, drives it with curl, and prints one TAP line per check
# ("ok N - what" / "not ok N - what"), which tests/run counts.

set -u
SANCTUM=${SANCTUM:-$PWD/sanctum}
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sanctum-e2e-XXXXXX")
E2E_N=0
E2E_FAILED=0
SERVER_PID=
PORT=
BASE=
export SANCTUM_DB="$E2E_TMP/community.db"
unset SANCTUM_KEY_FILE SANCTUM_PASSPHRASE_FILE

# ok CONDITION-STATUS WHAT: record one check from the last command's status.
check() {
	local status=$1; shift
	E2E_N=$((E2E_N + 1))
	if [ "$status" -eq 0 ]; then
		echo "ok $E2E_N - $*"
	else
		echo "not ok $E2E_N - $*"
		E2E_FAILED=$((E2E_FAILED + 1))
	fi
}

# expect_eq WANT GOT WHAT
expect_eq() {
	if [ "$1" = "$2" ]; then check 0 "$3"; else
		echo "#   wanted [$1] got [$2]" >&2; check 1 "$3"; fi
}

# expect_contains HAYSTACK-FILE NEEDLE WHAT
expect_contains() {
	if grep -qF -- "$2" "$1"; then check 0 "$3"; else
		echo "#   [$2] not in $1" >&2; check 1 "$3"; fi
}

# expect_absent HAYSTACK-FILE NEEDLE WHAT
expect_absent() {
	if grep -qF -- "$2" "$1"; then
		echo "#   [$2] unexpectedly in $1" >&2; check 1 "$3"; else
		check 0 "$3"; fi
}

# free_port: print a loopback port nothing listens on.
free_port() {
	local p
	# below the kernel's ephemeral range (32768 and up), where the client
	# side of a test's own connections could already hold the port
	while :; do
		p=$((20000 + RANDOM % 12000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"; return
		fi
	done
}

# new_community: init a community and add an admin "ada" whose password is
# in $ADMIN_PW (chosen, so no change is due).
new_community() {
	ADMIN_PW="a calm and long password"
	"$SANCTUM" init --name "Test circle" >/dev/null 2>"$E2E_TMP/init.err" ||
		{ cat "$E2E_TMP/init.err" >&2; return 1; }
	printf '%s\n' "$ADMIN_PW" | "$SANCTUM" user add ada --role admin \
		>/dev/null 2>&1
}

# start_server [serve options...]: serve the community in the background
# and wait until /healthz answers.  With E2E_SCHEME=https (and the
# certificate's CA in CURL_CA_BUNDLE, which curl reads) BASE is https.
start_server() {
	PORT=$(free_port)
	BASE="${E2E_SCHEME:-http}://127.0.0.1:$PORT"
	"$SANCTUM" serve --listen "127.0.0.1:$PORT" "$@" \
		>"$E2E_TMP/serve.out" 2>"$E2E_TMP/serve.err" &
	SERVER_PID=$!
	for _ in $(seq 1 100); do
		curl -s -o /dev/null "$BASE/healthz" && return 0
		kill -0 "$SERVER_PID" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}

stop_server() {
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
		SERVER_PID=
	fi
}

# status METHOD PATH [curl args...]: print the HTTP status only.
status() {
	local m=$1 p=$2; shift 2
	curl -s -o /dev/null -w '%{http_code}' -X "$m" "$@" "$BASE$p"
}

# login JAR NAME PASSWORD: log in with a cookie jar; prints the status of
# the login POST.
login() {
	local jar=$1 name=$2 pw=$3 csrf
	csrf=$(curl -s -c "$jar" -b "$jar" "$BASE/login" |
		sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n1)
	curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
		--data-urlencode "name=$name" --data-urlencode "password=$pw" \
		--data-urlencode "csrf=$csrf" "$BASE/login"
}

# csrf_of JAR PATH: the CSRF token on a page.
csrf_of() {
	curl -s -b "$1" -c "$1" "$BASE$2" |
		sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n1
}

finish() {
	stop_server
	# under the sanitizers, any report in any output fails the file
	if grep -rlE 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
		"$E2E_TMP" >/dev/null 2>&1; then
		grep -rhE -A8 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
			"$E2E_TMP" | head -n 40 | sed 's/^/# /'
		check 1 "no sanitizer reports"
	fi
	rm -rf "$E2E_TMP"
	echo "1..$E2E_N"
	[ "$E2E_FAILED" -eq 0 ]
}
trap stop_server EXIT
