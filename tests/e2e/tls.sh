#!/usr/bin/env bash
# serve --tls-cert --tls-key: HTTPS with a throw-away self-signed
# certificate made here with openssl; Secure cookies and HSTS under TLS
# and neither without it; plain HTTP to the TLS port; TLS 1.1 and older
# refused; a missing, unreadable, wrong or mismatched file stops serve
# before it listens, with a message naming the file and no byte of a key;
# an expired certificate is warned about and refused by clients.
. "$(dirname "$0")/lib.bash"
T=$E2E_TMP

for tool in openssl setpriv sqlite3; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		check 1 "$tool is installed (tools/setup --test installs it)"
		finish
		exit 1
	fi
done

# the certificate (for 127.0.0.1, which curl checks) and its key; another
# pair for the mismatch; curl trusts the first through CURL_CA_BUNDLE
mkcert() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
		-keyout "$T/$1key.pem" -out "$T/$1cert.pem" 2>>"$T/openssl.err"
}
mkcert "" && mkcert other-
check $? "openssl makes a throw-away certificate and key"
export CURL_CA_BUNDLE="$T/cert.pem"
# every line of both keys but the armour: none may appear in any output
grep -hv -- '-----' "$T/key.pem" "$T/other-key.pem" >"$T/key-lines"

new_community
check $? "a new community with an admin"
E2E_SCHEME=https start_server --tls-cert "$T/cert.pem" --tls-key "$T/key.pem"
check $? "serve starts with --tls-cert and --tls-key"
expect_contains "$T/serve.err" "listening on https://127.0.0.1:$PORT" \
	"and says it serves https"

# the login page and the session cookie over https
curl -s -D "$T/h-login" -o "$T/login.html" -c "$T/jar" "$BASE/login"
expect_contains "$T/h-login" "HTTP/1.1 200" "the login page answers over https"
expect_contains "$T/login.html" 'name="csrf"' "with its form"
hsts=$(sed -n 's/^Strict-Transport-Security: max-age=\([0-9]*\)\r$/\1/ip' \
	"$T/h-login")
[ -n "$hsts" ] && [ "$hsts" -ge 15552000 ]
check $? "Strict-Transport-Security with a max-age of 180 days or more" \
	"($hsts s)"
csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/login.html" |
	head -n1)
expect_eq 303 "$(curl -s -o /dev/null -w '%{http_code}' -D "$T/h-post" \
	-b "$T/jar" -c "$T/jar" --data-urlencode name=ada \
	--data-urlencode "password=$ADMIN_PW" --data-urlencode "csrf=$csrf" \
	"$BASE/login")" "logging in over https works"
grep -i '^Set-Cookie: sanctum_session=' "$T/h-post" >"$T/session-cookie"
expect_contains "$T/session-cookie" "; Secure" "the session cookie is Secure"
expect_contains "$T/session-cookie" "; HttpOnly" "and HttpOnly"
expect_contains "$T/session-cookie" "; SameSite=Strict" "and SameSite=Strict"
[ "$(grep -ci '^Set-Cookie:' "$T/h-login" "$T/h-post" | awk -F: '{ n += $2 } END { print n }')" \
    -ge 2 ] && ! grep -i '^Set-Cookie:' "$T/h-login" "$T/h-post" | grep -qv '; Secure'
check $? "every cookie set over https is Secure (the login form's too)"
expect_eq 200 "$(status GET / -b "$T/jar")" "the session opens the dashboard"
curl -s -D "$T/h-404" -o /dev/null "$BASE/no-such-page"
expect_contains "$T/h-404" "Strict-Transport-Security: max-age=" \
	"an error page carries HSTS too"

# plain HTTP to the TLS port: refused at once, and the server goes on
t0=$(date +%s%N)
curl -s -m 10 -o /dev/null "http://127.0.0.1:$PORT/login"
rc=$?
t1=$(date +%s%N)
[ "$rc" -ne 0 ] && [ $(( (t1 - t0) / 1000000 )) -lt 5000 ]
check $? "a plain-HTTP request to the TLS port fails at once (curl $rc)"
for _ in 1 2 3; do
	curl -s -m 10 -o /dev/null "http://127.0.0.1:$PORT/"
done
kill -0 "$SERVER_PID" 2>/dev/null
check $? "the server is still running"
expect_eq 200 "$(status GET /login)" "and the next https request is served"

# TLS versions: 1.2 and 1.3 are served, 1.1 and older are not.  openssl's
# own server shows that this curl can speak TLS 1.1 when asked (at OpenSSL
# security level 0), so the refusal is sanctum's.
expect_eq 200 "$(status GET /login --tlsv1.2 --tls-max 1.2)" "TLS 1.2 is served"
expect_eq 200 "$(status GET /login --tlsv1.3)" "TLS 1.3 is served"
old=(--tls-max 1.1 --ciphers 'DEFAULT:@SECLEVEL=0')
sp=$(free_port)
openssl s_server -accept "127.0.0.1:$sp" -cert "$T/cert.pem" \
	-key "$T/key.pem" -tls1_1 -cipher 'DEFAULT@SECLEVEL=0' -www \
	</dev/null >"$T/s_server.out" 2>&1 &
