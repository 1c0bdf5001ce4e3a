/* fileio.c - temp file + fsync + rename (src/base). */
#define _POSIX_C_SOURCE 200809L
#include "base/fileio.h"
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool afile_open(AtomicFile *af, const char *path, const char **err)
{
	memset(af, 0, sizeof *af);
	af->path = xstrdup(path);
	if (strcmp(path, "-") == 0) {
		af->fp = stdout;
		return true;
	}
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		af->fp = fopen(path, "wb");
		if (!af->fp) {
			*err = strerror(errno);
			free(af->path);
			memset(af, 0, sizeof *af);
			return false;
		}
		af->direct = true;
		return true;
	}
	size_t n = strlen(path);
	af->tmp_path = xmalloc(n + 16);
	memcpy(af->tmp_path, path, n);
	memcpy(af->tmp_path + n, ".tmp.XXXXXX", 12);
	int fd = mkstemp(af->tmp_path);
	if (fd < 0) {
		*err = strerror(errno);
		free(af->tmp_path);
		free(af->path);
		memset(af, 0, sizeof *af);
		return false;
	}
	/* mkstemp creates 0600; outputs are ordinary files. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	af->fp = fdopen(fd, "wb");
	if (!af->fp) {
		*err = strerror(errno);
		close(fd);
		unlink(af->tmp_path);
		free(af->tmp_path);
		free(af->path);
		memset(af, 0, sizeof *af);
		return false;
	}
	return true;
}

bool afile_write(AtomicFile *af, const void *data, size_t len)
{
	if (af->failed)
		return false;
	if (len && fwrite(data, 1, len, af->fp) != len) {
		af->failed = true;
		af->err = errno ? errno : EIO;
		return false;
	}
	return true;
}

static void afile_free(AtomicFile *af)
{
	free(af->path);
	free(af->tmp_path);
	memset(af, 0, sizeof *af);
}

bool afile_commit(AtomicFile *af, const char **err)
{
	if (af->direct) {
		int e = af->failed ? af->err : 0;
		if (fclose(af->fp) != 0 && !e)
			e = errno;
		if (e)
			*err = strerror(e);
		afile_free(af);
		return e == 0;
	}
	if (!af->tmp_path) { /* stdout */
		bool ok = !af->failed && fflush(stdout) == 0;
		if (!ok)
			*err = strerror(af->err ? af->err : errno ? errno : EIO);
		afile_free(af);
		return ok;
	}
	int e = af->failed ? af->err : 0;
	if (!e && fflush(af->fp) != 0)
		e = errno;
	if (!e && af->durable && fsync(fileno(af->fp)) != 0)
		e = errno;
	if (fclose(af->fp) != 0 && !e)
		e = errno;
	af->fp = NULL;
	if (!e && rename(af->tmp_path, af->path) != 0)
		e = errno;
	if (e) {
		unlink(af->tmp_path);
		*err = strerror(e);
		afile_free(af);
		return false;
	}
	afile_free(af);
	return true;
}

void afile_abort(AtomicFile *af)
{
	if (af->direct)
		fclose(af->fp);
	else if (af->tmp_path) {
		if (af->fp)
			fclose(af->fp);
		unlink(af->tmp_path);
	}
	afile_free(af);
}

bool atomic_write_file(const char *path, const void *data, size_t len, const char **err)
{
	AtomicFile af;
	if (!afile_open(&af, path, err))
		return false;
	afile_write(&af, data, len);
	return afile_commit(&af, err);
}
