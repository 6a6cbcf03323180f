/*
** main.c: the sanctum command: global options, then the subcommand from
** the table in cli.c.  Global options (--db, --key-file, --passphrase-file) may stand
** anywhere on the command line and are also read from SANCTUM_DB,
** SANCTUM_KEY_FILE and SANCTUM_PASSPHRASE_FILE.
**
** Exit status: 0 success, 1 failure, 2 usage error, 3 a leak was found.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Take a global option's value out of argv at i (as --opt VALUE or
** --opt=VALUE).  Returns the value, or NULL when this is not opt. */
static const char *
take_global(int *argc, char **argv, int i, const char *opt)
{
	size_t n = strlen(opt);
	const char *v = NULL;
	int drop = 0, k;

	if (strncmp(argv[i], opt, n) != 0)
		return NULL;
	if (argv[i][n] == '=') {
		v = argv[i] + n + 1;
		drop = 1;
	} else if (argv[i][n] == '\0' && i + 1 < *argc) {
		v = argv[i + 1];
		drop = 2;
	} else {
		return NULL;
	}
	for (k = i; k + drop <= *argc; k++)
		argv[k] = argv[k + drop];
	*argc -= drop;
	return v;
}

int
main(int argc, char **argv)
{
	struct cli c;
	const struct command *cmd;
	const char *v;
	int k;

	if (getenv("OMP_THREAD_LIMIT") == NULL) {
		/* Tesseract's OpenMP threads read their limit once, when the
		** library loads: without one, a single OCR spreads over every
		** core and runs four to five times slower on a busy server.
		** Start again with the limit set (if that fails, go on). */
		setenv("OMP_THREAD_LIMIT", "1", 1);
		execv("/proc/self/exe", argv);
	}
	memset(&c, 0, sizeof(c));
	c.argv0 = argv[0];
	c.opts.db_path = getenv("SANCTUM_DB");
	c.opts.key_file = getenv("SANCTUM_KEY_FILE");
	c.opts.passphrase_file = getenv("SANCTUM_PASSPHRASE_FILE");
	for (k = 1; k < argc; ) {
		if (strcmp(argv[k], "--") == 0)
			break;
		if ((v = take_global(&argc, argv, k, "--db")) != NULL)
			c.opts.db_path = v;
		else if ((v = take_global(&argc, argv, k, "--key-file")) != NULL)
			c.opts.key_file = v;
		else if ((v = take_global(&argc, argv, k,
		    "--passphrase-file")) != NULL)
			c.opts.passphrase_file = v;
		else
			k++;
	}
	if (c.opts.db_path == NULL || c.opts.db_path[0] == '\0')
		c.opts.db_path = "sanctum.db";
	if (argc < 2)
		return cli_help(NULL, stderr, EXIT_USAGE);
	if (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		printf("sanctum %s\n", SANCTUM_VERSION);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cli_help(NULL, stdout, EXIT_OK);
	for (k = 2; k < argc; k++)
		if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0)
			return cli_help(argv[1], stdout, EXIT_OK);
	cmd = cli_find(argv[1], argc > 2 ? argv[2] : NULL);
	if (cmd == NULL)	/* no such command, or no such subcommand */
		return cli_help(argv[1], stderr, EXIT_USAGE);
	if (cmd->sub)
		return cli_run(&c, cmd, argc - 2, argv + 2);
	return cli_run(&c, cmd, argc - 1, argv + 1);
}
