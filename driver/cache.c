// SPDX-License-Identifier: GPL-2.0-only
/*
 * The result cache on disk.
 *
 * An entry file:
 *
 *   kthreadify-cache 1\n
 *   <SHA-1 of the body, 40 hex digits>\n
 *   <body>
 *
 * and the body a sequence of fields "TAG LEN\n<LEN bytes>\n", the first
 * one "key" with the entry's key.  Contents are kept byte for byte: C
 * files need not be UTF-8.
 */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "scan_index.h"
#include "spatch.h"

#define CACHE_MAGIC "kthreadify-cache 1\n"
#define CACHE_LAYOUT "v1"

struct result_cache {
	char *dir;		/* <dir>/v1 */
	char run_key[41];	/* what every entry of this run depends on */
	char query_key[41];	/* what every query depends on */
	const struct rule_set *rules;
	size_t hits;
	size_t misses;
	size_t stored;
	bool warned;
};

static void sha1_hex(const void *data, size_t len, char hex[41])
{
	git_oid oid;

	git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB);
	git_oid_tostr(hex, 41, &oid);
}

char *cache_default_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return path_join(xdg, "kthreadify");
	if (home && *home)
		return xasprintf("%s/.cache/kthreadify", home);
	return NULL;
}

/* A field of the key: length first, so that no two keys run together. */
static void key_add(struct strbuf *sb, const char *tag, const char *data,
		    size_t len)
{
	strbuf_addf(sb, "%s %zu\n", tag, len);
	strbuf_add(sb, data, len);
	strbuf_addch(sb, '\n');
}

static void key_add_str(struct strbuf *sb, const char *tag, const char *s)
{
	key_add(sb, tag, s ? s : "", s ? strlen(s) : 0);
}

static void key_add_uint(struct strbuf *sb, const char *tag,
			 unsigned int value)
{
	char text[16];

	snprintf(text, sizeof(text), "%u", value);
	key_add_str(sb, tag, text);
}

static int key_add_file(struct strbuf *sb, const char *tag, const char *path,
			struct strbuf *err)
{
	struct strbuf text;

	strbuf_init(&text);
	if (read_file(path, &text, err) < 0) {
		strbuf_release(&text);
		return -1;
	}
	key_add_str(sb, "path", path);
	key_add(sb, tag, text.buf, text.len);
	strbuf_release(&text);
	return 0;
}

/* Every .py file beside the rules: the Python they import. */
static int key_add_python(struct strbuf *sb, const char *dir,
			  struct strbuf *err)
{
	struct strvec names;
	struct dirent *de;
	DIR *d = opendir(dir);
	size_t i, j;
	int ret = 0;

	if (!d) {
		strbuf_addf(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	strvec_init(&names);
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (n > 3 && !strcmp(de->d_name + n - 3, ".py"))
			strvec_push(&names, de->d_name);
	}
	closedir(d);
	/* In a fixed order, whatever readdir() gives. */
	for (i = 1; i < names.nr; i++)
		for (j = i; j > 0 && strcmp(names.v[j - 1], names.v[j]) > 0;
		     j--) {
			char *t = names.v[j];

			names.v[j] = names.v[j - 1];
			names.v[j - 1] = t;
		}
	for (i = 0; i < names.nr && !ret; i++) {
		char *path = path_join(dir, names.v[i]);

		ret = key_add_file(sb, "python", path, err);
		free(path);
	}
	strvec_clear(&names);
	return ret;
}

static void self_hash(const char *self, struct strbuf *sb)
{
	struct strbuf text, err;
	char hex[41];

	strbuf_init(&text);
	strbuf_init(&err);
	/* Without it, every run is a new binary: nothing is reused. */
	if (!self || read_file(self, &text, &err) < 0) {
		snprintf(hex, sizeof(hex), "pid%ld", (long)getpid());
	} else {
		sha1_hex(text.buf, text.len, hex);
	}
	key_add_str(sb, "self", hex);
	strbuf_release(&text);
	strbuf_release(&err);
}

int cache_open(struct result_cache **cache, const struct cache_params *p,
	       struct strbuf *err)
{
	struct result_cache *c = xcalloc(1, sizeof(*c));
	struct strbuf key, qkey;
	char *last_dir = NULL;
	size_t i;
	int ret = -1;

