# shellcheck shell=bash disable=SC2154,SC2034
# (here is the caller's; what this sets is for the caller)
#
# bench/http/common.sh: what bench/http/run and bench/http/soak share,
# sourced by both after they set `here` (their own folder): the settings
# from the environment, a temporary folder removed on exit with every
# server and helper still running, free loopback ports, sanctum's demo
# started and logged in as its admin (the first password changed), nginx
# serving a static file of a given size, and wrk's units read back.
#
# Environment (both scripts):
#   BENCH_CONNECTIONS      wrk connections (default 64)
#   BENCH_WRK_THREADS      wrk threads (default 2)
#   SANCTUM_BENCH_THREADS  sanctum's --threads (default 2, the cores here)
#   SANCTUM_BENCH_FLAGS    more serve options, e.g. --no-sandbox to measure
#                          the sandbox's cost
#   NGINX_WORKERS          nginx worker_processes (default: the cores)
#   SANCTUM                the sanctum to measure (default ./sanctum, built
#                          first; build/asan/sanctum, after `make asan`, to
#                          run under the sanitizers)
#   BENCH_KEEP             1: keep the temporary folder (the servers' logs,
#                          wrk's figures) and say where it is
# Traffic goes to 127.0.0.1 only.  Needs wrk, nginx (nginx-light), curl.

repo=$(cd "$here/../.." && pwd)
sanctum_bin=${SANCTUM:-$repo/sanctum}
me=bench/http/${0##*/}
conns=${BENCH_CONNECTIONS:-64}
wrk_threads=${BENCH_WRK_THREADS:-2}
threads=${SANCTUM_BENCH_THREADS:-2}
cores=$(nproc 2>/dev/null || echo 2)
workers=${NGINX_WORKERS:-$cores}
wrk=${WRK:-wrk}
nginx=${NGINX:-nginx}
[ -x /usr/sbin/nginx ] && [ "$nginx" = nginx ] && nginx=/usr/sbin/nginx

die() {
	echo "$me: $*" >&2
	exit 1
}

# Is each argument a positive whole number?  Dies naming the first that
# is not.
whole() {
	local v
	for v in "$@"; do
		case $v in
		'' | *[!0-9]* | 0) die "not a positive whole number: '$v'" ;;
		esac
	done
}

whole "$conns" "$wrk_threads" "$threads" "$workers"
command -v "$wrk" >/dev/null || die "wrk is not installed (apt-get install wrk)"
command -v "$nginx" >/dev/null ||
	die "nginx is not installed (apt-get install nginx-light)"
command -v curl >/dev/null || die "curl is not installed"

tmp=$(mktemp -d /tmp/sanctum-bench-http.XXXXXX)
sanctum_pid=
nginx_pid=
# more processes of the caller's to stop on exit (a sampler, say)
extra_pids=