spid=$!
for _ in $(seq 1 100); do
	(exec 3<>"/dev/tcp/127.0.0.1/$sp") 2>/dev/null && break
	sleep 0.05
done
expect_eq 200 "$(curl -s -o /dev/null -w '%{http_code}' "${old[@]}" \
	"https://127.0.0.1:$sp/")" "curl speaks TLS 1.1 to a server that allows it"
kill "$spid" 2>/dev/null
wait "$spid" 2>/dev/null
curl -s -o /dev/null "${old[@]}" "$BASE/login"
rc=$?
[ "$rc" -ne 0 ]
check $? "a client of TLS 1.1 at most is refused (curl $rc)"
curl -s -o /dev/null --tlsv1.0 --tls-max 1.0 --ciphers 'DEFAULT:@SECLEVEL=0' \
	"$BASE/login"
rc=$?
[ "$rc" -ne 0 ]
check $? "and so is one of TLS 1.0 (curl $rc)"
expect_eq 200 "$(status GET /login)" "the server still serves afterwards"
cp "$T/serve.err" "$T/serve-tls.err"
stop_server

# without TLS: no Secure, no HSTS; --secure-cookies (behind a proxy that
# terminates TLS) marks cookies Secure but leaves HSTS to the proxy
unset CURL_CA_BUNDLE
start_server
check $? "serve starts without TLS"
curl -s -D "$T/h-plain" -o /dev/null "$BASE/login"
expect_contains "$T/h-plain" "Set-Cookie: sanctum_login=" "a cookie is set"
expect_absent "$T/h-plain" "Secure" "without TLS it is not Secure"
expect_absent "$T/h-plain" "Strict-Transport-Security" "and no HSTS is sent"
login "$T/jar-plain" ada "$ADMIN_PW" >/dev/null
grep sanctum_session "$T/jar-plain" | awk '{ print $4 }' >"$T/plain-secure"
expect_eq FALSE "$(cat "$T/plain-secure")" "nor is the session cookie"
stop_server
start_server --secure-cookies
check $? "serve starts with --secure-cookies"
curl -s -D "$T/h-sc" -o /dev/null "$BASE/login"
expect_contains "$T/h-sc" "; Secure" "--secure-cookies marks cookies Secure"
expect_absent "$T/h-sc" "Strict-Transport-Security" \
	"and sends no HSTS over plain HTTP"
stop_server
export CURL_CA_BUNDLE="$T/cert.pem"

# files serve must refuse before it listens.  refused WHAT WANT CERT KEY
# [command prefix...]: serve exits with status 1 at once, saying WANT.
: >"$T/refused-all.err"
refused() {
	local what=$1 want=$2 cert=$3 key=$4 p rc
	shift 4
	p=$(free_port)
	"$@" timeout 20 "$SANCTUM" serve --listen "127.0.0.1:$p" \
		--tls-cert "$cert" --tls-key "$key" >/dev/null 2>"$T/refused.err"
	rc=$?
	cat "$T/refused.err" >>"$T/refused-all.err"
	if [ "$rc" -eq 1 ] && ! grep -q 'listening on' "$T/refused.err" &&
	    ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
		check 0 "$what: serve exits with status 1 before listening"
	else
		sed 's/^/#   /' "$T/refused.err" >&2
		check 1 "$what: serve exits with status 1 before listening" \
			"(status $rc)"
	fi
	expect_contains "$T/refused.err" "$want" "$what: it says so"
}
refused "a missing key" \
	"cannot read --tls-key $T/none.pem (No such file or directory)" \
	"$T/cert.pem" "$T/none.pem"
refused "a missing certificate" \
	"cannot read --tls-cert $T/none.pem (No such file or directory)" \
	"$T/none.pem" "$T/key.pem"
mkdir "$T/folder"
refused "a folder for the key (it opens, reading fails)" \
	"cannot read --tls-key $T/folder (Is a directory)" \
	"$T/cert.pem" "$T/folder"
refused "the other certificate's key" \
	"--tls-key $T/other-key.pem is not the key of the certificate in --tls-cert $T/cert.pem" \
	"$T/cert.pem" "$T/other-key.pem"
refused "the certificate given as the key" \
	"--tls-key $T/cert.pem holds no PEM private key" \
	"$T/cert.pem" "$T/cert.pem"
refused "the key given as the certificate" \
	"--tls-cert $T/key.pem holds no PEM certificate" \
	"$T/key.pem" "$T/key.pem"
# a key cut short: the armour stays, half of its lines go
{ head -n 1 "$T/key.pem"; sed -n 2p "$T/key.pem"; tail -n 1 "$T/key.pem"; } \
	>"$T/cut-key.pem"
refused "a key cut short" "--tls-key $T/cut-key.pem holds no PEM private key" \
	"$T/cert.pem" "$T/cut-key.pem"
