#!/usr/bin/env bash
# Scanning at scale (docs/scale-out.md): the exported index, used by a batch
# engine that runs `sanctum scan --index` once per shard.  A community of
# generated posts is exported; 24 shards are written, plain text and web
# crawl shards (WARC/WET, as Common Crawl publishes them: one gzip member
# per record, plain WARC too), a few with excerpts of posts planted in
# them; GNU parallel scans them two at a time.  Its union of findings must
# equal one sequential scan of the same shards, and name every planted
# excerpt with its post and page, and nothing else.
. "$(dirname "$0")/lib.bash"
export LC_ALL=C
IDX="$E2E_TMP/community.idx"
SH="$E2E_TMP/shards"
mkdir -p "$SH" "$E2E_TMP/posts" "$E2E_TMP/home"

new_community
"$SANCTUM" group create "Evening check-in" >/dev/null 2>&1
printf 'a member password here\n' | "$SANCTUM" user add sam --role member >/dev/null 2>&1
printf 'another member password\n' | "$SANCTUM" user add kit --role member >/dev/null 2>&1

# gen SEED N KIND: N sentences of generated, plainly fictional text.  KIND
# "post" writes a member's day; "other" the unrelated text of the web
# (trains, markets, weather), from words no post uses.
gen() {
	awk -v seed="$1" -v n="$2" -v kind="$3" 'BEGIN {
		srand(seed)
		if (kind == "post") {
			s = 6
			w[1] = "Today|This morning|Last week|On Sunday|Lately|Tonight|Yesterday|After work|Before dawn|During lunch|At the weekend|Once again"
			w[2] = "I noticed|I remembered|I carried|I painted|I mended|I planted|I counted|I wrote down|I folded|I watered|I tidied|I photographed"
			w[3] = "the blue teapot|three paper cranes|my old bicycle|a jar of buttons|the kitchen radio|a borrowed umbrella|the spare key|a pile of letters|the window box|my sister'"'"'s scarf|the cracked mirror|a tin of pencils"
			w[4] = "by the harbour|in the hallway|on the balcony|near the library|under the stairs|at the bus stop|beside the canal|in the allotment|on the night train|behind the bakery|up in the attic|across the square"
			w[5] = "for an hour|twice over|without hurrying|very slowly|in the rain|before supper|after the call|at midnight|with both hands|for no reason|while humming|in my slippers"
			w[6] = "and it felt lighter than I expected.|and my chest loosened a little.|and I let myself rest afterwards.|and nobody asked me to explain.|and the quiet stayed kind.|and I breathed properly again.|and it was enough for one day.|and I did not apologise for it.|and the worry shrank a size.|and I smiled at nothing in particular.|and the evening felt wide open.|and I wanted to tell you all."
		} else {
			s = 6
			w[1] = "The|A|Another|Every|One|That"
			w[2] = "copper|northbound|crowded|narrow|painted|distant|electric|wooden|rusty|early"
			w[3] = "tram|freight wagon|market stall|weather vane|ferry|signal box|fish van|lighthouse|clock tower|grain silo"
			w[4] = "rattled past|leaned towards|waited beside|glinted over|hummed along|circled round|rolled under|creaked behind|shone across|stood near"
			w[5] = "the viaduct|the cattle yard|the tide mill|the cobbled quay|the orchard wall|the toll bridge|the salt flats|the rail depot|the fish market|the old foundry"
			w[6] = "while rain drifted east.|as the forecast promised.|before the noon bell.|under a grey sky.|as traders shouted prices.|while gulls argued.|at a steady pace.|before the fog lifted.|as the timetable said.|while lamps came on."
		}
		for (k = 1; k <= s; k++)
			m[k] = split(w[k], p, "|")
		for (i = 0; i < n; i++) {
			line = ""
			for (k = 1; k <= s; k++) {
				split(w[k], p, "|")
				line = line (k > 1 ? " " : "") p[int(rand() * m[k]) + 1]
			}
			printf "%s%s", line, (i % 4 == 3 ? "\n" : " ")
		}
		printf "\n"
	}'
}

# twelve posts, six sentences each, by two members
ids=()
for k in $(seq 1 12); do
	gen $((100 + k)) 6 post >"$E2E_TMP/posts/$k.txt"
	author=sam; [ $((k % 2)) = 0 ] && author=kit
	id=$("$SANCTUM" post add --group "Evening check-in" --author "$author" \
		<"$E2E_TMP/posts/$k.txt" 2>/dev/null | awk '{print $2}')
	ids[k]=$id