	strbuf_init(&key);
	strbuf_init(&qkey);
	c->dir = path_join(p->dir, CACHE_LAYOUT);
	c->rules = p->rules;
	key_add_str(&qkey, "format", CACHE_MAGIC);
	key_add_str(&qkey, "spatch", p->spatch_version);
	key_add_str(&qkey, "python", p->python);
	strbuf_add(&key, qkey.buf, qkey.len);
	self_hash(p->self, &key);
	key_add_str(&key, "mode", mode_name(p->mode));
	key_add_str(&key, "kernel", p->kernel);
	key_add_uint(&key, "timeout", p->timeout_sec);
	for (i = 0; i < p->rules->nr; i++) {
		const struct rule *r = &p->rules->v[i];
		char runs[32], *dir;

		if (!r->runs)
			continue;
		snprintf(runs, sizeof(runs), "%u", r->runs);
		key_add_str(&key, "rule", r->id);
		key_add_str(&key, "runs", runs);
		if (key_add_file(&key, "cocci", r->path, err) < 0)
			goto out;
		dir = path_dirname(r->path);
		if (!last_dir || strcmp(dir, last_dir)) {
			/* What every rule of the directory shares. */
			if (key_add_python(&key, dir, err) < 0 ||
			    (r->macro_file &&
			     key_add_file(&key, "macros", r->macro_file,
					  err) < 0)) {
				free(dir);
				goto out;
			}
			free(last_dir);
			last_dir = dir;
		} else {
			free(dir);
		}
	}
	sha1_hex(key.buf, key.len, c->run_key);
	sha1_hex(qkey.buf, qkey.len, c->query_key);
	ret = 0;
out:
	free(last_dir);
	strbuf_release(&key);
	strbuf_release(&qkey);
	if (ret < 0) {
		cache_close(c);
		c = NULL;
	}
	*cache = c;
	return ret;
}

void cache_close(struct result_cache *cache)
{
	if (!cache)
		return;
	free(cache->dir);
	free(cache);
}

void cache_stats(const struct result_cache *cache, size_t *hits,
		 size_t *misses, size_t *stored)
{
	*hits = cache ? cache->hits : 0;
	*misses = cache ? cache->misses : 0;
	*stored = cache ? cache->stored : 0;
}

void cache_record_init(struct cache_record *rec)
{
	memset(rec, 0, sizeof(*rec));
}

void cache_record_release(struct cache_record *rec)
{
	size_t k;

	for (k = 0; k < NR_CACHE_KINDS; k++)
		free(rec->idx[k]);
	memset(rec, 0, sizeof(*rec));
}

void cache_record_add(struct cache_record *rec, enum cache_kind kind,
		      size_t index)
{
	rec->idx[kind] = grow_array(rec->idx[kind], sizeof(*rec->idx[kind]),
				    rec->nr[kind] + 1, &rec->alloc[kind]);
	rec->idx[kind][rec->nr[kind]++] = index;
}

/* ---- entries ----------------------------------------------------------- */

char *cache_entry_encode(const char *key, const char *body, size_t len,
			 size_t *out_len)
{
	struct strbuf sb, full;
	char hex[41];

	strbuf_init(&full);
	key_add_str(&full, "key", key);
	strbuf_add(&full, body, len);
	sha1_hex(full.buf, full.len, hex);
	strbuf_init(&sb);
	strbuf_addstr(&sb, CACHE_MAGIC);
	strbuf_addf(&sb, "%s\n", hex);
	strbuf_add(&sb, full.buf, full.len);
	strbuf_release(&full);
	return strbuf_detach(&sb, out_len);
}

/* A field at *p: its tag and bytes; -1 when the text is no field. */
static int next_field(const char **p, const char *end, char *tag,
		      size_t tag_size, const char **data, size_t *len)
{
	const char *s = *p, *space, *nl;
	unsigned long long n = 0;
	const char *q;

	nl = memchr(s, '\n', (size_t)(end - s));
	space = nl ? memchr(s, ' ', (size_t)(nl - s)) : NULL;
	if (!space || space == s || (size_t)(space - s) >= tag_size)
		return -1;
	for (q = space + 1; q < nl; q++) {
		if (*q < '0' || *q > '9' || n > (SIZE_MAX - 9) / 10)
			return -1;
		n = n * 10 + (unsigned long long)(*q - '0');
	}
	if (q == space + 1 || n > (unsigned long long)(end - nl - 1) ||
	    (size_t)(end - nl - 1) - n < 1 || nl[1 + n] != '\n')
		return -1;
	memcpy(tag, s, (size_t)(space - s));
	tag[space - s] = '\0';
	*data = nl + 1;
	*len = (size_t)n;
	*p = nl + 1 + n + 1;
	return 0;
}

char *cache_entry_decode(const char *key, const char *data, size_t len,
			 size_t *body_len)
{
	size_t magic = strlen(CACHE_MAGIC), flen;
	const char *p, *end = data + len, *field;
	char hex[41], tag[16];

	if (len < magic + 41 || memcmp(data, CACHE_MAGIC, magic) ||
	    data[magic + 40] != '\n')
		return NULL;
	p = data + magic + 41;
	sha1_hex(p, (size_t)(end - p), hex);
	if (memcmp(hex, data + magic, 40))
		return NULL;
	if (next_field(&p, end, tag, sizeof(tag), &field, &flen) < 0 ||
	    strcmp(tag, "key") || flen != strlen(key) ||
	    memcmp(field, key, flen))
		return NULL;
	*body_len = (size_t)(end - p);
	return xstrndup(p, (size_t)(end - p));
}

static void warn_once(struct result_cache *c, const char *msg)
{
	if (c->warned)
		return;
	c->warned = true;
	fprintf(stderr, "kthreadify: cache: %s (results are not kept)\n",
		msg);
}

static char *entry_path(const struct result_cache *c, const char *kind,
			const char *key)
{
	return xasprintf("%s/%s/%.2s/%s", c->dir, kind, key, key + 2);
}

static void write_entry(struct result_cache *c, const char *kind,
			const char *key, const char *body, size_t len)
{
	char *path = entry_path(c, kind, key), *data;
	struct strbuf err;
	size_t dlen;

	strbuf_init(&err);
	data = cache_entry_encode(key, body, len, &dlen);
	if (write_file_replacing(path, data, dlen, &err) < 0)
		warn_once(c, err.buf);
	strbuf_release(&err);
	free(data);
	free(path);
}

/* The body of the entry for key, or NULL (missing or not to be trusted). */
static char *read_entry(const struct result_cache *c, const char *kind,
			const char *key, size_t *len)
{
	char *path = entry_path(c, kind, key), *body;
	struct strbuf text, err;

	strbuf_init(&text);
	strbuf_init(&err);
	body = read_file(path, &text, &err) < 0 ? NULL :
	       cache_entry_decode(key, text.buf, text.len, len);
	strbuf_release(&text);
	strbuf_release(&err);
	free(path);
	return body;
}

/* The key of the scan index: this run's words, from this directory. */
static void scan_index_key(const struct result_cache *c, char key[41])
{
	char *cwd = getcwd(NULL, 0);
	struct strbuf sb;

	strbuf_init(&sb);
	key_add_str(&sb, "run", c->run_key);
	key_add_str(&sb, "cwd", cwd ? cwd : "?");
	sha1_hex(sb.buf, sb.len, key);
	strbuf_release(&sb);
	free(cwd);
}

struct scan_index *cache_open_scan_index(struct result_cache *c,
					 size_t nr_words)
{
	struct scan_index *ix;
	char key[41], *body;
	size_t len = 0;

	scan_index_key(c, key);
	body = read_entry(c, "scans", key, &len);
	ix = scan_index_parse(body, len, nr_words);
	free(body);
	return ix;
}

void cache_save_scan_index(struct result_cache *c, struct scan_index *ix)
{
	struct strbuf body;
	char key[41];

	strbuf_init(&body);
	scan_index_key(c, key);
	scan_index_encode(ix, &body);
	write_entry(c, "scans", key, body.buf, body.len);
	strbuf_release(&body);
	scan_index_free(ix);
}

/* ---- queries ------------------------------------------------------------ */

static int query_key(const struct result_cache *c, const struct rule *rule,
		     unsigned int mode, char hex[41])
{
	struct strbuf key, err;
	size_t i;
	int ret;

	strbuf_init(&key);
	strbuf_init(&err);
	key_add_str(&key, "queries", c->query_key);
	key_add_str(&key, "mode", spatch_mode_name(mode));
	for (i = 0; i < rule->options.nr; i++)
		key_add_str(&key, "option", rule->options.v[i]);
	ret = key_add_file(&key, "cocci", rule->path, &err);
	if (!ret)
		sha1_hex(key.buf, key.len, hex);
	strbuf_release(&key);
	strbuf_release(&err);
	return ret;
}

char *cache_get_query(struct result_cache *cache, const struct rule *rule,
		      unsigned int mode)
{
	char hex[41];
	size_t len;

	if (!cache || query_key(cache, rule, mode, hex) < 0)
		return NULL;
	return read_entry(cache, "queries", hex, &len);
}

void cache_put_query(struct result_cache *cache, const struct rule *rule,
		     unsigned int mode, const char *parse_cocci_out)
{
	const char *marker = "Grep query\n", *p = parse_cocci_out, *found = NULL;
	struct strbuf body;
	char hex[41];

	if (!cache || query_key(cache, rule, mode, hex) < 0)
		return;
	/* Only what grep_query_from_parse_cocci() reads: the last query. */
	while ((p = strstr(p, marker))) {
		if (p == parse_cocci_out || p[-1] == '\n')
			found = p;
		p += strlen(marker);
	}
	strbuf_init(&body);
	if (found) {
		found += strlen(marker);
		strbuf_addf(&body, "%s%.*s\n", marker,
			    (int)strcspn(found, "\n"), found);
	} else {
		strbuf_addstr(&body, "No grep query\n");
	}
	write_entry(cache, "queries", hex, body.buf, body.len);
	strbuf_release(&body);
}

/* ---- units -------------------------------------------------------------- */

static void unit_key(const struct result_cache *c,
		     const struct file_list *files, const struct unit *unit,
		     const struct strbuf *texts, char hex[41])
{
	struct strbuf key;
	size_t i;

	strbuf_init(&key);
	key_add_str(&key, "run", c->run_key);
	for (i = 0; i < unit->nr; i++) {
		key_add_str(&key, "file", files->v[unit->files[i]].path);
		key_add(&key, "text", texts[i].buf, texts[i].len);
	}
	sha1_hex(key.buf, key.len, hex);
	strbuf_release(&key);
}

static void put_num(struct strbuf *sb, const char *tag, unsigned long long n)
{
	char num[32];

	snprintf(num, sizeof(num), "%llu", n);
	key_add_str(sb, tag, num);
}

/* The member index of file in unit, or unit->nr. */
static size_t member_of(const struct unit *unit, size_t file)
{
	size_t i;

	for (i = 0; i < unit->nr; i++)
		if (unit->files[i] == file)
			return i;
	return unit->nr;
}

static const char *rule_id(const struct result_cache *c, size_t pos)
{
	return pos < c->rules->nr ? c->rules->v[pos].id : "";
}

void cache_put_unit(struct result_cache *cache, const struct file_list *files,
		    const struct unit *unit, const struct strbuf *texts,
		    const struct run_results *results,
		    const struct cache_record *rec)
{
	struct strbuf sb;
	char hex[41];
	size_t i, j;

	if (!cache)
		return;
	strbuf_init(&sb);
	for (i = 0; i < unit->nr; i++) {
		const struct file_result *f = &results->files[unit->files[i]];

		put_num(&sb, "file", i);
		put_num(&sb, "changed", f->changed);
		if (f->changed)
			key_add(&sb, "result", f->result, f->result_len);
		put_num(&sb, "keep", f->original != NULL);
		for (j = 0; j < f->nr_changed_by; j++)
			key_add_str(&sb, "changer",
				    rule_id(cache, f->changed_by[j]));
		for (j = 0; j < f->nr_fixes; j++) {
			key_add_str(&sb, "fix",
				    rule_id(cache, f->fixes[j].rule_pos));
			key_add(&sb, "fixtext", f->fixes[j].result,
				f->fixes[j].len);
		}
	}
	for (i = 0; i < rec->nr[CACHE_FINDING]; i++) {
		const struct finding *f = &results->findings[
			rec->idx[CACHE_FINDING][i]];
		size_t m = f->file == NO_FILE ? unit->nr :
			   member_of(unit, f->file);

		put_num(&sb, "finding", m);
		key_add_str(&sb, "path", f->path);
		put_num(&sb, "line", f->line);
		put_num(&sb, "column", f->column);
		put_num(&sb, "severity", f->severity);
		key_add_str(&sb, "message", f->message);
		key_add_str(&sb, "rule", f->rule_id);
	}
	for (i = 0; i < rec->nr[CACHE_PROBLEM]; i++) {
		const struct problem *p = &results->problems[
			rec->idx[CACHE_PROBLEM][i]];

		put_num(&sb, "problem", member_of(unit, p->file));
		key_add_str(&sb, "rule", rule_id(cache, p->rule_pos));
		put_num(&sb, "kind", p->kind);
		key_add_str(&sb, "message", p->message);
	}
	for (i = 0; i < rec->nr[CACHE_OUTPUT]; i++) {
		const struct passthrough *o = &results->outputs[
			rec->idx[CACHE_OUTPUT][i]];

		put_num(&sb, "output", member_of(unit, o->file));
		key_add_str(&sb, "rule", rule_id(cache, o->rule_pos));
		key_add_str(&sb, "text", o->text);
	}
	unit_key(cache, files, unit, texts, hex);
	write_entry(cache, "units", hex, sb.buf, sb.len);
	cache->stored++;
	strbuf_release(&sb);
}

/* ---- reading a unit's entry back ---------------------------------------- */

struct field {
	char tag[16];
	const char *data;
	size_t len;
};

struct fields {
	struct field *v;
	size_t nr;
	size_t alloc;
	size_t next;
};

static int parse_fields(struct fields *fs, const char *body, size_t len)
{
	const char *p = body, *end = body + len;

	while (p < end) {
		struct field f;

		if (next_field(&p, end, f.tag, sizeof(f.tag), &f.data,
			       &f.len) < 0)
			return -1;
		fs->v = grow_array(fs->v, sizeof(*fs->v), fs->nr + 1,
				   &fs->alloc);
		fs->v[fs->nr++] = f;
	}
	return 0;
}

/* The next field, which must be tag; NULL otherwise. */
static const struct field *expect(struct fields *fs, const char *tag)
{
	if (fs->next >= fs->nr || strcmp(fs->v[fs->next].tag, tag))
		return NULL;
	return &fs->v[fs->next++];
}

static bool peek(const struct fields *fs, const char *tag)
{
	return fs->next < fs->nr && !strcmp(fs->v[fs->next].tag, tag);
}

static int get_num(struct fields *fs, const char *tag, size_t max,
		   size_t *out)
{
	const struct field *f = expect(fs, tag);
	size_t n = 0, i;

	if (!f || !f->len || f->len > 19)
		return -1;
	for (i = 0; i < f->len; i++) {
		if (f->data[i] < '0' || f->data[i] > '9')
			return -1;
		n = n * 10 + (size_t)(f->data[i] - '0');
	}
	if (n > max)
		return -1;
	*out = n;
	return 0;
}

/* A string field without NUL bytes, as a new string. */
static char *get_str(struct fields *fs, const char *tag)
{
	const struct field *f = expect(fs, tag);

	if (!f || memchr(f->data, '\0', f->len))
		return NULL;
	return xstrndup(f->data, f->len);
}

static int get_rule(const struct result_cache *c, struct fields *fs,
		    size_t *pos)
{
	char *id = get_str(fs, "rule");

	if (!id)
		return -1;
	*pos = rule_index(c->rules, id);
	free(id);
	return *pos < c->rules->nr ? 0 : -1;
}

/* What one entry says, checked whole before anything goes to results. */
struct unit_answer {
	struct run_results r;	/* files indexed by member */
	struct strvec paths;	/* findings' paths */
};

static int read_files(const struct result_cache *c, struct fields *fs,
		      const struct unit *unit, struct run_results *r)
{
	size_t i, m, flag;

	for (i = 0; i < unit->nr; i++) {
		struct file_result *f = &r->files[i];
		const struct field *fd;

		if (get_num(fs, "file", unit->nr, &m) < 0 || m != i ||
		    get_num(fs, "changed", 1, &flag) < 0)
			return -1;
		f->changed = flag;
		if (f->changed) {
			fd = expect(fs, "result");
			if (!fd)
				return -1;
			f->result = xstrndup(fd->data, fd->len);
			f->result_len = fd->len;
		}
		if (get_num(fs, "keep", 1, &flag) < 0)
			return -1;
		f->original = flag ? xstrdup("") : NULL;
		while (peek(fs, "changer")) {
			size_t pos;
			char *id = get_str(fs, "changer");

			pos = id ? rule_index(c->rules, id) : c->rules->nr;
			free(id);
			if (pos == c->rules->nr)
				return -1;
			results_add_changer(r, i, pos);
		}
		while (peek(fs, "fix")) {
			char *id = get_str(fs, "fix");
			size_t pos = id ? rule_index(c->rules, id) :
				     c->rules->nr;

			free(id);
			fd = expect(fs, "fixtext");
			if (pos == c->rules->nr || !fd)
				return -1;
			results_add_fix(r, i, pos, xstrndup(fd->data, fd->len),
					fd->len);
		}
	}
	return 0;
}

static int read_findings(struct fields *fs, const struct unit *unit,
			 struct run_results *r)
{
	while (peek(fs, "finding")) {
		size_t m, line, column, sev;
		char *path = NULL, *msg = NULL, *rule = NULL;
		int ret = -1;

		if (get_num(fs, "finding", unit->nr, &m) < 0)
			return -1;
		path = get_str(fs, "path");
		if (path && !get_num(fs, "line", UINT_MAX, &line) &&
		    !get_num(fs, "column", UINT_MAX, &column) &&
		    !get_num(fs, "severity", SEVERITY_ERROR, &sev) &&
		    (msg = get_str(fs, "message")) &&
		    (rule = get_str(fs, "rule"))) {
			results_add_finding(r, m == unit->nr ? NO_FILE : m,
					    path, (unsigned int)line,
					    (unsigned int)column,
					    (enum severity)sev, msg, rule);
			ret = 0;
		}
		free(path);
		free(msg);
		free(rule);
		if (ret < 0)
			return -1;
	}
	return 0;
}

static int read_problems(const struct result_cache *c, struct fields *fs,
			 const struct unit *unit, struct run_results *r)
{
	while (peek(fs, "problem")) {
		size_t m, pos, kind;
		char *msg;

		if (get_num(fs, "problem", unit->nr - 1, &m) < 0 ||
		    get_rule(c, fs, &pos) < 0 ||
		    get_num(fs, "kind", PROBLEM_NOTE, &kind) < 0)
			return -1;
		msg = get_str(fs, "message");
		if (!msg)
			return -1;
		results_add_problem(r, m, pos, (enum problem_kind)kind, "%s",
				    msg);
		free(msg);
	}
	return 0;
}

static int read_outputs(const struct result_cache *c, struct fields *fs,
			const struct unit *unit, struct run_results *r)
{
	while (peek(fs, "output")) {
		size_t m, pos;
		char *text;

		if (get_num(fs, "output", unit->nr - 1, &m) < 0 ||
		    get_rule(c, fs, &pos) < 0)
			return -1;
		text = get_str(fs, "text");
		if (!text)
			return -1;
		results_add_output(r, m, pos, text);
		free(text);
	}
	return 0;
}

/* Move what a checked entry says about the unit into the run's results. */
static void apply_answer(struct run_results *answer, const struct unit *unit,
			 const struct strbuf *texts,
			 const struct file_list *files,
			 struct run_results *results)
{
	size_t i, j;

