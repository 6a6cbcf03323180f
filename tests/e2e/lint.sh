#!/usr/bin/env bash
# The code checks pass on the source and catch what they are there for.
. "$(dirname "$0")/lib.bash"
cd "$(dirname "$0")/../.."
make -s build/tools/codecheck >/dev/null 2>&1
build/tools/codecheck src/*.c src/*/*.c >/dev/null 2>"$E2E_TMP/src.err"
check $? "the source passes codecheck"
build/tools/codecheck tests/lint/bad_example.c >/dev/null 2>"$E2E_TMP/bad.err"
[ $? -ne 0 ]
check $? "codecheck rejects the bad example"
expect_contains "$E2E_TMP/bad.err" "codecheck: 9 problems" \
	"and names each of its nine problems"
expect_contains "$E2E_TMP/bad.err" "bad_example.c:19: sealed values are opened only through the gateway" \
	"a sealed value opened outside the gateway is caught"
expect_contains "$E2E_TMP/bad.err" "bad_example.c:24: handlers hold a gate, never the keyring" \
	"the keyring named outside the code that holds it is caught"
expect_contains "$E2E_TMP/bad.err" "bad_example.c:13: db_prepare" \
	"pasted SQL is caught"
expect_contains "$E2E_TMP/bad.err" "bad_example.c:14: html_printf" \
	"a non-literal HTML format is caught"
finish
