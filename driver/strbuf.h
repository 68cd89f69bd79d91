/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Growable strings and argument vectors, and allocation that never returns
 * NULL: running out of memory ends the program (exit status 2).
 */
#ifndef KTHREADIFY_STRBUF_H
#define KTHREADIFY_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *v (of *alloc elements of elem_size bytes) to hold at least nr. */
/* FNV-1a of len bytes of s: the hash of the driver's small hash tables. */
static inline uint32_t fnv1a(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* s past its leading spaces and tabs. */
const char *skip_blanks(const char *s);

void *grow_array(void *v, size_t elem_size, size_t nr, size_t *alloc);

/*
 * A NUL-terminated byte string that may also hold NUL bytes.  buf is always
 * valid after strbuf_init(), so buf can be printed without checks.
 */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Take the buffer; sb is left released (strbuf_init() it to reuse). */
char *strbuf_detach(struct strbuf *sb, size_t *len);
int strbuf_equal(const struct strbuf *a, const struct strbuf *b);
/*
 * Append text as paragraphs wrapped at width columns: words are split on
 * blanks, a blank line separates paragraphs, a word longer than width
 * stands alone on its line.  Every line ends with a newline.
 */
void strbuf_add_wrapped(struct strbuf *sb, const char *text, size_t width);
/* "- text", wrapped at width, continuation lines indented by two. */
void strbuf_add_wrapped_item(struct strbuf *sb, const char *text,
			     size_t width);

/* A NULL-terminated vector of strings, as execv() wants it. */
struct strvec {
	char **v;
	size_t nr;
	size_t alloc;
};

void strvec_init(struct strvec *sv);
void strvec_push(struct strvec *sv, const char *s);
void strvec_pushf(struct strvec *sv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strvec_clear(struct strvec *sv);

#endif
