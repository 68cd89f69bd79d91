// SPDX-License-Identifier: GPL-2.0-only
/*
 * Growable strings and argument vectors.
 */
#include "strbuf.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die_oom(void)
{
	fputs("kthreadify: out of memory\n", stderr);
	exit(2);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	strbuf_init(&sb);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb, NULL);
}

void *grow_array(void *v, size_t elem_size, size_t nr, size_t *alloc)
{
	size_t n;

	if (nr <= *alloc)
		return v;
	n = *alloc ? *alloc : 8;
	while (n < nr) {
		if (n > SIZE_MAX / 2)
			die_oom();
		n *= 2;
	}
	if (n > SIZE_MAX / elem_size)
		die_oom();
	*alloc = n;
	return xrealloc(v, n * elem_size);
}

void strbuf_init(struct strbuf *sb)
{
	sb->alloc = 64;
	sb->len = 0;
	sb->buf = xmalloc(sb->alloc);
	sb->buf[0] = '\0';
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = 0;
	sb->alloc = 0;
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	sb->buf[0] = '\0';
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t want;

	if (extra >= SIZE_MAX - sb->len - 1)
		die_oom();
	want = sb->len + extra + 1;
	if (want <= sb->alloc)
		return;
	while (sb->alloc < want) {
		if (sb->alloc > SIZE_MAX / 2)
			die_oom();
		sb->alloc *= 2;
	}
	sb->buf = xrealloc(sb->buf, sb->alloc);
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, char c)
{
	strbuf_add(sb, &c, 1);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	if ((size_t)n >= sb->alloc - sb->len) {
		strbuf_grow(sb, (size_t)n);
		n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
		if (n < 0)
			return;
	}
	sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *buf = sb->buf;

	if (len)
		*len = sb->len;
	sb->buf = NULL;
	sb->len = 0;
	sb->alloc = 0;
	return buf;
}

int strbuf_equal(const struct strbuf *a, const struct strbuf *b)
{
	return a->len == b->len && !memcmp(a->buf, b->buf, a->len);
}

/* One paragraph (no blank line inside) of text[0..len). */
static void add_paragraph(struct strbuf *sb, const char *text, size_t len,
			  size_t width)
{
	const char *end = text + len;
	size_t col = 0;

	while (text < end) {
		size_t n;

		while (text < end && (*text == ' ' || *text == '\t' ||
				      *text == '\n'))
			text++;
		n = 0;
		while (text + n < end && text[n] != ' ' && text[n] != '\t' &&
		       text[n] != '\n')
			n++;
		if (!n)
			break;
		if (col && col + 1 + n > width) {
			strbuf_addch(sb, '\n');
			col = 0;
		}
		if (col) {
			strbuf_addch(sb, ' ');
			col++;
		}
		strbuf_add(sb, text, n);
		col += n;
		text += n;
	}
	if (col)
		strbuf_addch(sb, '\n');
}

void strbuf_add_wrapped(struct strbuf *sb, const char *text, size_t width)
{
	bool first = true;

	while (*text) {
		const char *blank = strstr(text, "\n\n");
		size_t len = blank ? (size_t)(blank - text) : strlen(text);

		if (strspn(text, " \t\n") < len) {
			if (!first)
				strbuf_addch(sb, '\n');
			add_paragraph(sb, text, len, width);
			first = false;
		}
		text += len;
		while (*text == '\n')
			text++;
	}
}

void strbuf_add_wrapped_item(struct strbuf *sb, const char *text,
			     size_t width)
{
	struct strbuf w;
	const char *p;
	bool first = true;

	strbuf_init(&w);
	strbuf_add_wrapped(&w, text, width > 2 ? width - 2 : 1);
	for (p = w.buf; *p; ) {
		size_t len = strcspn(p, "\n");

		strbuf_addstr(sb, first ? "- " : "  ");
		strbuf_add(sb, p, len);
		strbuf_addch(sb, '\n');
		first = false;
		p += len + (p[len] ? 1 : 0);
	}
	strbuf_release(&w);
}

void strvec_init(struct strvec *sv)
{
	sv->nr = 0;
	sv->alloc = 0;
	sv->v = grow_array(NULL, sizeof(*sv->v), 1, &sv->alloc);
	sv->v[0] = NULL;
}

void strvec_push(struct strvec *sv, const char *s)
{
	sv->v = grow_array(sv->v, sizeof(*sv->v), sv->nr + 2, &sv->alloc);
	sv->v[sv->nr++] = xstrdup(s);
	sv->v[sv->nr] = NULL;
}

void strvec_pushf(struct strvec *sv, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	strbuf_init(&sb);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	strvec_push(sv, sb.buf);
	strbuf_release(&sb);
}

void strvec_clear(struct strvec *sv)
{
	size_t i;

	for (i = 0; i < sv->nr; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->nr = 0;
	sv->alloc = 0;
}

const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}
