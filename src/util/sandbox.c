/*
** sandbox.c: Landlock and a seccomp filter, applied once.  See sandbox.h.
**
** Landlock is reached through its system calls (the kernel headers name
** them; no library is needed), seccomp through libseccomp.  The rights a
** kernel's Landlock knows grow with its ABI version; Debian 12's headers
** stop at version 2, so the later constants are written here, as the
** kernel's ABI fixes them.
*/
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <sched.h>
#include <stddef.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util.h"

#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)	/* ABI 3 */
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)	/* ABI 5 */
#endif
#ifndef LANDLOCK_ACCESS_NET_BIND_TCP
#define LANDLOCK_ACCESS_NET_BIND_TCP (1ULL << 0)	/* ABI 4 */
#endif
#ifndef LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET
#define LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)	/* ABI 6 */
#define LANDLOCK_SCOPE_SIGNAL (1ULL << 1)
#endif

/* Built with AddressSanitizer (the test suite's second run), whose leak
** check at exit needs a little more: see seccomp_enter and
** landlock_enter. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif

/* The kernel's struct landlock_ruleset_attr as of ABI 6; an older kernel
** is given only the fields it knows (see ruleset_size). */
struct ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;	/* ABI 4 */
	uint64_t scoped;		/* ABI 6 */
};

/* The rights that apply to a file, as opposed to a folder. */
#define FILE_RIGHTS (LANDLOCK_ACCESS_FS_EXECUTE | \
	LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE | \
	LANDLOCK_ACCESS_FS_TRUNCATE | LANDLOCK_ACCESS_FS_IOCTL_DEV)

#define READ_RIGHTS (LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)

/* Writing is writing files in place, making and deleting them (SQLite's
** journal, WAL and temporary files), and renaming within a folder; never
** making folders, links, devices, sockets or pipes. */
#define WRITE_RIGHTS (READ_RIGHTS | LANDLOCK_ACCESS_FS_WRITE_FILE | \
	LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_REG | \
	LANDLOCK_ACCESS_FS_TRUNCATE)

/* The file-system rights the kernel's Landlock ABI version abi knows:
** all are handled, so whatever no rule grants is refused. */
static uint64_t
fs_rights(int abi)
{
	uint64_t r = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1;	/* ABI 1 */

	if (abi >= 2)
		r |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		r |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		r |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	return r;
}

/* How much of struct ruleset_attr the kernel of ABI abi understands. */
static size_t
ruleset_size(int abi)
{
	if (abi >= 6)
		return sizeof(struct ruleset_attr);
	if (abi >= 4)
		return offsetof(struct ruleset_attr, scoped);
	return offsetof(struct ruleset_attr, handled_access_net);
}

/* How many threads the process has, from /proc/self/status; -1 when it
** cannot tell. */
static int
thread_count(void)
{
	char line[128];
	int n = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	fclose(f);
	return n;
}

