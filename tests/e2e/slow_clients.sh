#!/usr/bin/env bash
# Clients that hold connections open without finishing their requests.
# A thousand half requests from four loopback addresses, and twenty more
# that send a header byte every half second, must not stop a normal client
# from getting its pages within a second; each address is held to its
# limit; the request deadline closes the half requests and the drip alike;
# afterwards the same addresses, a kept-alive connection and a slow but
# steady upload are served.  Also: the total limit follows the open-file
# limit, and the log stays short and names no address.
. "$(dirname "$0")/lib.bash"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HOLDCONN=$ROOT/build/tools/holdconn
make -s -C "$ROOT" build/tools/holdconn >"$E2E_TMP/make.out" 2>&1
check $? "the load tool builds"
TIMEOUT=3

new_community
start_server --request-timeout "$TIMEOUT" --max-per-address 250
check $? "serve starts with a $TIMEOUT s request timeout, 250 connections an address"

# 4 x 260 half requests (10 over the limit at each address) and 20 that
# drip; the normal client alternates /healthz and /login every 100 ms
"$HOLDCONN" --port "$PORT" --from 127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5 \
	--per 260 --drip 20 --drip-from 127.0.0.6 --every 0.5 \
	--probe /healthz --probe /login --interval 100 --seconds 6 \
	>"$E2E_TMP/hold" 2>&1
check $? "the load tool ran"
sed 's/^/# /' "$E2E_TMP/hold"

# value KIND MATCH KEY: the value of KEY= on the holdconn line that starts
# with KIND and contains MATCH
value() {
	awk -v kind="$1" -v match_="$2" -v key="$3" '
		$1 == kind && index($0, match_) {
			for (i = 2; i <= NF; i++)
				if (index($i, key "=") == 1) {
					print substr($i, length(key) + 2); exit
				}
		}' "$E2E_TMP/hold"
}
# below A B: is the number A less than B?
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 < b + 0) }'; }

for a in 2 3 4 5; do
	got="$(value source "addr=127.0.0.$a " opened) $(value source "addr=127.0.0.$a " refused)"
	got="$got $(value source "addr=127.0.0.$a " closed) $(value source "addr=127.0.0.$a " open)"
	expect_eq "260 10 250 0" "$got" \
		"127.0.0.$a: 250 held, the 10 beyond the limit refused at once, the rest closed by the deadline"
done
got="$(value drip addr= refused) $(value drip addr= closed) $(value drip addr= open)"
expect_eq "0 20 0" "$got" "the slow drip is closed too, despite its activity"
below 0 "$(value drip addr= bytes)"
check $? "the drip did send bytes while it was held"
min=$(value close_after_s n= min)
max=$(value close_after_s n= max)
below "$((TIMEOUT - 1)).5" "$min" && below "$max" "$((TIMEOUT + 1)).5"
check $? "they were closed at the deadline, ${TIMEOUT} s after opening (${min}-${max} s)"

for p in /healthz /login; do
	n=$(value probe "path=$p phase=held" n)
	failed=$(value probe "path=$p phase=held" failed)
	worst=$(value probe "path=$p phase=held" max_ms)
	below 4 "$n" && [ "$failed" = 0 ] && below "$worst" 1000
	check $? "$p answers within 1 s while 1020 connections are held ($n tries, slowest $worst ms)"
	failed=$(value probe "path=$p phase=all" failed)
	worst=$(value probe "path=$p phase=all" max_ms)
	[ "$failed" = 0 ] && below "$worst" 1000
	check $? "$p answers within 1 s throughout (slowest $worst ms)"
done

# the same addresses are welcome again
for a in 2 3 4 5 6; do
	expect_eq 200 "$(curl -s -o /dev/null -w '%{http_code}' --interface "127.0.0.$a" \
		--max-time 5 "$BASE/healthz")" "127.0.0.$a is served again afterwards"
done

# a kept-alive connection serves a second request ...
expect_eq "200 1 200 0" "$(curl -s -o /dev/null -o /dev/null --max-time 5 \
	-w '%{http_code} %{num_connects} ' "$BASE/healthz" "$BASE/login" | sed 's/ $//')" \
	"a kept-alive connection serves two requests on one connection"
# ... and, left idle, is closed after the request timeout
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' >&3
t0=$(date +%s%N)
timeout 10 cat <&3 >"$E2E_TMP/idle"
rc=$?
t1=$(date +%s%N)
exec 3<&-
ms=$(((t1 - t0) / 1000000))
expect_contains "$E2E_TMP/idle" "HTTP/1.1 200 OK" "the idle connection got its answer"
[ "$rc" = 0 ] && [ "$ms" -ge $((TIMEOUT * 1000 - 500)) ] && [ "$ms" -le $((TIMEOUT * 1000 + 1500)) ]
check $? "then the server closed it after the request timeout (${ms} ms)"

# a slow but steady upload outlasts the request timeout and is answered
{
	printf 'name=ada&password=not+this+one&note='
	head -c 204800 /dev/zero | tr '\0' a
} >"$E2E_TMP/upload"
t0=$(date +%s%N)
code=$(curl -s -o /dev/null -w '%{http_code}' --limit-rate 50k --max-time 20 \
	-H 'Content-Type: application/x-www-form-urlencoded' \
	--data-binary "@$E2E_TMP/upload" "$BASE/login")
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
expect_eq 403 "$code" "a 200 KB form sent at 50 KB/s is answered (403: it has no CSRF token)"
[ "$ms" -gt $((TIMEOUT * 1000)) ]
check $? "and took longer than the request timeout (${ms} ms)"

stop_server
expect_contains "$E2E_TMP/serve.err" "that did not send their request in time" \
	"the log counts the connections closed for being slow"
expect_contains "$E2E_TMP/serve.err" "over the per-address limit" \
	"and those refused by the per-address limit"
for a in 2 3 4 5 6; do
	expect_absent "$E2E_TMP/serve.err" "127.0.0.$a" "the log never names 127.0.0.$a"
done
lines=$(wc -l <"$E2E_TMP/serve.err")
below "$lines" 60
check $? "the log stays short under the load ($lines lines)"

# the total follows the open-file limit: what fits is taken, what cannot
# fit is refused with the reason
p=$(free_port)
(ulimit -n 512 && exec "$SANCTUM" serve --listen "127.0.0.1:$p") \
	>/dev/null 2>"$E2E_TMP/small.err" &
small=$!
for _ in $(seq 1 100); do
	grep -q "listening" "$E2E_TMP/small.err" 2>/dev/null && break
	kill -0 "$small" 2>/dev/null || break
	sleep 0.05
done
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$p/healthz")
expect_eq 200 "$code" "with 512 open files allowed, the server starts"
[ "$code" = 200 ] || sed 's/^/#   /' "$E2E_TMP/small.err" >&2
kill "$small" 2>/dev/null
wait "$small" 2>/dev/null
expect_contains "$E2E_TMP/small.err" "up to 416 connections, 64 from one address" \
	"and holds what they leave after the reserve, 64 from one address by default"
(ulimit -n 2048 && exec "$SANCTUM" serve --listen "127.0.0.1:$p" --max-connections 5000) \
	>/dev/null 2>"$E2E_TMP/big.err"
expect_eq 1 "$?" "--max-connections beyond the open-file limit is refused"
expect_contains "$E2E_TMP/big.err" "5000 connections need 5096 open files, and this process may open 2048" \
	"with a message that says why"

finish
