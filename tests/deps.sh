#!/usr/bin/env bash
# tests/deps.sh: is the install step complete?  Every tool the build and the
# tests run, every library the build links and every runtime the sanitizers
# and libFuzzer need must come from a Debian package that tools/setup
# installs (or from one a minimal Debian 12 always has), and the browser
# test's npm packages must run on the Node.js that Debian 12 ships.
#
# A machine that has more than a stock Debian 12 (a newer Node.js, clang's
# recommended packages) passes the suite even when tools/setup forgets a
# package; this check fails instead, naming the tool and its package.
# Prints TAP.
set -u
cd "$(dirname "$0")/.."

N=0
FAILED=0
ok() { N=$((N + 1)); echo "ok $N - $*"; }
notok() { N=$((N + 1)); FAILED=$((FAILED + 1)); echo "not ok $N - $*"; }

if ! command -v dpkg-query >/dev/null 2>&1 ||
    ! command -v apt-cache >/dev/null 2>&1; then
	echo "ok 1 - # SKIP not a Debian system"
	echo "1..1"
	exit 0
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# closure PACKAGES...: the packages and everything they depend on
# (Depends and Pre-Depends, every alternative), one a line.
closure() {
	apt-cache depends --recurse --important --no-recommends \
	    --no-suggests --no-conflicts --no-breaks --no-replaces \
	    --no-enhances "$@" 2>/dev/null | grep -v '^ ' | tr -d '<>' |
		sed 's/:any$//' | sort -u
}

# What tools/setup installs, and what a minimal Debian 12 always has: the
# Essential and Priority: required packages (debootstrap's minbase).
tools/setup --list test | tr ' ' '\n' | grep . | sort -u >"$TMP/listed"
dpkg-query -W -f='${Package} ${Essential} ${Priority}\n' |
	awk '$2 == "yes" || $3 == "required" { print $1 }' >"$TMP/base"
# shellcheck disable=SC2046
closure $(cat "$TMP/listed" "$TMP/base") >"$TMP/allowed"

# want FILE WHAT: note that FILE (what WHAT names) must belong to an
# allowed package; judge_all looks them all up at once.
: >"$TMP/wanted"
want() {
	printf '%s\t%s\n' "$1" "$2" >>"$TMP/wanted"
}

# judge_all: find the package owning each wanted file (following
# symlinks, and through the /usr-merge aliases /bin and /lib) in one pass
# over dpkg's file lists, and report each.
judge_all() {
	local file what f p pkg
	while IFS=$'\t' read -r file what; do
		for f in "$file" "$(readlink -f "$file")"; do
			for p in "$f" "${f#/usr}" "/usr$f"; do
				echo "$p"
			done
		done
	done <"$TMP/wanted" | sort -u >"$TMP/paths"
	grep -xFf "$TMP/paths" /var/lib/dpkg/info/*.list 2>/dev/null |
		sed 's|^/var/lib/dpkg/info/\([^:]*\)\(:[a-z0-9]*\)\{0,1\}\.list:|\1\t|' \
		>"$TMP/owners"
	while IFS=$'\t' read -r file what; do
		pkg=
		for f in "$file" "$(readlink -f "$file")"; do
			for p in "$f" "${f#/usr}" "/usr$f"; do
				[ -n "$pkg" ] && break
				pkg=$(awk -F'\t' -v p="$p" '$2 == p { print $1; exit }' \
				    "$TMP/owners")
			done
		done
		if [ -z "$pkg" ]; then
			notok "$what: $file belongs to no Debian package" \
			    "(installed from elsewhere; tools/setup cannot" \
			    "rely on it)"
		elif grep -qx "$pkg" "$TMP/allowed"; then
			ok "$what comes from $pkg"
		else
			notok "$what comes from $pkg, which tools/setup does" \
			    "not install"
		fi
	done <"$TMP/wanted"
}

# 1. Every package in the lists is installed.
# (Node.js and npm may come from elsewhere, as tools/setup allows; the
# version check below keeps the browser test on Debian's.)
missing=$(while read -r p; do
	case $p in nodejs|npm) command -v "${p%js}" >/dev/null && continue ;;
	esac
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q "install ok installed" || echo "$p"
done <"$TMP/listed")
if [ -z "$missing" ]; then
	ok "every package tools/setup --test names is installed"
else
	notok "not installed: $(echo $missing)"
fi

# 2. The tools the build and the tests run.  Each script's commands are
# the first word of each command (after a pipe, ;, &&, ||, $( or a
# keyword, and after env, exec, timeout and the like); those that are
# programs on the PATH, not shell builtins, are looked up.
commands_of() {
	sed -e 's/^[[:space:]]*#.*//' -e 's/[[:space:]]#[^"'\'']*$//' "$@" |
	sed -e 's/\$(/\n/g; s/`/\n/g; s/||/\n/g; s/&&/\n/g; s/|/\n/g' \
	    -e 's/;/\n/g; s/(/\n/g; s/{/\n/g' |
	awk '
	{
		i = 1
		while (i <= NF && ($i ~ /^(then|do|else|elif|if|while|until|!|time|exec|command|env|nice|setsid|xargs|sudo)$/ || $i ~ /^[A-Za-z_][A-Za-z0-9_]*=/ || ($i ~ /^-/ && prev ~ /^(env|timeout|nice|xargs)$/) || ($i ~ /^[0-9.]+[smh]?$/ && prev == "timeout") || $i == "timeout")) {
			prev = $i; i++
		}
		prev = ""
		if (i <= NF && $i ~ /^[a-z][a-z0-9._+-]*$/)
			print $i
	}' | sort -u
}
SCRIPTS="tests/run tests/deps.sh tests/e2e/lib.bash tests/e2e/*.sh
tests/browser/run fuzz/smoke tools/setup .ci/run"
# shellcheck disable=SC2086
commands_of $SCRIPTS >"$TMP/words"
# recipes of the Makefiles, with make's own variables left out
grep -h '^	' Makefile fuzz/Makefile | sed 's/\$([A-Z_]*)//g; s/^[@-]*//' |
	commands_of /dev/stdin >>"$TMP/words"