# Stop a process we started: TERM, then KILL if it lingers.
stop() {
	local pid=$1 i
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	for i in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

cleanup() {
	local pid
	for pid in $extra_pids; do
		stop "$pid"
	done
	stop "$sanctum_pid"
	stop "$nginx_pid"
	if [ "${BENCH_KEEP:-}" = 1 ]; then
		echo "$me: kept $tmp" >&2
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A loopback port that nothing listens on now.
free_port() {
	local p i
	for i in $(seq 100); do
		p=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	die "no free loopback port found"
}

# Wait until URL answers, while process PID lives.  The LOGs that exist are
# shown on failure.
wait_up() {
	local url=$1 pid=$2 i
	shift 2
	for i in $(seq 100); do
		if curl -fs -o /dev/null --max-time 1 "$url"; then
			return 0
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	for i in "$@"; do
		[ ! -s "$i" ] || cat "$i" >&2
	done
	if kill -0 "$pid" 2>/dev/null; then
		die "$url did not answer within 10 s"
	fi
	die "the server behind $url exited"
}

# Build the make TARGETS, start sanctum's demo in $tmp/demo with $threads
# threads on a free port, log in as its admin and change the first
# password.  Sets sanctum_pid, sport, sbase, jar (the cookie file) and
# cookie (the session's header line); the log is $tmp/sanctum.err.
sanctum_start() {
	local password csrf code newpw session
	make -C "$repo" "$@" >"$tmp/build.log" 2>&1 || {
		cat "$tmp/build.log" >&2
		die "make $* failed"
	}
	sport=$(free_port)
	sbase=http://127.0.0.1:$sport
	# shellcheck disable=SC2086
	"$sanctum_bin" demo --dir "$tmp/demo" --listen "127.0.0.1:$sport" \
		--threads "$threads" ${SANCTUM_BENCH_FLAGS:-} \
		>"$tmp/sanctum.out" 2>"$tmp/sanctum.err" \
		</dev/null &
	sanctum_pid=$!
	wait_up "$sbase/healthz" "$sanctum_pid" "$tmp/sanctum.err"
	password=$(sed -n 's/.*log in as demo-admin with password \([A-Za-z0-9-]*\).*/\1/p' \
		"$tmp/sanctum.out" | head -n 1)
	[ -n "$password" ] || {
		cat "$tmp/sanctum.out" >&2
		die "the demo printed no password"
	}
	jar=$tmp/cookies
	csrf=$(csrf_of /login)
	[ -n "$csrf" ] || die "GET /login gave no csrf field"
	code=$(post /login --data-urlencode name=demo-admin \
		--data-urlencode "password=$password" \
		--data-urlencode "csrf=$csrf")
	[ "$code" = 303 ] || die "POST /login answered $code, not 303"
	csrf=$(csrf_of /account/password)
	[ -n "$csrf" ] || die "GET /account/password gave no csrf field"
	newpw=bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
	code=$(post /account/password --data-urlencode "csrf=$csrf" \
		--data-urlencode "current=$password" \
		--data-urlencode "new=$newpw" --data-urlencode "confirm=$newpw")
	[ "$code" = 303 ] ||
		die "POST /account/password answered $code, not 303"
	session=$(awk '$6 == "sanctum_session" { v = $7 } END { print v }' \
		"$jar")
	[ -n "$session" ] ||
		die "no sanctum_session cookie after the password change"
	cookie="Cookie: sanctum_session=$session"
}

# The first csrf hidden field of sanctum's page at PATH (fetched with the
# jar).
csrf_of() {
	curl -fsS -c "$jar" -b "$jar" "$sbase$1" |
		grep -o 'name="csrf" value="[^"]*"' | head -n 1 |
		sed 's/.*value="//; s/"$//'
}

# POST the form to sanctum's PATH with the jar; prints the status code.
post() {
	local path=$1
	shift
	curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" "$@" \
		"$sbase$path"
}

# Start nginx with $workers workers on a free port, serving NAME: a file
# of SIZE bytes, from a config of our own.  Sets nginx_pid, nport, nbase.
nginx_start() {
	local name=$1 size=$2 www=$tmp/www nsize
	mkdir -p "$www" "$tmp/nginx"
	head -c "$size" /dev/zero | tr '\0' x >"$www/$name"
	[ "$(wc -c <"$www/$name")" -eq "$size" ] ||
		die "cannot write the static file"
	# nginx's workers run as nobody when we are root: let them reach www
	# only.
	chmod 711 "$tmp"
	chmod 755 "$www"
	chmod 644 "$www/$name"
	nport=$(free_port)
	while [ "$nport" = "${sport:-}" ]; do nport=$(free_port); done
	cat >"$tmp/nginx.conf" <<EOF
# $me: nginx as the ceiling, Debian's defaults where they matter.
worker_processes $workers;
daemon off;
pid $tmp/nginx/nginx.pid;
lock_file $tmp/nginx/nginx.lock;
error_log $tmp/nginx/error.log warn;
events {
	worker_connections 1024;
}
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	types { text/html html; }
	default_type text/html;
	# keep wrk's connections open for the whole run, as sanctum does
	keepalive_requests 1000000;
	keepalive_timeout 65;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	server {
		listen 127.0.0.1:$nport;
		root $www;
		location / { }
	}
}
EOF
	"$nginx" -e "$tmp/nginx/error.log" -c "$tmp/nginx.conf" -p "$tmp/" \
		>"$tmp/nginx.out" 2>&1 </dev/null &
	nginx_pid=$!
	nbase=http://127.0.0.1:$nport
	wait_up "$nbase/$name" "$nginx_pid" "$tmp/nginx.out" \
		"$tmp/nginx/error.log"
	nsize=$(curl -fsS "$nbase/$name" | wc -c)
	[ "$nsize" -eq "$size" ] || die "nginx serves $nsize bytes, not $size"
}

# Milliseconds from a wrk time: 850.00us, 8.21ms, 1.02s, 1.50m.
to_ms() {
	awk -v t="$1" 'BEGIN {
		n = t + 0; u = t; sub(/^[0-9.]+/, "", u)
		if (u == "us") n /= 1000
		else if (u == "s") n *= 1000
		else if (u == "m") n *= 60000
		else if (u == "h") n *= 3600000
		else if (u != "ms") { print "?"; exit }
		printf "%.2f\n", n
	}'
}

# Bytes from a wrk size: 353.77MB (wrk's units are powers of 1024).
to_bytes() {
	awk -v t="$1" 'BEGIN {
		n = t + 0; u = t; sub(/^[0-9.]+/, "", u)
		if (u == "KB") n *= 1024
		else if (u == "MB") n *= 1048576
		else if (u == "GB") n *= 1073741824
		else if (u == "TB") n *= 1099511627776
		printf "%.0f\n", n
	}'
}
