#!/usr/bin/env bash
# The README's nginx recipe (between <!-- nginx-recipe --> and
# <!-- /nginx-recipe -->), run as written in front of sanctum with the
# options its first line names.  Only these change: the port numbers
# (80, 443 and sanctum's 8080 become free ones, the first two on
# 127.0.0.1, so nothing listens beyond loopback) and the certificate's two
# paths (a throw-away self-signed one made here).  The test's own
# nginx.conf around it holds what a system's nginx.conf would: the pid
# file, the logs and the temporary folders, all under a temporary prefix.
# Through the proxy: logging in over https, Secure cookies, HSTS, the
# redirect from http, TLS 1.1 refused, bodies up to sanctum's limit (and
# 413 beyond, on both sides alike), and forwarded headers that sanctum
# does not read.
. "$(dirname "$0")/lib.bash"
T=$E2E_TMP
README="$(dirname "$0")/../../README.md"

for tool in nginx openssl; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		check 1 "$tool is installed (tools/setup --test installs it)"
		finish
		exit 1
	fi
done

NGINX_PID=
stop_nginx() {
	if [ -n "$NGINX_PID" ]; then
		kill -QUIT "$NGINX_PID" 2>/dev/null
		wait "$NGINX_PID" 2>/dev/null
		NGINX_PID=
	fi
}
trap 'stop_nginx; stop_server' EXIT

# the recipe, exactly as the README has it
sed -n '/^<!-- nginx-recipe -->$/,/^<!-- \/nginx-recipe -->$/p' "$README" |
	sed -n '/^```nginx$/,/^```$/p' | sed '1d;$d' >"$T/recipe.conf"
[ -s "$T/recipe.conf" ]
check $? "the README holds the nginx recipe between its markers"
# each thing changed must be there exactly once, so that nothing else is
for pat in '^ *listen 80;$' '^ *listen 443 ssl http2;$' \
    'proxy_pass http://127\.0\.0\.1:8080;$' '^ *ssl_certificate /[^ ]*;$' \
    '^ *ssl_certificate_key /[^ ]*;$' '^# In front of: sanctum serve '; do
	n=$(grep -c -- "$pat" "$T/recipe.conf")
	[ "$n" -eq 1 ] ||
		echo "#   [$pat] is in the recipe $n times, not once" >&2
done
grep -c -e '^ *listen 80;$' -e '^ *listen 443 ssl http2;$' \
	-e 'proxy_pass http://127\.0\.0\.1:8080;$' \
	-e '^ *ssl_certificate /[^ ]*;$' -e '^ *ssl_certificate_key /[^ ]*;$' \
	-e '^# In front of: sanctum serve ' "$T/recipe.conf" >"$T/n"
expect_eq 6 "$(cat "$T/n")" "it has the lines this test changes, once each"

# a throw-away certificate for 127.0.0.1
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
	-keyout "$T/key.pem" -out "$T/cert.pem" 2>"$T/openssl.err"
check $? "openssl makes a throw-away certificate and key"

# sanctum, with the options the recipe names (its --listen is the test's)
new_community
check $? "a new community with an admin"
opts=$(sed -n 's/^# In front of: sanctum serve //p' "$T/recipe.conf" |
	sed 's/--listen [^ ]* *//')
# shellcheck disable=SC2086
start_server $opts
check $? "serve starts with the recipe's options ($opts)"
SANCTUM_BASE=$BASE

# nginx, not a daemon, with its own prefix; its workers (as nobody when
# this runs as root) reach their temporary folders through $T
HP=$(free_port)
SP=$(free_port)
while [ "$SP" = "$HP" ] || [ "$SP" = "$PORT" ]; do SP=$(free_port); done
N="$T/nginx"
mkdir -p "$N"
chmod 711 "$T" "$N"
sed -e "s/^\( *listen \)80;$/\1127.0.0.1:$HP;/" \
	-e "s/^\( *listen \)443 ssl http2;$/\1127.0.0.1:$SP ssl http2;/" \
	-e "s|proxy_pass http://127\.0\.0\.1:8080;$|proxy_pass http://127.0.0.1:$PORT;|" \
	-e "s|^\( *ssl_certificate \)/[^ ]*;$|\1$T/cert.pem;|" \
	-e "s|^\( *ssl_certificate_key \)/[^ ]*;$|\1$T/key.pem;|" \
	"$T/recipe.conf" >"$N/sanctum.conf"
