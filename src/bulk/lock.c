/* lock.c - one bulk run at a time per OUTDIR (src/bulk).
 *
 * A run holds a write lock on OUTDIR/.akko-lock from before it touches
 * results or the manifest until it ends; a second run into the same OUTDIR
 * is refused (E0007, exit 5) before it changes anything.  The lock is an
 * fcntl() record lock, not flock(): NFS clients pass it to the server
 * (unless mounted nolock), so runs on machines sharing OUTDIR see it, and
 * it belongs to the supervisor process alone (forked workers do not inherit
 * it, so a worker outliving a killed supervisor does not keep OUTDIR
 * locked).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/exitcode.h"
#include "bulk/bulk.h"

static char *lock_path(const char *outdir)
{
	size_t n = strlen(outdir);
	char *path = xmalloc(n + 16);
	snprintf(path, n + 16, "%s%s.akko-lock", outdir, n && outdir[n - 1] == '/' ? "" : "/");
	return path;
}

/* Who holds the lock, as its holder wrote it ("pid N on HOST since TIME"),
 * or, when it has not written it yet, its pid as fcntl() knows it. */
static void read_holder(int fd, char *who, size_t size)
{
	ssize_t n = pread(fd, who, size - 1, 0);
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	who[n > 0 ? n : 0] = '\0';
	who[strcspn(who, "\n")] = '\0';
	if (*who)
		return;
	if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK && fl.l_pid > 0)
		snprintf(who, size, "pid %ld", (long)fl.l_pid);
	else
		snprintf(who, size, "holder unknown");
}

static int refuse(const char *outdir, const char *path, int fd)
{
	char who[256];
	read_holder(fd, who, sizeof who);
	close(fd);
	SrcFile where = {.path = outdir};
	DiagSink sink;
	diag_init(&sink, stderr);
	diag_error(&sink, E_OUTDIR_BUSY, (SrcLoc){&where, 0, 0},
		   "the output directory is in use by another akko-migrate run (%s, holding '%s'); this run "
		   "changed nothing",
		   who, path);
	return EXIT_BUSY;
}

/* A file system without record locks: run, but say so. */
static int unprotected(const char *outdir, const char *path, int fd)
{
	fprintf(stderr,
		"akko-migrate: warning: cannot lock '%s': %s; a second run into '%s' at the same time "
		"would not be refused\n",
		path, strerror(errno), outdir);
	if (fd >= 0)
		close(fd);
	return EXIT_OK;
}

/* "pid N on HOST since TIME" into the lock file, for a refused run's
 * message (only that message would miss it if the write failed). */
static void write_holder(int fd)
{
	char host[128] = "", stamp[32] = "", who[256];
	time_t now = time(NULL);
	struct tm tm;
	gethostname(host, sizeof host - 1);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	int n = snprintf(who, sizeof who, "pid %ld on %s since %s\n", (long)getpid(), host, stamp);
	bool noted = ftruncate(fd, 0) == 0 && pwrite(fd, who, (size_t)n, 0) == n;
	(void)noted;
}

int bulk_lock_outdir(const char *outdir, int *fd_out)
{
	char *path = lock_path(outdir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666), rc = EXIT_OK;
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	*fd_out = -1;
	if (fd < 0)
		rc = unprotected(outdir, path, fd);
	else if (fcntl(fd, F_SETLK, &fl) != 0)
		rc = errno == EACCES || errno == EAGAIN ? refuse(outdir, path, fd)
							: unprotected(outdir, path, fd);
	else
		write_holder(*fd_out = fd);
	free(path);
	return rc;
}

void bulk_unlock_outdir(int fd)
{
	if (fd < 0)
		return;
	/* empty again: a run's outputs are the same bytes whoever ran it */
	bool emptied = ftruncate(fd, 0) == 0;
	(void)emptied;
	close(fd);
}
