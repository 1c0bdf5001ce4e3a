/* fileio.h - atomic output files (src/base).
 *
 * An AtomicFile writes to a temporary file beside its destination and
 * renames it into place on commit, so a failed or interrupted run never
 * leaves a half-written output: readers see the old file or the new one.
 * The path "-" means standard output (written directly, nothing to rename);
 * so does an existing destination that is not a regular file (/dev/null, a
 * FIFO): renaming over it would replace the device node.
 *
 * The rename makes the result all-or-nothing for anything that happens to
 * this process (an error, a kill, a crash).  Surviving a power cut as well
 * needs the data on disk before the rename: set `durable` (fsync) for that;
 * it costs a disk flush per file, so bulk runs leave it to the filesystem.
 */
#ifndef AKKO_BASE_FILEIO_H
#define AKKO_BASE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct AtomicFile {
	char *path;     /* destination */
	char *tmp_path; /* temporary beside it (NULL for stdout) */
	FILE *fp;
	bool failed;  /* a write failed; commit will refuse */
	bool durable; /* fsync before the rename */
	bool direct;  /* a device or FIFO: written in place, no rename */
	int err;      /* errno of the first failure */
} AtomicFile;

/* Returns false (with errno-style message in *err) if the temporary file
 * cannot be created. */
bool afile_open(AtomicFile *af, const char *path, const char **err);
bool afile_write(AtomicFile *af, const void *data, size_t len);
/* Flush, fsync and rename into place.  On failure the temporary file is
 * removed and the destination is untouched. */
bool afile_commit(AtomicFile *af, const char **err);
/* Drop the temporary file (the destination is untouched). */
void afile_abort(AtomicFile *af);

/* Convenience: write a whole buffer atomically. */
bool atomic_write_file(const char *path, const void *data, size_t len, const char **err);

#endif
