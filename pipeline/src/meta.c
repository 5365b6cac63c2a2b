/* meta.c - sidecar .meta files and index.tsv (meta.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "dipx/buf.h"
#include "dipx/fs.h"
#include "dipx/meta.h"

void
dipx_meta_clear(struct dipx_meta *m)
{
    free(m->url);
    free(m->lang);
    free(m->date);
    free(m->title);
    free(m->publisher);
    memset(m, 0, sizeof(*m));
}

/* Replaces *DST by a copy of the N bytes at S.  0 or DIPX_ENOMEM. */
static int
set(char **dst, const char *s, size_t n)
{
    char *p = strndup(s, n);

    if (p == NULL)
        return DIPX_ENOMEM;
    free(*dst);
    *dst = p;
    return 0;
}

/* The field of M for KEY (N bytes), or NULL when M keeps no such key. */
static char **
field(struct dipx_meta *m, const char *key, size_t n)
{
    static const char *const keys[] = {"url", "lang", "date", "title",
                                       "source"};
    char **fields[] = {&m->url, &m->lang, &m->date, &m->title,
                       &m->publisher};
    size_t i;

    while (n > 0 && (key[n - 1] == ' ' || key[n - 1] == '\t'))
        n--;
    for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        if (strlen(keys[i]) == n && strncasecmp(keys[i], key, n) == 0)
            return fields[i];
    return NULL;
}

static char *
sidecar_path(const char *input)
{
    const char *slash = strrchr(input, '/');
    const char *dot = strrchr(input, '.');
    size_t stem = dot != NULL && dot > (slash ? slash + 1 : input)
                      ? (size_t)(dot - input) : strlen(input);
    char *p = malloc(stem + 6);

    if (p == NULL)
        return NULL;
    memcpy(p, input, stem);
    memcpy(p + stem, ".meta", 6);
    return p;
}

int
dipx_meta_sidecar(const char *input, struct dipx_meta *m,
                  struct dipx_error *err)
{
    struct dipx_input in;
    char *path;
    size_t pos = 0;
    long lineno = 0;
    int rc;

