/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scan index: which query words each file held when it was last read,
 * keyed by its stat data, as git's index keeps it.  A re-run over a big
 * tree then reads only the files that changed and the candidates, instead
 * of every file.
 *
 * An entry is trusted only when device, inode, size, mtime and ctime all
 * match, and only when the file's mtime and ctime are older than the start
 * of the run that stored it (a file written in the same clock tick as it
 * was read is read again next time).  The result cache keeps it as one of
 * its entries (checksummed); a missing, corrupt or foreign index is
 * treated as empty and rewritten.
 */
#ifndef KTHREADIFY_SCAN_INDEX_H
#define KTHREADIFY_SCAN_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "strbuf.h"

struct scan_index;

/* An index of nr_words words from its encoding (NULL: none); never NULL. */
struct scan_index *scan_index_parse(const char *body, size_t len,
				    size_t nr_words);
/* Whether st matches path's entry; then present[] gets its words. */
bool scan_index_lookup(struct scan_index *ix, const char *path,
		       const struct stat *st, bool *present);
/* What path held, read after st was taken. */
void scan_index_update(struct scan_index *ix, const char *path,
		       const struct stat *st, const bool *present);
/* The entries looked up or updated in this run, encoded. */
void scan_index_encode(const struct scan_index *ix, struct strbuf *out);
void scan_index_free(struct scan_index *ix);

#endif
