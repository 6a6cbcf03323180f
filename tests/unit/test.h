/*
** test.h: the unit tests' small runner.  A test is a function registered
** in main.c's table; CHECK records a failure with file and line and goes
** on.  Each test prints one TAP line ("ok N - name" / "not ok N - name"),
** which tests/run counts.
*/
#ifndef SANCTUM_TEST_H
#define SANCTUM_TEST_H

#include <stdio.h>

extern int test_failures;

#define CHECK(cond) do { \
	if (!(cond)) { \
		test_failures++; \
		fprintf(stderr, "#   %s:%d: CHECK(%s) failed\n", __FILE__, \
		    __LINE__, #cond); \
	} \
} while (0)

const char *test_tmpdir(void);

#endif