/* Let the ruleset rs (which handles handled) reach p.  Returns 1, 0 when
** this machine has no such path, or -1 with err filled. */
static int
add_path(int rs, const struct sandbox_path *p, uint64_t handled, char *err)
{
	struct landlock_path_beneath_attr pb;
	struct stat sb;
	int fd;

	fd = open(p->path, O_PATH | O_CLOEXEC);
	if (fd < 0) {
		/* what this machine does not have, nothing will read */
		if (errno == ENOENT)
			return 0;
		err_set(err, "cannot open %s for the sandbox: %s", p->path,
		    strerror(errno));
		return -1;
	}
	memset(&pb, 0, sizeof(pb));
	pb.parent_fd = fd;
	pb.allowed_access = (p->access & SANDBOX_WRITE ? WRITE_RIGHTS :
	    READ_RIGHTS) & handled;
	if (fstat(fd, &sb) == 0 && !S_ISDIR(sb.st_mode))
		pb.allowed_access &= FILE_RIGHTS;
	if (syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, &pb,
	    0) != 0) {
		err_set(err, "cannot let the sandbox reach %s: %s", p->path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 1;
}

/* Confine the file system with Landlock to paths, and refuse TCP binds
** and signals and abstract sockets outside the process.  Sets *abi to the
** kernel's version, 0 when it has no Landlock (then nothing is done, *why
** says why, and 0 is returned), and *applied to the paths this machine
** has.  Returns 0, or -1 with err filled. */
static int
landlock_enter(const struct sandbox_path *paths, size_t npaths, int *abi,
    int *applied, const char **why, char *err)
{
#ifdef SANITIZED
	static const struct sandbox_path proc_self = { "/proc/self",
	    SANDBOX_READ };
#endif
	struct ruleset_attr ra;
	uint64_t handled;
	size_t i;
	long v;
	int rs, rc;

	*abi = 0;
	*applied = 0;
	v = syscall(SYS_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_VERSION);
	if (v < 0) {
		/* not built in, turned off at boot, or refused by a filter
		** around the process (a container's, say) */
		if (errno == ENOSYS || errno == EOPNOTSUPP || errno == EPERM) {
			*why = strerror(errno);
			return 0;
		}
		err_set(err, "cannot ask for Landlock's version: %s",
		    strerror(errno));
		return -1;
	}
	*abi = (int)v;
	handled = fs_rights(*abi);
	memset(&ra, 0, sizeof(ra));
	ra.handled_access_fs = handled;
	if (*abi >= 4)
		ra.handled_access_net = LANDLOCK_ACCESS_NET_BIND_TCP;
	if (*abi >= 6)
		ra.scoped = LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET |
		    LANDLOCK_SCOPE_SIGNAL;
	rs = (int)syscall(SYS_landlock_create_ruleset, &ra, ruleset_size(*abi),
	    0);
	if (rs < 0) {
		err_set(err, "cannot make a Landlock ruleset: %s",
		    strerror(errno));
		return -1;
	}
	for (i = 0; i < npaths; i++) {
		if ((rc = add_path(rs, &paths[i], handled, err)) < 0) {
			close(rs);
			return -1;
		}
		*applied += rc;
	}
#ifdef SANITIZED
	/* LeakSanitizer reads the process's memory map and threads */
	if (add_path(rs, &proc_self, handled, err) < 0) {
		close(rs);
		return -1;
	}
#endif
	if (syscall(SYS_landlock_restrict_self, rs, 0) != 0) {
		err_set(err, "cannot enter the Landlock sandbox: %s",
		    strerror(errno));
		close(rs);
		return -1;
	}
	close(rs);
	return 0;
}

/* What the server calls, by purpose.  A call missing here fails with
** EPERM rather than ending the process, so an untried path degrades to
** an error the caller reports. */
static const int allowed[] = {
	/* files and descriptors */
	SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(readv), SCMP_SYS(writev),
	SCMP_SYS(pread64), SCMP_SYS(pwrite64), SCMP_SYS(preadv),
	SCMP_SYS(pwritev), SCMP_SYS(lseek), SCMP_SYS(open), SCMP_SYS(openat),
	SCMP_SYS(close), SCMP_SYS(close_range), SCMP_SYS(dup), SCMP_SYS(dup2),
	SCMP_SYS(dup3), SCMP_SYS(fcntl), SCMP_SYS(flock), SCMP_SYS(fsync),
	SCMP_SYS(fdatasync), SCMP_SYS(ftruncate), SCMP_SYS(fallocate),
	SCMP_SYS(fadvise64), SCMP_SYS(stat), SCMP_SYS(fstat), SCMP_SYS(lstat),
	SCMP_SYS(newfstatat), SCMP_SYS(statx), SCMP_SYS(statfs),
	SCMP_SYS(fstatfs), SCMP_SYS(access), SCMP_SYS(faccessat),
	SCMP_SYS(faccessat2), SCMP_SYS(readlink), SCMP_SYS(readlinkat),
	SCMP_SYS(getdents), SCMP_SYS(getdents64), SCMP_SYS(getcwd),
	SCMP_SYS(unlink), SCMP_SYS(unlinkat), SCMP_SYS(rename),
	SCMP_SYS(renameat), SCMP_SYS(renameat2), SCMP_SYS(fchmod),
	SCMP_SYS(fchown), SCMP_SYS(umask), SCMP_SYS(pipe2), SCMP_SYS(eventfd2),
	/* memory */
	SCMP_SYS(brk), SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap),
	SCMP_SYS(mprotect), SCMP_SYS(madvise), SCMP_SYS(msync),
	SCMP_SYS(mlock), SCMP_SYS(munlock), SCMP_SYS(membarrier),
	/* threads, time, signals */
	SCMP_SYS(futex), SCMP_SYS(set_robust_list), SCMP_SYS(rseq),
	SCMP_SYS(set_tid_address), SCMP_SYS(sched_yield),
	SCMP_SYS(sched_getaffinity), SCMP_SYS(nanosleep),
	SCMP_SYS(clock_nanosleep), SCMP_SYS(clock_gettime),
	SCMP_SYS(clock_getres), SCMP_SYS(gettimeofday), SCMP_SYS(time),
	SCMP_SYS(exit), SCMP_SYS(exit_group), SCMP_SYS(getpid),
	SCMP_SYS(getppid),
	SCMP_SYS(gettid), SCMP_SYS(tgkill), SCMP_SYS(rt_sigaction),
	SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigreturn),
	SCMP_SYS(sigaltstack), SCMP_SYS(restart_syscall),
	/* waiting for sockets */
	SCMP_SYS(epoll_create1), SCMP_SYS(epoll_ctl), SCMP_SYS(epoll_wait),
	SCMP_SYS(epoll_pwait), SCMP_SYS(poll), SCMP_SYS(ppoll),
	SCMP_SYS(select), SCMP_SYS(pselect6),
	/* sockets (socket() itself is limited below) */
	SCMP_SYS(accept), SCMP_SYS(accept4), SCMP_SYS(connect),
	SCMP_SYS(getsockname), SCMP_SYS(getpeername), SCMP_SYS(setsockopt),
	SCMP_SYS(getsockopt), SCMP_SYS(sendto), SCMP_SYS(recvfrom),
	SCMP_SYS(sendmsg), SCMP_SYS(recvmsg), SCMP_SYS(sendmmsg),
	SCMP_SYS(recvmmsg), SCMP_SYS(shutdown), SCMP_SYS(sendfile),
	/* who and where */
	SCMP_SYS(getrandom), SCMP_SYS(getuid), SCMP_SYS(geteuid),
	SCMP_SYS(getgid), SCMP_SYS(getegid), SCMP_SYS(uname),
	SCMP_SYS(sysinfo), SCMP_SYS(getrusage),
};

