/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Units of work: the files spatch must see together.
 *
 * The rules pair facts across the files of one spatch run (a thread
 * defined in thread.c, started and stopped in core.c), so the .c files of
 * one kbuild composite module are one unit: in the Kbuild (or else the
 * Makefile) of their directory, "X-objs", "X-y", "X-m" or "X-$(CONFIG_..)"
 * lists them, and X.o is itself listed in an obj-... or lib-... variable.
 * With group_headers, the headers in that directory that a member
 * includes with quotes join the unit.  Modules that share a source file
 * or a header are one unit.  Every other file is a unit of its own:
 * grouping unrelated files would pair unrelated flags, and slow spatch.
 */
#ifndef KTHREADIFY_GROUPS_H
#define KTHREADIFY_GROUPS_H

#include <stdbool.h>
#include <stddef.h>

#include "discover.h"
#include "strbuf.h"

struct unit {
	size_t *files;		/* indexes in the file list, ascending */
	size_t nr;
};

struct unit_list {
	struct unit *v;		/* ordered by their first file */
	size_t nr;
	size_t alloc;
};

void unit_list_init(struct unit_list *units);
void unit_list_release(struct unit_list *units);

/*
 * Split files into units.  A Kbuild or Makefile that cannot be read is an
 * error naming it; one that does not exist is no error.
 */
int make_units(const struct file_list *files, bool group_headers,
	       struct unit_list *units, struct strbuf *err);

/*
 * The composite modules of one kbuild file's text: calls fn(data, module,
 * object) for every object listed for a module X whose X.o is listed in
 * an obj-... or lib-... variable ("a.o", "sub/b.o" as written).
 */
void kbuild_composites(const char *text,
		       void (*fn)(void *data, const char *module,
				  const char *object),
		       void *data);

/* The names in the #include "NAME" lines of a C text, in order. */
void quoted_includes(const char *text, size_t len, struct strvec *names);

/* One file of a unit, as module_members() looks at it. */
struct member_text {
	const char *path;
	const char *text;
	size_t len;
	bool is_header;
	bool take;		/* in: the rule's query holds on it alone */
};

/*
 * The members of a composite module that a rule pairing facts across its
 * files must see together: besides those its query wants (take set on
 * entry), the .c files that name a function a taken file passes to one
 * of calls (a thread started in core.c, defined in thread.c), then the
 * headers the taken .c files include with quotes and, in a small module,
 * the .c files that include one of those headers (a stop path in stop.c)
 * with their own headers.  With none taken on entry, every member is
 * taken.
 */
void module_members(struct member_text *m, size_t nr,
		    const struct strvec *calls);

#endif
