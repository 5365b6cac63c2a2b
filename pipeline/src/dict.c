/* dict.c - finding and reading dictionary files (dict.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dipx/dict.h"
#include "dipx/fs.h"
#include "config.h"

struct dict_file {
    char *relpath;
    char sha[DIPX_SHA256_HEX];
};

struct dipx_dict {
    char *dir;
    struct dict_file *files;
    size_t nfiles, cap;
    char digest[7 + DIPX_SHA256_HEX];
};

/* The directory of the running executable, or "" when unknown. */
static void
exe_dir(char *out, size_t n)
{
    ssize_t len = readlink("/proc/self/exe", out, n - 1);
    char *slash;

    if (len <= 0) {
        out[0] = '\0';
        return;
    }
    out[len] = '\0';
    slash = strrchr(out, '/');
    if (slash != NULL)
        *slash = '\0';
}

static char *
find_dir(const char *dir)
{
    char self[PATH_MAX];
    const char *env = getenv("DIPX_DICT_PATH");

    if (dir != NULL)
        return dipx_fs_is_dir(dir) ? strdup(dir) : NULL;
    if (env != NULL && *env != '\0')
        return dipx_fs_is_dir(env) ? strdup(env) : NULL;
    /* Run from the build tree: the source tree's dictionaries, so that an
     * edit to a dictionary shows without installing, and an older install
     * never shadows it (DESIGN.md lists the install datadir first; this
     * order cannot pick stale data: docs/departures.md). */
    exe_dir(self, sizeof(self));
    if (strcmp(self, DIPX_BUILD_BIN_DIR) == 0 &&
        dipx_fs_is_dir(DIPX_SOURCE_DICT_DIR))
        return strdup(DIPX_SOURCE_DICT_DIR);
    if (dipx_fs_is_dir(DIPX_INSTALL_DICT_DIR))
        return strdup(DIPX_INSTALL_DICT_DIR);
    return NULL;
}

struct dipx_dict *
dipx_dict_open(const char *dir, struct dipx_error *err)
{
    struct dipx_dict *d = calloc(1, sizeof(*d));

    if (d == NULL) {
        dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        return NULL;
    }
    d->dir = find_dir(dir);
    if (d->dir == NULL) {
        const char *env = getenv("DIPX_DICT_PATH");

        dipx_error_set(err, DIPX_EDICT,
                       "no dictionary directory: %s%s is not a directory "
                       "(use --dict DIR or set DIPX_DICT_PATH)",
                       dir ? dir : env && *env ? env : DIPX_INSTALL_DICT_DIR,
                       dir ? "" : env && *env ? " ($DIPX_DICT_PATH)" : "");
        free(d);
        return NULL;
    }
    return d;
}

const char *
dipx_dict_dir(const struct dipx_dict *d)
{
    return d->dir;
}

int
dipx_dict_read(struct dipx_dict *d, const char *relpath, int required,
               struct dipx_buf *out, struct dipx_error *err)
{
    struct dipx_buf path = DIPX_BUF_INIT;
    struct dipx_input in;
    struct dict_file *f;
    int rc;

    if (dipx_buf_printf(&path, "%s/%s", d->dir, relpath) < 0)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    if (!required && access(path.data, F_OK) != 0) {
        dipx_buf_free(&path);
        return 1;
    }
    rc = dipx_input_open(path.data, 0, &in, err);
    if (rc < 0) {
        char why[DIPX_ERRMSG_MAX];

        snprintf(why, sizeof(why), "%s", err ? err->msg : "");
        dipx_error_where(err, path.data, NULL);
        dipx_buf_free(&path);
        return dipx_error_set(err, DIPX_EDICT, "cannot read dictionary: %s",
                              why);
    }
    dipx_buf_free(&path);
    dipx_buf_reset(out);
    rc = dipx_buf_append(out, in.data, in.len);
    if (rc == 0 && d->nfiles == d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 8;
        struct dict_file *v = realloc(d->files, ncap * sizeof(*v));

        if (v == NULL)
            rc = DIPX_ENOMEM;
        else {
            d->files = v;
            d->cap = ncap;
        }
    }
    if (rc == 0) {
        f = &d->files[d->nfiles];
        f->relpath = strdup(relpath);
        if (f->relpath == NULL)
            rc = DIPX_ENOMEM;
        else {
            dipx_sha256_of(in.data, in.len, f->sha);
            d->nfiles++;
        }
    }
    dipx_input_close(&in);
    if (rc < 0)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    return 0;
}

static int
cmp_file(const void *a, const void *b)
{
    return strcmp(((const struct dict_file *)a)->relpath,
                  ((const struct dict_file *)b)->relpath);
}

const char *
dipx_dict_digest(struct dipx_dict *d)
{
    struct dipx_sha256 h;
    char hex[DIPX_SHA256_HEX];
    size_t i;

    if (d->nfiles > 1)
        qsort(d->files, d->nfiles, sizeof(*d->files), cmp_file);
    dipx_sha256_init(&h);
    for (i = 0; i < d->nfiles; i++) {
        /* The same file read twice counts once. */
        if (i > 0 && strcmp(d->files[i].relpath, d->files[i - 1].relpath) == 0)
            continue;
        dipx_sha256_update(&h, d->files[i].relpath,
                           strlen(d->files[i].relpath) + 1);
        dipx_sha256_update(&h, d->files[i].sha, DIPX_SHA256_HEX);
    }
    dipx_sha256_hex(&h, hex);
    snprintf(d->digest, sizeof(d->digest), "sha256:%s", hex);
    return d->digest;
}