openssl pkey -in "$T/key.pem" -aes256 -passout pass:a-passphrase \
	-out "$T/locked-key.pem" 2>>"$T/openssl.err"
refused "a key locked with a passphrase" \
	"--tls-key $T/locked-key.pem holds no PEM private key without a passphrase" \
	"$T/cert.pem" "$T/locked-key.pem"
: >"$T/empty.pem"
refused "an empty key file" "--tls-key $T/empty.pem is empty" \
	"$T/cert.pem" "$T/empty.pem"
# an unreadable key (mode 000): root reads any file, so then serve runs as
# nobody, on a copy of the community nobody may open
U="$T/nobody"
mkdir "$U"
cp "$T/cert.pem" "$T/key.pem" "$U/"
if [ "$(id -u)" -eq 0 ]; then
	sqlite3 "$SANCTUM_DB" ".backup '$U/community.db'"
	cp "$SANCTUM_DB.key" "$U/community.db.key"
	chown -R 65534:65534 "$U"
	chmod 711 "$T"
	as=(setpriv --reuid=65534 --regid=65534 --clear-groups
	    env "SANCTUM_DB=$U/community.db")
else
	as=(env)
fi
chmod 000 "$U/key.pem"
refused "an unreadable key" \
	"cannot read --tls-key $U/key.pem (Permission denied)" \
	"$U/cert.pem" "$U/key.pem" "${as[@]}"
chmod 000 "$U/cert.pem"
chmod 600 "$U/key.pem"
refused "an unreadable certificate" \
	"cannot read --tls-cert $U/cert.pem (Permission denied)" \
	"$U/cert.pem" "$U/key.pem" "${as[@]}"
chmod 700 "$T"

# an expired certificate (made with openssl ca, which takes past dates):
# serve warns and starts; a client that checks it refuses it
mkdir "$T/ca"
: >"$T/ca/index.txt"
echo 01 >"$T/ca/serial"
cat >"$T/ca.cnf" <<EOF
[ca]
default_ca = old
[old]
database = $T/ca/index.txt
new_certs_dir = $T/ca
serial = $T/ca/serial
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[any]
commonName = supplied
EOF
openssl req -new -key "$T/key.pem" -subj /CN=127.0.0.1 \
	-addext subjectAltName=IP:127.0.0.1 -out "$T/expired.csr" \
	2>>"$T/openssl.err" &&
	openssl ca -batch -config "$T/ca.cnf" -selfsign -keyfile "$T/key.pem" \
	-in "$T/expired.csr" -out "$T/expired.pem" -notext \
	-startdate 20200101000000Z -enddate 20200102000000Z \
	>>"$T/openssl.err" 2>&1
check $? "openssl makes a certificate that expired in 2020"
# serve_with_cert CERT: serve with CERT and the test's key, its log in
# $T/serve.err, until it says it listens (or gives up)
serve_with_cert() {
	PORT=$(free_port)
	"$SANCTUM" serve --listen "127.0.0.1:$PORT" --tls-cert "$1" \
		--tls-key "$T/key.pem" >/dev/null 2>"$T/serve.err" &
	SERVER_PID=$!
	for _ in $(seq 1 100); do
		grep -q 'listening on' "$T/serve.err" && break
		sleep 0.05
	done
}
serve_with_cert "$T/expired.pem"
expect_contains "$T/serve.err" \
	"the certificate in --tls-cert $T/expired.pem expired on 2020-01-02 00:00 UTC" \
	"serve warns that the certificate expired"
expect_contains "$T/serve.err" "listening on https://" "and serves"
curl -s -o /dev/null --cacert "$T/expired.pem" \
	"https://127.0.0.1:$PORT/login" 2>"$T/curl-expired.err"
expect_eq 60 "$?" "a client that checks the certificate refuses it"
expect_eq 200 "$(curl -s -k -o /dev/null -w '%{http_code}' \
	"https://127.0.0.1:$PORT/login")" "(one that does not check is served)"
cp "$T/serve.err" "$T/serve-expired.err"
stop_server

# one not valid yet (a clock set wrong at boot): a warning too
openssl ca -batch -config "$T/ca.cnf" -selfsign -keyfile "$T/key.pem" \
	-in "$T/expired.csr" -out "$T/future.pem" -notext \
	-startdate 20991231000000Z -enddate 21000101000000Z \
	>>"$T/openssl.err" 2>&1
check $? "openssl makes a certificate valid only from 2099"
serve_with_cert "$T/future.pem"
expect_contains "$T/serve.err" \
	"the certificate in --tls-cert $T/future.pem is valid only from 2099-12-31 00:00 UTC" \
	"serve warns that the certificate is not valid yet"
cat "$T/serve.err" >>"$T/serve-expired.err"
stop_server

if grep -qF -f "$T/key-lines" "$T/serve-tls.err" "$T/serve-expired.err" \
    "$T/refused-all.err"; then
	check 1 "no line of a key appears in what serve wrote"
else
	check 0 "no line of a key appears in what serve wrote"
fi
finish