/* What no server request needs and an attacker would: the process ends
** at once. */
static const int fatal[] = {
	SCMP_SYS(execve), SCMP_SYS(execveat), SCMP_SYS(fork), SCMP_SYS(vfork),
	SCMP_SYS(process_vm_readv), SCMP_SYS(process_vm_writev),
	SCMP_SYS(mount), SCMP_SYS(umount2), SCMP_SYS(pivot_root),
	SCMP_SYS(chroot), SCMP_SYS(unshare), SCMP_SYS(setns),
	SCMP_SYS(kexec_load), SCMP_SYS(kexec_file_load),
	SCMP_SYS(init_module), SCMP_SYS(finit_module),
	SCMP_SYS(delete_module), SCMP_SYS(bpf), SCMP_SYS(perf_event_open),
	SCMP_SYS(userfaultfd), SCMP_SYS(keyctl), SCMP_SYS(add_key),
	SCMP_SYS(request_key), SCMP_SYS(iopl), SCMP_SYS(ioperm),
	SCMP_SYS(open_by_handle_at), SCMP_SYS(reboot), SCMP_SYS(swapon),
	SCMP_SYS(swapoff),
#ifndef SANITIZED
	SCMP_SYS(ptrace),
#endif
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Load the seccomp filter for every thread.  Sets *n to the number of
** calls allowed.  Returns 0, or -1 with err filled. */
static int
seccomp_enter(int *n, char *err)
{
	static const int families[] = { AF_UNIX, AF_INET, AF_INET6,
	    AF_NETLINK };
	static const unsigned long ioctls[] = { FIONREAD, FIONBIO, TCGETS };
	scmp_filter_ctx ctx;
	size_t i;
	int rc = 0;

	*n = 0;
	ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
	if (ctx == NULL) {
		err_set(err, "cannot make a seccomp filter");
		return -1;
	}
	/* were there another thread, it would be filtered too */
	rc |= seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	for (i = 0; i < NELEM(allowed); i++) {
		if (allowed[i] < 0)	/* not a call of this architecture */
			continue;
		rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, allowed[i], 0);
		(*n)++;
	}
	for (i = 0; i < NELEM(fatal); i++)
		if (fatal[i] >= 0)
			rc |= seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS,
			    fatal[i], 0);
	/* threads, but not new processes; glibc tries clone3 first and
	** falls back to clone on ENOSYS, whose flags a filter can see */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3),
	    0);
