#!/usr/bin/env bash
# Risk triage through the binary: a file of lines, standard input, JSON
# with levels, flags and reasons, the urgent ones first in the text
# output, and bad input refused clearly.  No community is needed.
. "$(dirname "$0")/lib.bash"

cat >"$E2E_TMP/lines.txt" <<'LINES'
Had a quiet day, walked the dog.
I'm not going to kill myself, don't worry.
I'm going to kill myself tonight.
I cut myself again and my name is Sam.
LINES
"$SANCTUM" triage --lines --json "$E2E_TMP/lines.txt" >"$E2E_TMP/r.json" 2>"$E2E_TMP/err"
check $? "triage --lines --json"
expect_eq 4 "$(wc -l <"$E2E_TMP/r.json")" "one object per line"
expect_contains "$E2E_TMP/r.json" '{"item":1,"level":"none","immediate":false' "a quiet day is none"
expect_contains "$E2E_TMP/r.json" '"rule":"negated: intent"' "a negation is set aside, and says so"
expect_contains "$E2E_TMP/r.json" '{"item":3,"level":"plan","immediate":true' "intent with a time is a plan"
expect_contains "$E2E_TMP/r.json" '"phrase":"tonight","span":[25,32],"rule":"plan"' "explained by the phrase and its span"
expect_contains "$E2E_TMP/r.json" '"self_harm":true,"abuse":false,"identifying":true' "self-harm and identifying details"
expect_absent "$E2E_TMP/err" "Sam" "nothing of the text on stderr"

"$SANCTUM" triage --lines "$E2E_TMP/lines.txt" >"$E2E_TMP/r.txt"
expect_eq "IMMEDIATE RISK" "$(head -c 14 "$E2E_TMP/r.txt")" "the text output starts with what is urgent"
expect_eq "item 3: plan" "$(sed -n 2p "$E2E_TMP/r.txt")" "the item at risk comes first"
printf 'I wish I were dead' | "$SANCTUM" triage --json - >"$E2E_TMP/r.json"
expect_contains "$E2E_TMP/r.json" '"level":"wish"' "standard input as one item"
"$SANCTUM" triage "$E2E_TMP/missing.txt" 2>"$E2E_TMP/err"
expect_eq 1 "$?" "a missing file is an error"
"$SANCTUM" triage 2>/dev/null
expect_eq 2 "$?" "no file is a usage error"
head -c 100000 /dev/urandom >"$E2E_TMP/noise.bin"
"$SANCTUM" triage --lines --json "$E2E_TMP/noise.bin" >/dev/null
check $? "bytes that are not text are read without harm"
finish
