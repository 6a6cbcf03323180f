/*
** main.c: the unit test table and runner.  `unit-tests [NAME...]` runs
** all tests or those named.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/keys.h"
#include "test.h"
#include "util/log.h"

int test_failures;

#define T(name) void name(void);
#include "list.h"
#undef T

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
#define T(name) { #name, name },
#include "list.h"
#undef T
};

static char tmpdir[256];

/* A fresh temporary folder for the running test. */
const char *
test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/sanctum-unit-XXXXXX",
	    base && *base ? base : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	return tmpdir;
}

int
main(int argc, char **argv)
{
	size_t i, n = sizeof(tests) / sizeof(tests[0]);
	int k, want, failed = 0, ran = 0, before;
	char err[256];

	log_set_level(LOG_ERROR);
	if (keys_init(err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	for (i = 0; i < n; i++) {
		want = argc < 2;
		for (k = 1; k < argc; k++)
			if (strcmp(argv[k], tests[i].name) == 0)
				want = 1;
		if (!want)
			continue;
		before = test_failures;
		tests[i].fn();
		ran++;
		if (test_failures != before) {
			failed++;
			printf("not ok %d - %s\n", ran, tests[i].name);
		} else {
			printf("ok %d - %s\n", ran, tests[i].name);
		}
		fflush(stdout);
	}
	printf("1..%d\n", ran);
	return failed ? 1 : 0;
}
