/*
** test.h: the unit tests' small runner.  A test is a function registered
** in main.c's table; CHECK records a failure with file and line and goes
** on.  Each test prints one TAP line ("ok N - name" / "not ok N - name"),
** which tests/run counts.
*/
#ifndef SANCTUM_TEST_H
#define SANCTUM_TEST_H

#include <stddef.h>
#include <stdio.h>

extern int test_failures;

#define CHECK(cond) do { \
	if (!(cond)) { \
		test_failures++; \
		fprintf(stderr, "#   %s:%d: CHECK(%s) failed\n", __FILE__, \
		    __LINE__, #cond); \
	} \
} while (0)

struct app;
struct db;
struct gate;

const char *test_tmpdir(void);
int test_write_file(const char *path, const void *p, size_t n);
void test_begin(struct db *db);
void test_commit(struct db *db);
struct gate *test_gate(struct app *a);
void test_gate_begin(struct gate *g);
void test_gate_commit(struct gate *g);
long long test_cache_size(struct db *db);

#endif