    if (strcmp(input, "-") == 0)
        return 1;
    path = sidecar_path(input);
    if (path == NULL)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    if (access(path, F_OK) != 0 || strcmp(path, input) == 0) {
        free(path);
        return 1;
    }
    rc = dipx_input_open(path, 1 << 20, &in, err);
    if (rc < 0) {
        free(path);
        return rc;
    }
    if (in.len >= 3 && memcmp(in.data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;                /* a byte-order mark */
    while (pos < in.len) {
        const char *line = (const char *)in.data + pos;
        const char *nl = memchr(line, '\n', in.len - pos);
        size_t n = nl ? (size_t)(nl - line) : in.len - pos;
        const char *colon = memchr(line, ':', n);
        char **f;

        pos += n + (nl != NULL);
        lineno++;
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
            n--;
        if (n == 0 || line[0] == '#')
            continue;
        if (colon == NULL) {
            dipx_error_where(err, path, NULL);
            dipx_error_at(err, lineno, 1, -1);
            rc = dipx_error_set(err, DIPX_EINPUT,
                                "expected 'key: value' in metadata file");
            break;
        }
        f = field(m, line, (size_t)(colon - line));
        if (f == NULL)
            continue;           /* notes and other keys stay out */
        colon++;
        while (colon < line + n && *colon == ' ')
            colon++;
        if (set(f, colon, (size_t)(line + n - colon)) < 0) {
            rc = dipx_error_set(err, DIPX_ENOMEM, "out of memory");
            break;
        }
    }
    dipx_input_close(&in);
    free(path);
    return rc;
}

struct ix_row {
    char *path;
    struct dipx_meta m;
};

struct dipx_meta_index {
    struct ix_row *rows;
    size_t n;
};

static int
cmp_row(const void *a, const void *b)
{
    return strcmp(((const struct ix_row *)a)->path,
                  ((const struct ix_row *)b)->path);
}

void
dipx_meta_index_free(struct dipx_meta_index *ix)
{
    size_t i;

    if (ix == NULL)
        return;
    for (i = 0; i < ix->n; i++) {
        free(ix->rows[i].path);
        dipx_meta_clear(&ix->rows[i].m);
    }
    free(ix->rows);
    free(ix);
}

/* Splits LINE (N bytes) at tabs into at most MAX fields. */
static size_t
split_tabs(const char *line, size_t n, const char **f, size_t *flen,
           size_t max)
{
    size_t k = 0, start = 0, i;

    for (i = 0; i <= n && k < max; i++) {
        if (i == n || line[i] == '\t') {
            f[k] = line + start;
            flen[k++] = i - start;
            start = i + 1;
        }
    }
    return k;
}

#define IX_MAXCOL 32

/* Field K of M in the order of the index's column names (1 = url...). */
static char **
slot(struct dipx_meta *m, int k)
{
    switch (k) {
    case 1: return &m->url;
    case 2: return &m->lang;
    case 3: return &m->date;
    case 4: return &m->title;
    default: return &m->publisher;
    }
}

/* Adds a row from fields F; 1 when it has no path (skipped). */
static int
index_row(struct dipx_meta_index *ix, const int *col, const char **f,
          const size_t *flen, size_t nf)
{
    struct ix_row *row = &ix->rows[ix->n];
    size_t i;

    memset(row, 0, sizeof(*row));
    for (i = 0; i < nf; i++) {
        char **dst = col[i] == 0 ? &row->path
                     : col[i] > 0 ? slot(&row->m, col[i]) : NULL;

        const char *v = f[i];
        size_t vl = flen[i];

        while (col[i] == 0 && vl >= 2 && v[0] == '.' && v[1] == '/') {
            v += 2;             /* "./a.txt" is "a.txt", as in lookups */
            vl -= 2;
        }
        if (dst != NULL && vl > 0 && set(dst, v, vl) < 0) {
            free(row->path);
            dipx_meta_clear(&row->m);
            return DIPX_ENOMEM;
        }
    }
    if (row->path == NULL) {
        dipx_meta_clear(&row->m);
        return 1;
    }
    ix->n++;
    return 0;
}

struct dipx_meta_index *
dipx_meta_index_load(const char *path, struct dipx_error *err)
{
    static const char *const names[] = {"path", "url", "lang", "date",
                                        "title", "source"};
    struct dipx_meta_index *ix = calloc(1, sizeof(*ix));
    struct dipx_input in;
    const char *f[IX_MAXCOL];
    size_t flen[IX_MAXCOL], pos = 0, cap = 0, nf, i, j;
    int col[IX_MAXCOL], rc, have_path = 0;
    long lineno = 0;

    if (ix == NULL || dipx_input_open(path, 0, &in, err) < 0) {
        free(ix);
        return NULL;
    }
    if (in.len >= 3 && memcmp(in.data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;                /* a byte-order mark */
    if (in.len <= pos) {
        dipx_error_where(err, path, NULL);
        dipx_error_set(err, DIPX_EINPUT, "empty index (expected a header "
                       "row naming its columns)");
        goto fail;
    }
    while (pos < in.len) {
        const char *line = (const char *)in.data + pos;
        const char *nl = memchr(line, '\n', in.len - pos);
        size_t n = nl ? (size_t)(nl - line) : in.len - pos;

        pos += n + (nl != NULL);
        lineno++;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        nf = split_tabs(line, n, f, flen, IX_MAXCOL);
        if (lineno == 1) {
            for (i = 0; i < IX_MAXCOL; i++)
                col[i] = -1;
            for (i = 0; i < nf; i++) {
                for (j = 0; j < sizeof(names) / sizeof(names[0]); j++)
                    if (strlen(names[j]) == flen[i] &&
                        strncmp(names[j], f[i], flen[i]) == 0)
                        col[i] = (int)j;
                have_path |= col[i] == 0;
            }
            if (!have_path) {
                dipx_error_where(err, path, NULL);
                dipx_error_at(err, 1, 1, -1);
                dipx_error_set(err, DIPX_EINPUT, "index has no 'path' column "
                               "in its header row");
                goto fail;
            }
            continue;
        }
        if (n == 0)
            continue;
        if (ix->n == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            struct ix_row *v = realloc(ix->rows, ncap * sizeof(*v));

            if (v == NULL)
                goto nomem;
            ix->rows = v;
            cap = ncap;
        }
        rc = index_row(ix, col, f, flen, nf);
        if (rc < 0)
            goto nomem;
    }
    dipx_input_close(&in);
    if (ix->n > 1)
        qsort(ix->rows, ix->n, sizeof(*ix->rows), cmp_row);
    return ix;
nomem:
    dipx_error_set(err, DIPX_ENOMEM, "out of memory");
fail:
    dipx_input_close(&in);
    dipx_meta_index_free(ix);
    return NULL;
}

int
dipx_meta_index_get(const struct dipx_meta_index *ix, const char *path,
                    struct dipx_meta *m)
{
    struct ix_row key = {(char *)(uintptr_t)path, {0}};
    const struct ix_row *row;

    while (path[0] == '.' && path[1] == '/')
        key.path = (char *)(uintptr_t)(path += 2);
    row = ix->n == 0 ? NULL : bsearch(&key, ix->rows, ix->n,
                                      sizeof(*ix->rows), cmp_row);
    if (row == NULL)
        return 1;
    if ((row->m.url && set(&m->url, row->m.url, strlen(row->m.url)) < 0) ||
        (row->m.lang && set(&m->lang, row->m.lang, strlen(row->m.lang)) < 0) ||
        (row->m.date && set(&m->date, row->m.date, strlen(row->m.date)) < 0) ||
        (row->m.title &&
         set(&m->title, row->m.title, strlen(row->m.title)) < 0) ||
        (row->m.publisher &&
         set(&m->publisher, row->m.publisher, strlen(row->m.publisher)) < 0))
        return DIPX_ENOMEM;
    return 0;
}

int
dipx_meta_date_ok(const char *s)
{
    size_t n = strlen(s), i;

    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (i = 0; i < n; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return 0;
        } else if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    if (n >= 7) {
        int mo = (s[5] - '0') * 10 + (s[6] - '0');

        if (mo < 1 || mo > 12)
            return 0;
    }
    if (n == 10) {
        static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
                                   30, 31};
        int y = atoi(s), mo = (s[5] - '0') * 10 + (s[6] - '0');
        int d = (s[8] - '0') * 10 + (s[9] - '0');
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

        if (d < 1 || d > days[mo - 1] || (mo == 2 && d == 29 && !leap))
            return 0;
    }
    return 1;
}

int
dipx_meta_lang_ok(const char *s)
{
    size_t i = 0, k;

    /* language (2-8 letters), then subtags of 1-8 letters or digits */
    for (k = 0; (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'; i++)
        k++;
    if (k < 2 || k > 8)
        return 0;
    while (s[i] == '-') {
        for (i++, k = 0; ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') ||
                         (s[i] >= '0' && s[i] <= '9'); i++)
            k++;
        if (k < 1 || k > 8)
            return 0;
    }
    return s[i] == '\0';
}
