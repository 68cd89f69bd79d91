// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz the command line: the input is argv[1..], words separated by NUL
 * bytes.  Properties: an error is one line; a command line that parses is
 * printed back (SARIF, mail) as shell words that a POSIX shell splits into
 * exactly the words given.
 */
#include <string.h>

#include "fuzz.h"
#include "options.h"

#define MAX_WORDS 64

int FUZZ_INIT(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* Split a line the way sh does for our quoting: blanks, '...', \x. */
static size_t shell_split(const char *line, char **words, size_t max)
{
	size_t nr = 0;

	while (*line) {
		char *w = malloc(strlen(line) + 1), *o = w;
		int quoted = 0;

		if (!w)
			abort();
		while (*line == ' ')
			line++;
		if (!*line) {
			free(w);
			break;
		}
		while (*line && (quoted || *line != ' ')) {
			if (*line == '\'') {
				quoted = !quoted;
			} else if (!quoted && *line == '\\' && line[1]) {
				*o++ = *++line;
			} else {
				*o++ = *line;
			}
			line++;
		}
		FUZZ_ASSERT(!quoted);
		*o = '\0';
		FUZZ_ASSERT(nr < max);
		words[nr++] = w;
	}
	return nr;
}

int FUZZ_ONE(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *argv[MAX_WORDS + 2], *p;
	struct options opts;
	struct strbuf err;
	int argc = 0;

	if (!buf)
		abort();
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = "kthreadify";
	for (p = buf; p < buf + size && argc <= MAX_WORDS; p += strlen(p) + 1)
		argv[argc++] = p;
	argv[argc] = NULL;

	options_init(&opts);
	strbuf_init(&err);
	if (parse_options(&opts, argc, argv, &err) < 0) {
		FUZZ_ASSERT(err.len > 0);
		FUZZ_ASSERT(!memchr(err.buf, '\n', err.len));
	} else {
		char *line = options_command_line(&opts);
		char *words[MAX_WORDS + 2];
		size_t nr = shell_split(line, words, MAX_WORDS + 2), i;

		FUZZ_ASSERT(nr == (size_t)argc);
		for (i = 0; i < nr; i++) {
			FUZZ_ASSERT(!strcmp(words[i], argv[i]));
			free(words[i]);
		}
		free(line);
		FUZZ_ASSERT(opts.jobs >= 1 && opts.jobs <= MAX_JOBS);
		FUZZ_ASSERT(opts.timeout_sec >= 1 &&
			    opts.timeout_sec <= MAX_TIMEOUT_SEC);
		FUZZ_ASSERT(mode_name(opts.mode) != NULL);
		(void)options_review(&opts);
	}
	options_release(&opts);
	strbuf_release(&err);
	free(buf);
	return 0;
}