#ifdef SANITIZED
	/* LeakSanitizer stops the threads at exit from a helper process
	** that shares the memory and traces them */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 0);
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ptrace), 0);
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(wait4), 0);
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prctl), 0);
#else
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
	    SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD));
	/* naming threads (libmicrohttpd's workers) */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prctl), 1,
	    SCMP_A0(SCMP_CMP_EQ, PR_SET_NAME, 0));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prctl), 1,
	    SCMP_A0(SCMP_CMP_EQ, PR_GET_NAME, 0));
#endif
	*n += 2;
	/* Internet and local sockets, and the routing socket the resolver
	** asks for the machine's addresses */
	for (i = 0; i < NELEM(families); i++)
		rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
		    SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)families[i], 0));
	(*n)++;
	/* libcurl wakes itself and hears from its resolver thread on a
	** local pair */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socketpair), 1,
	    SCMP_A0(SCMP_CMP_EQ, AF_UNIX, 0));
	(*n)++;
	/* bytes waiting, non-blocking mode, is this a terminal */
	for (i = 0; i < NELEM(ioctls); i++)
		rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
		    SCMP_A1(SCMP_CMP_EQ, (scmp_datum_t)ioctls[i], 0));
	(*n)++;
	/* reading resource limits, never raising them */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 1,
	    SCMP_A2(SCMP_CMP_EQ, 0, 0));
	(*n)++;
	if (rc != 0) {
		err_set(err, "cannot write the seccomp filter");
		seccomp_release(ctx);
		return -1;
	}
	if ((rc = seccomp_load(ctx)) != 0) {
		err_set(err, "cannot load the seccomp filter: %s",
		    strerror(-rc));
		seccomp_release(ctx);
		return -1;
	}
	seccomp_release(ctx);
	return 0;
}

/* Confine this process (see sandbox.h): read, or read and write, only
** paths, no TCP binds, only the system calls a server makes.  Writes what
** it could apply, in one line, to said.  Returns 0, or -1 with err
** filled (then the process may be partly confined: the caller stops). */
int
sandbox_enter(const struct sandbox_path *paths, size_t npaths,
    char *said, size_t saidlen, char *err)
{
	int abi, npath, ncalls, threads;
	const char *why = "";

	said[0] = '\0';
	if ((threads = thread_count()) != 1) {
		err_set(err, "the sandbox must be entered by a process with "
		    "one thread (this one has %d)", threads);
		return -1;
	}
	/* both need it, and it is what forbids gaining rights by running
	** a set-user-id program */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		err_set(err, "cannot set no_new_privs: %s", strerror(errno));
		return -1;
	}
	if (landlock_enter(paths, npaths, &abi, &npath, &why, err) != 0)
		return -1;
	if (seccomp_enter(&ncalls, err) != 0)
		return -1;
	if (abi == 0)
		snprintf(said, saidlen, "no Landlock here (%s): files are not "
		    "confined; seccomp allows %d system calls", why, ncalls);
	else
		snprintf(said, saidlen, "Landlock ABI %d: %d paths%s%s; "
		    "seccomp allows %d system calls", abi,
		    npath, abi >= 4 ? ", no TCP bind" : "",
		    abi >= 6 ? ", signals and abstract sockets kept inside" :
		    "", ncalls);
	return 0;
}
