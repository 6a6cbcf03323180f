/*
** sandbox.h: a process gives up what it will not need, once, at start-up.
**
** sandbox_enter takes a list of paths (each readable, or readable and
** writable) and, after it returns, the process can open no other file
** (Landlock), can no longer bind a TCP port, and can make only the
** system calls a server of sanctum's kind makes (a seccomp filter):
** running a program, tracing a process, loading a kernel module and the
** like end the process; anything else not on the list fails with EPERM.
** Nothing lifts it; threads started afterwards inherit it.  It must be
** called while the process has one thread, since Landlock binds only the
** calling thread and those it starts.
**
** Landlock is best effort: an older kernel gets the rights it knows, and
** one without Landlock only the seccomp filter; sandbox_enter says which
** in one line for the log.  Landlock and seccomp calls live only here
** (tools/codecheck.c).
*/
#ifndef SANCTUM_SANDBOX_H
#define SANCTUM_SANDBOX_H

#include <stddef.h>

enum sandbox_access {
	SANDBOX_READ = 1,	/* read files, list folders */
	SANDBOX_WRITE = 2,	/* also create, write, truncate, delete files */
};

struct sandbox_path {
	const char *path;	/* a folder (and all beneath) or one file */
	int access;		/* SANDBOX_READ, or with SANDBOX_WRITE */
};

int sandbox_enter(const struct sandbox_path *paths, size_t npaths,
    char *said, size_t saidlen, char *err);

#endif