done
[ -n "${ids[12]:-}" ]
check $? "twelve posts are written"
"$SANCTUM" index export "$IDX" >/dev/null 2>&1
check $? "the index is exported"

# excerpt K: sentences 2 to 4 of post K (a leaked passage of some 45 words)
excerpt() {
	tr '\n' ' ' <"$E2E_TMP/posts/$1.txt" | awk -F'[.] ' '{ print $2 ". " $3 ". " $4 "." }'
}

# warc_record TYPE URI ID BODY-FILE: one WARC/1.0 record on stdout
warc_record() {
	printf 'WARC/1.0\r\nWARC-Type: %s\r\n' "$1"
	[ -z "$2" ] || printf 'WARC-Target-URI: %s\r\n' "$2"
	printf 'WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:%s>\r\n' "$3"
	printf 'Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n' "$(wc -c <"$4")"
	cat "$4"
	printf '\r\n\r\n'
}

# uuid SHARD RECORD: a record id of its own
uuid() {
	printf '00000000-0000-4000-8000-%012d' $((10#$1 * 100 + $2))
}

# The plan: what each shard holds.  A planted excerpt is "RECORD:POST" (for
# a text shard, RECORD is 0).  Shards 01-10 are text, 11-22 WET (gzip, a
# member per record), 23-24 plain WARC; each WET or WARC shard holds a
# warcinfo record and 8 pages.
declare -A plant=( [03]="0:2" [07]="0:9" [12]="3:5" [15]="1:11 6:1" [19]="8:7"
	[23]="2:12" )
: >"$E2E_TMP/want.tsv"
for s in $(seq -w 1 24); do
	if [ "$s" -le 10 ]; then
		{ gen "$((1000 + 10#$s))" 40 other
		  for p in ${plant[$s]:-}; do
			echo "Someone reposted this without asking: $(excerpt "${p#*:}")"
			printf 'shard-%s.txt\t\t%s\n' "$s" "${ids[${p#*:}]}" >>"$E2E_TMP/want.tsv"
		  done
		  gen "$((2000 + 10#$s))" 30 other; } >"$SH/shard-$s.txt"
		continue
	fi
	name="shard-$s.warc.wet.gz"; [ "$s" -ge 23 ] && name="shard-$s.warc"
	out="$SH/$name"; : >"$out"
	printf 'isPartOf: TEST-CRAWL-2024\r\nformat: WET\r\n' >"$E2E_TMP/body"
	warc_record warcinfo "" "$(uuid "$s" 0)" "$E2E_TMP/body" |
		{ if [ "$s" -ge 23 ]; then cat; else gzip -n -c; fi; } >>"$out"
	for r in $(seq 1 8); do
		uri="https://forum-$s.example/thread/$r"
		{ gen "$((3000 + 10#$s * 10 + r))" 12 other
		  for p in ${plant[$s]:-}; do
			[ "${p%%:*}" = "$r" ] || continue
			echo "Quoted from a private group: $(excerpt "${p#*:}")"
			printf '%s\t%s\t%s\n' "$name" "$uri" "${ids[${p#*:}]}" >>"$E2E_TMP/want.tsv"
		  done
		  gen "$((4000 + 10#$s * 10 + r))" 8 other; } >"$E2E_TMP/body"
		warc_record conversion "$uri" "$(uuid "$s" "$r")" "$E2E_TMP/body" |
			{ if [ "$s" -ge 23 ]; then cat; else gzip -n -c; fi; } >>"$out"
	done
done
expect_eq 24 "$(ls "$SH" | wc -l)" "24 shards are written"
expect_eq 7 "$(wc -l <"$E2E_TMP/want.tsv")" "with 7 excerpts planted in 6 of them"
gzip -t "$SH"/*.gz
check $? "the WET shards are valid gzip"

# findings TSV-FILE < JSON lines: shard, page (empty for text) and post of
# every match, and the shards with an error, sorted
findings() {
	jq -r '.source as $s | (.matches[] | [($s | split("/") | last),
	    (.uri // ""), (.post | tostring)] | @tsv), (select(.error) |
	    "error\t" + $s)' | sort
}

# one sequential scan of every shard, one worker
"$SANCTUM" scan --index "$IDX" --json --jobs 1 "$SH"/* >"$E2E_TMP/seq.jsonl" \
	2>"$E2E_TMP/seq.err"
expect_eq 3 "$?" "a sequential scan finds leaks (exit 3)"
expect_eq 24 "$(wc -l <"$E2E_TMP/seq.jsonl")" "one JSON line per shard"
expect_eq "" "$(cat "$E2E_TMP/seq.err")" "and no errors"

# GNU parallel, two at a time: one process per shard.  Its exit status is
# the number of jobs that did not exit 0: here, the shards with a leak.
HOME="$E2E_TMP/home" parallel --will-cite -j2 "$SANCTUM" scan --index "$IDX" \
	--json --jobs 1 {} ::: "$SH"/* >"$E2E_TMP/par.jsonl" 2>"$E2E_TMP/par.err"
expect_eq 6 "$?" "parallel -j2: six jobs exit 3, one per shard with a leak"
expect_eq "" "$(cat "$E2E_TMP/par.err")" "and none complains"
expect_eq "$(sort "$E2E_TMP/seq.jsonl")" "$(sort "$E2E_TMP/par.jsonl")" \
	"the union of its findings is the sequential scan's, line for line"

findings <"$E2E_TMP/par.jsonl" >"$E2E_TMP/got.tsv"
sort "$E2E_TMP/want.tsv" >"$E2E_TMP/want.sorted"
if diff "$E2E_TMP/want.sorted" "$E2E_TMP/got.tsv" >"$E2E_TMP/diff" 2>&1; then
	check 0 "each planted excerpt is found, with its post and page, and nothing else"
else
	sed 's/^/#   /' "$E2E_TMP/diff" >&2
	check 1 "each planted excerpt is found, with its post and page, and nothing else"
fi
expect_eq 2 "$(jq -r 'select(.source | endswith("shard-15.warc.wet.gz")) |
	.matches | length' "$E2E_TMP/par.jsonl")" "two pages of one shard, each its own finding"
expect_eq 8 "$(jq -r 'select(.source | endswith("shard-12.warc.wet.gz")) | .records' \
	"$E2E_TMP/par.jsonl")" "a WET shard's eight pages are judged, not its warcinfo"
expect_eq 18 "$(jq -r 'select(.leaked == false) | .source' "$E2E_TMP/par.jsonl" | wc -l)" \
	"the 18 other shards report no leak"

# the plain output names the page
"$SANCTUM" scan --index "$IDX" "$SH/shard-19.warc.wet.gz" >"$E2E_TMP/plain.txt" 2>&1
expect_contains "$E2E_TMP/plain.txt" "LEAK: posts of this community found in 1 of 8 pages" \
	"plain output counts the pages"
expect_contains "$E2E_TMP/plain.txt" "post ${ids[7]} at https://forum-19.example/thread/8:" \
	"and names the post and the page"
# with the community's database, the names come from it
"$SANCTUM" scan "$SH/shard-19.warc.wet.gz" >"$E2E_TMP/named.txt" 2>&1
expect_contains "$E2E_TMP/named.txt" "post ${ids[7]} in \"Evening check-in\" by sam at https://forum-19.example/thread/8" \
	"the database names the group and the author"

# a damaged shard is an error for that shard only; the scan goes on
head -c 2000 "$SH/shard-15.warc.wet.gz" >"$E2E_TMP/cut.warc.wet.gz"
printf 'this is not gzip' >"$E2E_TMP/fake.warc.wet.gz"
"$SANCTUM" scan --index "$IDX" --json "$E2E_TMP/cut.warc.wet.gz" "$E2E_TMP/fake.warc.wet.gz" \
	"$SH/shard-19.warc.wet.gz" >"$E2E_TMP/bad.jsonl" 2>"$E2E_TMP/bad.err"
expect_eq 3 "$?" "damaged shards beside a leaking one: exit 3"
expect_contains "$E2E_TMP/bad.err" "cut.warc.wet.gz: gzip: " "the cut shard's error names it"
expect_contains "$E2E_TMP/bad.err" "fake.warc.wet.gz: not a WARC file" \
	"a shard that is not gzip says so"
expect_eq 1 "$(grep -c '"leaked":true' "$E2E_TMP/bad.jsonl")" "and the good shard is still found"
"$SANCTUM" scan --index "$IDX" "$E2E_TMP/fake.warc.wet.gz" >/dev/null 2>&1
expect_eq 1 "$?" "a damaged shard alone: exit 1"
finish