cat >"$N/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $N/nginx.pid;
error_log $N/error.log;
events { worker_connections 256; }
http {
    access_log $N/access.log;
    client_body_temp_path $N/body;
    proxy_temp_path $N/proxy;
    fastcgi_temp_path $N/fastcgi;
    uwsgi_temp_path $N/uwsgi;
    scgi_temp_path $N/scgi;
    include $N/sanctum.conf;
}
EOF
nginx -t -p "$N" -c "$N/nginx.conf" -e "$N/error.log" 2>"$N/test.err"
rc=$?
[ "$rc" -eq 0 ] || sed 's/^/#   /' "$N/test.err" >&2
check "$rc" "nginx accepts the recipe"
nginx -p "$N" -c "$N/nginx.conf" -e "$N/error.log" 2>"$N/stderr" &
NGINX_PID=$!
for _ in $(seq 1 100); do
	(exec 3<>"/dev/tcp/127.0.0.1/$SP") 2>/dev/null && break
	kill -0 "$NGINX_PID" 2>/dev/null || break
	sleep 0.05
done
kill -0 "$NGINX_PID" 2>/dev/null
check $? "nginx runs in front of sanctum"

export CURL_CA_BUNDLE="$T/cert.pem"
BASE="https://127.0.0.1:$SP"

# logging in through the proxy
curl -s -D "$T/h-login" -o "$T/login.html" -c "$T/jar" "$BASE/login"
expect_contains "$T/h-login" " 200" "the login page answers over https"
expect_contains "$T/login.html" 'name="csrf"' "sanctum's own form"
expect_eq 1 "$(grep -ci '^strict-transport-security:' "$T/h-login")" \
	"one Strict-Transport-Security header"
hsts=$(sed -n 's/^strict-transport-security: max-age=\([0-9]*\)\r$/\1/ip' \
	"$T/h-login")
[ -n "$hsts" ] && [ "$hsts" -ge 15552000 ]
check $? "with a max-age of 180 days or more ($hsts s)"
csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/login.html" |
	head -n1)
expect_eq 303 "$(curl -s -o /dev/null -w '%{http_code}' -D "$T/h-post" \
	-b "$T/jar" -c "$T/jar" --data-urlencode name=ada \
	--data-urlencode "password=$ADMIN_PW" --data-urlencode "csrf=$csrf" \
	"$BASE/login")" "logging in works"
grep -i '^set-cookie: sanctum_session=' "$T/h-post" >"$T/session-cookie"
expect_contains "$T/session-cookie" "; Secure" "the session cookie is Secure"
expect_contains "$T/session-cookie" "; HttpOnly" "and HttpOnly"
expect_contains "$T/session-cookie" "; SameSite=Strict" "and SameSite=Strict"
grep -i '^set-cookie:' "$T/h-login" "$T/h-post" | grep -qv '; Secure'
expect_eq 1 "$?" "every cookie is Secure"
expect_eq 200 "$(status GET / -b "$T/jar")" "the session opens the dashboard"
curl -s -D "$T/h-404" -o /dev/null "$BASE/no-such-page"
expect_contains "$T/h-404" " 404" "sanctum's 404 comes through"
grep -qi '^strict-transport-security:' "$T/h-404"
check $? "with HSTS"

# plain http on the proxy's port 80 goes to https
curl -s -o /dev/null -D "$T/h-80" "http://127.0.0.1:$HP/login?x=1"
expect_contains "$T/h-80" "HTTP/1.1 301" "plain http is redirected"
expect_contains "$T/h-80" "Location: https://127.0.0.1/login?x=1" \
	"to the same page over https"