	for (i = 0; i < unit->nr; i++) {
		struct file_result *from = &answer->files[i];
		size_t file = unit->files[i];
		struct file_result *to = &results->files[file];

		to->changed = from->changed;
		to->result = from->result;
		to->result_len = from->result_len;
		from->result = NULL;
		if (from->original) {
			to->original = xstrndup(texts[i].buf, texts[i].len);
			to->original_len = texts[i].len;
		}
		for (j = 0; j < from->nr_changed_by; j++)
			results_add_changer(results, file,
					    from->changed_by[j]);
		for (j = 0; j < from->nr_fixes; j++) {
			results_add_fix(results, file,
					from->fixes[j].rule_pos,
					from->fixes[j].result,
					from->fixes[j].len);
			from->fixes[j].result = NULL;
		}
	}
	for (i = 0; i < answer->nr_findings; i++) {
		const struct finding *f = &answer->findings[i];
		size_t file = f->file == NO_FILE ? NO_FILE :
			      unit->files[f->file];

		results_add_finding(results, file,
				    file == NO_FILE ? f->path :
				    files->v[file].path, f->line, f->column,
				    f->severity, f->message, f->rule_id);
	}
	for (i = 0; i < answer->nr_problems; i++) {
		const struct problem *p = &answer->problems[i];

		results_add_problem(results, unit->files[p->file],
				    p->rule_pos, p->kind, "%s", p->message);
	}
	for (i = 0; i < answer->nr_outputs; i++) {
		const struct passthrough *o = &answer->outputs[i];

		results_add_output(results, unit->files[o->file], o->rule_pos,
				   o->text);
	}
}

int cache_get_unit(struct result_cache *cache, const struct file_list *files,
		   const struct unit *unit, const struct strbuf *texts,
		   struct run_results *results)
{
	struct fields fs = { NULL, 0, 0, 0 };
	struct run_results answer;
	char hex[41], *body;
	size_t len;
	int ret = 0;

	if (!cache || !unit->nr)
		return 0;
	unit_key(cache, files, unit, texts, hex);
	body = read_entry(cache, "units", hex, &len);
	if (!body) {
		cache->misses++;
		return 0;
	}
	run_results_init(&answer, unit->nr);
	if (parse_fields(&fs, body, len) == 0 &&
	    read_files(cache, &fs, unit, &answer) == 0 &&
	    read_findings(&fs, unit, &answer) == 0 &&
	    read_problems(cache, &fs, unit, &answer) == 0 &&
	    read_outputs(cache, &fs, unit, &answer) == 0 &&
	    fs.next == fs.nr) {
		apply_answer(&answer, unit, texts, files, results);
		cache->hits++;
		ret = 1;
	} else {
		cache->misses++;
	}
	run_results_release(&answer);
	free(fs.v);
	free(body);
	return ret;
}