void
dipx_dict_free(struct dipx_dict *d)
{
    size_t i;

    if (d == NULL)
        return;
    for (i = 0; i < d->nfiles; i++)
        free(d->files[i].relpath);
    free(d->files);
    free(d->dir);
    free(d);
}

int
dipx_dict_next_line(const struct dipx_buf *text, size_t *pos,
                    const char **line, size_t *len, long *lineno)
{
    while (*pos < text->len) {
        const char *p = text->data + *pos;
        const char *nl = memchr(p, '\n', text->len - *pos);
        size_t n = nl ? (size_t)(nl - p) : text->len - *pos;
        size_t skip = 0;

        *pos += n + (nl != NULL);
        ++*lineno;
        while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
                         p[n - 1] == '\r'))
            n--;
        while (skip < n && (p[skip] == ' ' || p[skip] == '\t'))
            skip++;
        if (skip == n || p[skip] == '#')
            continue;
        *line = p;
        *len = n;
        return 1;
    }
    return 0;
}

int
dipx_dict_languages(struct dipx_dict *d, struct dipx_langs *out,
                    struct dipx_error *err)
{
    struct dipx_buf text = DIPX_BUF_INIT;
    const char *line;
    size_t pos = 0, len;
    long lineno = 0;
    int rc;

    out->n = 0;
    rc = dipx_dict_read(d, "common/languages.txt", 1, &text, err);
    while (rc == 0 && dipx_dict_next_line(&text, &pos, &line, &len, &lineno)) {
        size_t w = 0, s, e;

        while (w < len && line[w] != ' ' && line[w] != '\t')
            w++;
        for (s = w; s < len && (line[s] == ' ' || line[s] == '\t'); s++)
            ;
        for (e = s; e < len && line[e] != ' ' && line[e] != '\t'; e++)
            ;
        if (out->n == DIPX_LANG_MAX || w == 0 || w >= 16 || s == len ||
            e - s >= 16) {
            dipx_error_where(err, "common/languages.txt", NULL);
            dipx_error_at(err, lineno, 1, -1);
            rc = dipx_error_set(err, DIPX_EDICT, "expected 'CODE SCRIPT'");
            break;
        }
        snprintf(out->code[out->n], 16, "%.*s", (int)w, line);
        snprintf(out->script[out->n], 16, "%.*s", (int)(e - s), line + s);
        out->n++;
    }
    dipx_buf_free(&text);
    return rc;
}

int
dipx_dict_read_list(struct dipx_dict *d, const char *relpath, int required,
                    int pairs, struct dipx_dict_list *out,
                    struct dipx_error *err)
{
    struct dipx_buf text = DIPX_BUF_INIT;
    const char *line;
    size_t pos = 0, len, cap = 0;
    long lineno = 0;
    int rc;

    memset(out, 0, sizeof(*out));
    rc = dipx_dict_read(d, relpath, required, &text, err);
    while (rc == 0 && dipx_dict_next_line(&text, &pos, &line, &len, &lineno)) {
        const char *tab = memchr(line, '\t', len);
        size_t klen = pairs && tab ? (size_t)(tab - line) : len;

        if (klen == 0 || (pairs && tab == NULL)) {
            dipx_error_where(err, relpath, NULL);
            dipx_error_at(err, lineno, 1, -1);
            rc = dipx_error_set(err, DIPX_EDICT, pairs
                                ? "expected KEY<TAB>VALUE" : "empty entry");
            break;
        }
        if (out->n == cap) {
            size_t ncap = cap ? 2 * cap : 64;
            char **k = realloc(out->key, ncap * sizeof(*k));

            if (k != NULL)
                out->key = k;
            char **v = realloc(out->val, ncap * sizeof(*v));

            if (v != NULL)
                out->val = v;
            if (k == NULL || v == NULL) {
                rc = dipx_error_set(err, DIPX_ENOMEM, "out of memory");
                break;
            }
            cap = ncap;
        }
        out->key[out->n] = strndup(line, klen);
        out->val[out->n] = pairs ? strndup(tab + 1, (size_t)(line + len -
                                                            tab - 1))
                                 : NULL;
        if (out->key[out->n] == NULL || (pairs && out->val[out->n] == NULL)) {
            free(out->key[out->n]);
            free(out->val[out->n]);
            rc = dipx_error_set(err, DIPX_ENOMEM, "out of memory");
            break;
        }
        out->n++;
    }
    dipx_buf_free(&text);
    return rc;
}

void
dipx_dict_list_free(struct dipx_dict_list *l)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        free(l->key[i]);
        free(l->val[i]);
    }
    free(l->key);
    free(l->val);
    memset(l, 0, sizeof(*l));
}