# TLS versions: as sanctum's own (this curl speaks TLS 1.1 at OpenSSL's
# security level 0: tests/e2e/tls.sh shows it)
expect_eq 200 "$(status GET /login --tlsv1.2 --tls-max 1.2)" \
	"TLS 1.2 is served"
curl -s -o /dev/null --tls-max 1.1 --ciphers 'DEFAULT:@SECLEVEL=0' \
	"$BASE/login"
rc=$?
[ "$rc" -ne 0 ]
check $? "a client of TLS 1.1 at most is refused (curl $rc)"

# bodies: an upload of exactly sanctum's --max-body (10 MiB), its CSRF
# token last, reaches sanctum whole; one byte more is 413, at the proxy
# and at sanctum alike
max=$((10 << 20))
csrf=$(csrf_of "$T/jar" /scan)
B=sanctumtestboundary
printf -- '--%s\r\nContent-Disposition: form-data; name="image"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n' \
	"$B" >"$T/head"
printf -- '\r\n--%s\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n--%s--\r\n' \
	"$B" "$csrf" "$B" >"$T/tail"
pad=$((max - $(stat -c %s "$T/head") - $(stat -c %s "$T/tail")))
yes 'a quiet line of plain words' | head -c "$pad" >"$T/pad"
cat "$T/head" "$T/pad" "$T/tail" >"$T/body"
expect_eq "$max" "$(stat -c %s "$T/body")" "an upload of exactly 10 MiB"
upload() {
	curl -s -o "$T/upload.html" -w '%{http_code}' -b "$T/jar" \
		-H "Content-Type: multipart/form-data; boundary=$B" \
		--data-binary "@$T/body" "$1/scan"
}
expect_eq 200 "$(upload "$BASE")" "passes the proxy"
expect_contains "$T/upload.html" "No post of this community was found" \
	"and sanctum scans all of it (the token after it was read)"
printf 'x' >>"$T/body"
expect_eq 413 "$(upload "$BASE")" "one byte more is refused at the proxy"
expect_absent "$T/serve.err" "POST /scan 413" "before it reaches sanctum"
expect_eq 413 "$(upload "$SANCTUM_BASE")" "as sanctum refuses it"
expect_contains "$T/serve.err" "POST /scan 413" "(sanctum logs that one)"
rm -f "$T/pad" "$T/body"

# forwarded headers: sanctum reads none, so each client's failed logins
# count against the proxy's address, whatever address a header claims;
# the 20th holds every login
for i in $(seq 1 20); do
	c=$(curl -s -c "$T/f$i" -b "$T/f$i" "$BASE/login" |
		sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n1)
	curl -s -o /dev/null -w '%{http_code}\n' -c "$T/f$i" -b "$T/f$i" \
		-H "X-Forwarded-For: 198.51.100.$i" -H "X-Real-IP: 198.51.100.$i" \
		-H "Forwarded: for=198.51.100.$i" \
		--data-urlencode "name=nobody$i" --data-urlencode "password=wrong" \
		--data-urlencode "csrf=$c" "$BASE/login"
done >"$T/fails"
expect_eq 20 "$(grep -c '^401$' "$T/fails")" \
	"20 failed logins through the proxy, each claiming another address"
expect_eq 429 "$(curl -s -o /dev/null -w '%{http_code}' \
	-H 'X-Forwarded-For: 203.0.113.7' -H 'X-Real-IP: 203.0.113.7' \
	--data-urlencode name=ada --data-urlencode "password=$ADMIN_PW" \
	--data-urlencode "csrf=$(csrf_of "$T/jar3" /login)" -b "$T/jar3" \
	"$BASE/login")" \
	"then the admin's right password, from a claimed new address, waits (429)"

kill -0 "$NGINX_PID" 2>/dev/null && kill -0 "$SERVER_PID" 2>/dev/null
check $? "nginx and sanctum are both still running"
stop_nginx
cat "$N/stderr" >>"$N/error.log"
expect_absent "$N/error.log" "[emerg]" "nginx logged no emergency"
finish