# and the programs the scripts name through a variable or a path
printf '%s\n' cc gcc clang make pkg-config node npm chromium curl nginx \
    sqlite3 convert >>"$TMP/words"
for w in $(sort -u "$TMP/words"); do
	case "$(type -t "$w")" in
	builtin|keyword|alias) continue ;;
	esac
	path=$(type -P "$w") && want "$path" "the command $w"
done

# 3. The libraries: each pkg-config module's .pc file, and -lcsv.
# (the whole assignment, continuation lines included)
mods=$(sed -n '/^PKGS = /,/[^\\]$/p' Makefile fuzz/Makefile |
    sed 's/^PKGS = //' | tr -d '\\' | tr ' ' '\n' | grep . | sort -u)
for m in $mods; do
	pc=$(pkg-config --path "$m" 2>/dev/null)
	if [ -z "$pc" ]; then
		notok "pkg-config knows no module $m"
	else
		want "$pc" "the library $m"
	fi
done
want "$(gcc -print-file-name=libcsv.so)" "the library csv"

# 4. The runtimes the sanitizer builds and the fuzz targets link.
for f in libasan.so libubsan.so; do
	want "$(gcc -print-file-name=$f)" "gcc's $f"
done
rt="$(clang -print-resource-dir 2>/dev/null)/lib/linux"
for f in libclang_rt.fuzzer-x86_64.a libclang_rt.asan-x86_64.a \
    libclang_rt.ubsan_standalone-x86_64.a; do
	if [ -e "$rt/$f" ]; then
		want "$rt/$f" "clang's $f"
	else
		notok "clang's $f is missing (libclang-rt-14-dev)"
	fi
done
want /usr/share/tesseract-ocr/5/tessdata/eng.traineddata \
    "Tesseract's English data"
judge_all

# 5. The browser test's npm packages run on the Node.js Debian 12 ships,
# whatever Node.js this machine has.
need=$(grep -o '"node": *">= *[0-9]*' tests/browser/package-lock.json |
	grep -o '[0-9]*$' | sort -n | tail -n 1)
debian=$(apt-cache madison nodejs 2>/dev/null | grep -i 'debian' |
	awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | sed 's/[.+~-].*//' |
	sort -n | head -n 1)
if [ -z "$debian" ]; then
	ok "# SKIP no Debian archive offers nodejs here"
elif [ -z "$need" ] || [ "$need" -le "$debian" ]; then
	ok "the browser test's packages accept Debian's Node.js $debian" \
	    "(they need >= ${need:-any})"
else
	notok "the browser test's packages need Node.js >= $need, and" \
	    "Debian 12 ships $debian (tests/browser/package-lock.json)"
fi
if cmp -s tests/browser/package-lock.json \
    tests/browser/node_modules/.package-lock.json 2>/dev/null ||
    (cd tests/browser && npm ls --all >/dev/null 2>&1); then
	ok "the browser test's npm packages are those of its lockfile"
else
	notok "tests/browser/node_modules differs from its lockfile" \
	    "(tools/setup --test runs npm ci)"
fi

echo "1..$N"
[ "$FAILED" -eq 0 ]
