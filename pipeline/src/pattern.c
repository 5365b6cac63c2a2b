/* pattern.c - pattern files, compiled and matched (pattern.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "dipx/buf.h"
#include "dipx/pattern.h"

#define MAX_INCLUDE_DEPTH 4
#define MATCH_LIMIT 10000000u   /* backtracking steps for one match */
#define DEPTH_LIMIT 10000u
#define HEAP_LIMIT (64u * 1024) /* KiB */

struct example {
    char *text;                 /* without [[ ]] */
    size_t start, end;          /* the span that must match */
    char *want;                 /* "k=v ..." after =>, or NULL */
    int positive;
    char *file;
    long line;
};

struct rule {
    char *name;
    struct dipx_buf pattern;
    char **emit;                /* key, value pairs */
    size_t nemit;
    int caseless;
    char *file;
    long line;
};

struct define {
    char *name, *value;
};

struct dipx_patset {
    struct rule *rules;
    size_t nrules;
    struct define *defs;
    size_t ndefs;
    struct example *ex;         /* ex_rule[i] = rule of example i, or -1 */
    long *ex_rule;
    size_t nex;
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *jit;
    const char *last_subject;
};

/* ---- growing arrays -------------------------------------------------- */

static int
grow(void **v, size_t n, size_t size)
{
    /* Capacities are powers of two: grow when N reaches one. */
    void *p;

    if (n != 0 && (n & (n - 1)) != 0)
        return 0;
    p = realloc(*v, (n ? 2 * n : 1) * size);
    if (p == NULL)
        return DIPX_ENOMEM;
    *v = p;
    return 0;
}

/* ---- parsing --------------------------------------------------------- */

struct parser {
    struct dipx_patset *ps;
    struct dipx_dict *dict;
    struct dipx_error *err;
    const char *file;
    long line;
    int rules_allowed;
    struct rule *cur;
};

static int
perr(struct parser *p, const char *what)
{
    dipx_error_where(p->err, p->file, NULL);
    dipx_error_at(p->err, p->line, 1, -1);
    return dipx_error_set(p->err, DIPX_EDICT, "%s", what);
}

static const char *
find_define(const struct dipx_patset *ps, const char *name, size_t n)
{
    size_t i;

    for (i = ps->ndefs; i-- > 0;)
        if (strlen(ps->defs[i].name) == n &&
            strncmp(ps->defs[i].name, name, n) == 0)
            return ps->defs[i].value;
    return NULL;
}

/* Appends S (N bytes) to OUT with every {NAME} of a define replaced. */
static int
expand(struct parser *p, const char *s, size_t n, struct dipx_buf *out)
{
    size_t i = 0;

    while (i < n) {
        size_t k = i + 1;

        /* {NAME}, but not the property of \p{L} or \P{Lu} */
        if (s[i] == '{' && k < n && s[k] >= 'A' && s[k] <= 'Z' &&
            !(i >= 2 && s[i - 2] == '\\' &&
              (s[i - 1] == 'p' || s[i - 1] == 'P'))) {
            while (k < n && ((s[k] >= 'A' && s[k] <= 'Z') ||
                             (s[k] >= '0' && s[k] <= '9') || s[k] == '_'))
                k++;
            if (k < n && s[k] == '}') {
                const char *v = find_define(p->ps, s + i + 1, k - i - 1);

                if (v == NULL) {
                    char msg[128];

                    snprintf(msg, sizeof(msg), "undefined {%.*s}",
                             (int)(k - i - 1), s + i + 1);
                    return perr(p, msg);
                }
                if (dipx_buf_puts(out, "(?:") < 0 ||
                    dipx_buf_puts(out, v) < 0 || dipx_buf_puts(out, ")") < 0)
                    return DIPX_ENOMEM;
                i = k + 1;
                continue;
            }
        }
        if (dipx_buf_putc(out, s[i]) < 0)
            return DIPX_ENOMEM;
        i++;
    }
    return 0;
}

static char *
dupn(const char *s, size_t n)
{
    return strndup(s, n);
}

/* The first two-byte string W in S[0..N), or NULL. */
static const char *
find2(const char *s, size_t n, const char *w)
{
    size_t i;

    for (i = 0; i + 1 < n; i++)
        if (s[i] == w[0] && s[i + 1] == w[1])
            return s + i;
    return NULL;
}

/* "+ text [[span]] more => k=v" into an example. */
static int
add_example(struct parser *p, int positive, const char *s, size_t n)
{
    struct dipx_patset *ps = p->ps;
    struct example e = {0};
    const char *arrow = NULL, *q, *open, *close;
    struct dipx_buf t = DIPX_BUF_INIT;

    for (q = s; q + 4 <= s + n; q++)
        if (memcmp(q, " => ", 4) == 0)
            arrow = q;
    if (arrow != NULL && !positive)
        return perr(p, "'=>' only in a + example");
    if (arrow != NULL) {
        e.want = dupn(arrow + 4, (size_t)(s + n - arrow - 4));
        n = (size_t)(arrow - s);
    }
    open = find2(s, n, "[[");
    close = open ? find2(open, (size_t)(s + n - open), "]]") : NULL;
    if ((open == NULL) != (close == NULL))
        return perr(p, "unbalanced [[ ]] in an example");
    if (open != NULL) {
        dipx_buf_append(&t, s, (size_t)(open - s));
        e.start = t.len;
        dipx_buf_append(&t, open + 2, (size_t)(close - open - 2));
        e.end = t.len;
        dipx_buf_append(&t, close + 2, (size_t)(s + n - close - 2));
    } else {
        dipx_buf_append(&t, s, n);
        e.start = 0;
        e.end = n;
    }
    e.text = dipx_buf_steal(&t);
    e.positive = positive;
    e.file = strdup(p->file);
    e.line = p->line;
    if (e.text == NULL || e.file == NULL ||
        grow((void **)&ps->ex, ps->nex, sizeof(*ps->ex)) < 0 ||
        grow((void **)&ps->ex_rule, ps->nex, sizeof(*ps->ex_rule)) < 0) {
        free(e.text);
        free(e.file);
        free(e.want);
        return DIPX_ENOMEM;
    }
    ps->ex_rule[ps->nex] = p->cur ? (long)(p->cur - ps->rules) : -1;
    ps->ex[ps->nex++] = e;
    return 0;
}

static int
add_emit(struct parser *p, const char *s, size_t n)
{
    struct rule *r = p->cur;
    size_t i = 0;

    while (i < n) {
        size_t k, eq;

        while (i < n && s[i] == ' ')
            i++;
        for (k = i; k < n && s[k] != ' '; k++)
            ;
        if (k == i)
            break;
        for (eq = i; eq < k && s[eq] != '='; eq++)
            ;
        if (eq == k || eq == i)
            return perr(p, "emit takes KEY=VALUE pairs");
        if (grow((void **)&r->emit, 2 * r->nemit, sizeof(*r->emit)) < 0 ||
            grow((void **)&r->emit, 2 * r->nemit + 1, sizeof(*r->emit)) < 0)
            return DIPX_ENOMEM;
        r->emit[2 * r->nemit] = dupn(s + i, eq - i);
        r->emit[2 * r->nemit + 1] = dupn(s + eq + 1, k - eq - 1);
        r->nemit++;
        i = k;
    }
    return 0;
}

static int parse_file(struct parser *p, const char *relpath, int depth);

static int
cmp_len_desc(const void *a, const void *b)
{
    size_t x = strlen(*(char *const *)a), y = strlen(*(char *const *)b);

    return x < y ? 1 : x > y ? -1 : strcmp(*(char *const *)a,
                                            *(char *const *)b);
}

/*
 * "define NAME @FILE": the first column of the word list FILE (one entry
 * a line, TAB before any other column) as an alternation, longest first
 * so that "seventeen" is not taken as "seven", each entry a literal.
 */
static int
word_list(struct parser *p, const char *file, struct dipx_buf *out)
{
    struct dipx_buf text = DIPX_BUF_INIT;
    const char *line, *pfile = p->file;
    char **words = NULL;
    size_t pos = 0, len, n = 0, i;
    long lineno = 0, pline = p->line;
    int rc = dipx_dict_read(p->dict, file, 1, &text, p->err);

    while (rc == 0 && dipx_dict_next_line(&text, &pos, &line, &len, &lineno)) {
        const char *tab = memchr(line, '\t', len);

        if (grow((void **)&words, n, sizeof(*words)) < 0 ||
            (words[n] = dupn(line, tab ? (size_t)(tab - line) : len)) == NULL)
            rc = DIPX_ENOMEM;
        else
            n++;
    }
    p->file = pfile;
    p->line = pline;
    if (rc == 0 && n == 0)
        rc = perr(p, "the word list is empty");
    if (rc == 0) {
        qsort(words, n, sizeof(*words), cmp_len_desc);
        rc = dipx_buf_puts(out, "(?:\\Q");
        for (i = 0; i < n && rc == 0; i++)
            rc = dipx_buf_printf(out, "%s%s", i ? "\\E|\\Q" : "", words[i]);
        if (rc == 0)
            rc = dipx_buf_puts(out, "\\E)");
    }
    for (i = 0; i < n; i++)
        free(words[i]);
    free(words);
    dipx_buf_free(&text);
    return rc == DIPX_ENOMEM ? dipx_error_set(p->err, rc, "out of memory")
                             : rc;
}

/* One line of a rule block (after its indentation). */
static int
rule_line(struct parser *p, const char *s, size_t n)
{
    if (n >= 2 && (s[0] == '+' || s[0] == '-') && s[1] == ' ')
        return add_example(p, s[0] == '+', s + 2, n - 2);
    if (n > 8 && strncmp(s, "pattern ", 8) == 0) {
        if (p->cur->pattern.len > 0 &&
            dipx_buf_putc(&p->cur->pattern, '\n') < 0)
            return DIPX_ENOMEM;
        return expand(p, s + 8, n - 8, &p->cur->pattern);
    }
    if (n > 5 && strncmp(s, "emit ", 5) == 0)
        return add_emit(p, s + 5, n - 5);
    if (n == 7 && strncmp(s, "flags i", 7) == 0) {
        p->cur->caseless = 1;
        return 0;
    }
    return perr(p, "expected 'pattern', 'emit', 'flags i', '+ ' or '- '");
}

static int
top_line(struct parser *p, const char *s, size_t n, int depth)
{
    struct dipx_patset *ps = p->ps;

    if (n > 8 && strncmp(s, "include ", 8) == 0) {
        char *path = dupn(s + 8, n - 8);
        int rules = p->rules_allowed, rc;
        const char *file = p->file;
        long line = p->line;

        if (path == NULL)
            return DIPX_ENOMEM;
        p->rules_allowed = 0;
        rc = parse_file(p, path, depth + 1);
        p->rules_allowed = rules;
        p->file = file;
        p->line = line;
        free(path);
        return rc;
    }
    if (n > 7 && strncmp(s, "define ", 7) == 0) {
        size_t k = 7, v;
        struct dipx_buf val = DIPX_BUF_INIT;
        struct define d;

        while (k < n && s[k] != ' ')
            k++;
        for (v = k; v < n && s[v] == ' '; v++)
            ;
        if (k == 7 || v == n)
            return perr(p, "define takes NAME REGEX");
        if (s[v] == '@') {
            char *file = dupn(s + v + 1, n - v - 1);
            int rc = file ? word_list(p, file, &val) : DIPX_ENOMEM;

            free(file);
            if (rc < 0) {
                dipx_buf_free(&val);
                return rc;
            }
        } else if (expand(p, s + v, n - v, &val) < 0) {
            dipx_buf_free(&val);
            return p->err->code ? p->err->code : DIPX_ENOMEM;
        }
        d.name = dupn(s + 7, k - 7);
        d.value = dipx_buf_steal(&val);
        if (d.name == NULL || d.value == NULL ||
            grow((void **)&ps->defs, ps->ndefs, sizeof(*ps->defs)) < 0)
            return DIPX_ENOMEM;
        ps->defs[ps->ndefs++] = d;
        return 0;
    }
    if (n > 5 && strncmp(s, "rule ", 5) == 0) {
        struct rule r = {0};

        if (!p->rules_allowed) {
            p->cur = NULL;
            return 1;           /* an included file's rules are skipped */
        }
        r.name = dupn(s + 5, n - 5);
        r.file = strdup(p->file);
        r.line = p->line;
        if (r.name == NULL || r.file == NULL ||
            grow((void **)&ps->rules, ps->nrules, sizeof(*ps->rules)) < 0)
            return DIPX_ENOMEM;
        ps->rules[ps->nrules] = r;
        p->cur = &ps->rules[ps->nrules++];
        return 0;
    }
    if (n >= 2 && s[0] == '-' && s[1] == ' ') {
        p->cur = NULL;
        return p->rules_allowed ? add_example(p, 0, s + 2, n - 2) : 0;
    }
    return perr(p, "expected 'include', 'define', 'rule' or '- '");
}

static int
parse_file(struct parser *p, const char *relpath, int depth)
{
    struct dipx_buf text = DIPX_BUF_INIT;
    const char *line;
    size_t pos = 0, len;
    long lineno = 0;
    int rc, skipping = 0;

    if (depth > MAX_INCLUDE_DEPTH)
        return perr(p, "includes nested too deep");
    rc = dipx_dict_read(p->dict, relpath, depth > 0, &text, p->err);
    if (rc != 0) {
        dipx_buf_free(&text);
        return rc;
    }
    p->file = relpath;
    p->cur = NULL;
    while (rc >= 0 && dipx_dict_next_line(&text, &pos, &line, &len,
                                          &lineno)) {
        p->line = lineno;
        if (line[0] == ' ' || line[0] == '\t') {
            while (len > 0 && (line[0] == ' ' || line[0] == '\t'))
                line++, len--;
            if (skipping)
                continue;
            rc = p->cur != NULL ? rule_line(p, line, len)
                                : perr(p, "indented line outside a rule");
        } else {
            rc = top_line(p, line, len, depth);
            skipping = rc == 1;
            if (rc == 1)
                rc = 0;
        }
    }
    dipx_buf_free(&text);
    if (rc == DIPX_ENOMEM)
        return dipx_error_set(p->err, DIPX_ENOMEM, "out of memory");
    return rc;
}

/* ---- compiling ------------------------------------------------------- */

static int
compile_error(struct dipx_error *err, const struct rule *r, int code,
              PCRE2_SIZE off, const char *what)
{
    PCRE2_UCHAR msg[256];

    pcre2_get_error_message(code, msg, sizeof(msg));
    if (r != NULL) {
        dipx_error_where(err, r->file, NULL);
        dipx_error_at(err, r->line, 1, -1);
    }
    return dipx_error_set(err, DIPX_EDICT, "%s%s%s: %s (at offset %zu)",
                          what, r ? " of rule " : "", r ? r->name : "",
                          (const char *)msg, (size_t)off);
}

static pcre2_code *
compile1(const char *pat, size_t len, struct dipx_error *err,
         const struct rule *r, const char *what)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat, len,
                                  PCRE2_UTF | PCRE2_UCP | PCRE2_EXTENDED |
                                      PCRE2_DUPNAMES | PCRE2_NO_UTF_CHECK,
                                  &code, &off, NULL);

    if (c == NULL)
        compile_error(err, r, code, off, what);
    return c;
}

/* Each rule alone first (for a message naming it), then all as one. */
static int
compile_set(struct dipx_patset *ps, struct dipx_error *err)
{
    struct dipx_buf all = DIPX_BUF_INIT;
    size_t i;
    int rc = 0;

    for (i = 0; i < ps->nrules && rc == 0; i++) {
        const struct rule *r = &ps->rules[i];
        pcre2_code *c;

        if (r->pattern.len == 0) {
            dipx_error_where(err, r->file, NULL);
            dipx_error_at(err, r->line, 1, -1);
            return dipx_error_set(err, DIPX_EDICT, "rule %s has no pattern",
                                  r->name);
        }
        c = compile1(r->pattern.data, r->pattern.len, err, r, "pattern");
        if (c == NULL)
            return DIPX_EDICT;
        pcre2_code_free(c);
        rc = dipx_buf_printf(&all, "%s(*MARK:%zu)(?%s:%s\n)", i ? "|" : "",
                             i, r->caseless ? "i" : "", r->pattern.data);
    }
    if (rc < 0)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    ps->code = compile1(all.data ? all.data : "(*FAIL)",
                        all.data ? all.len : 7, err, NULL,
                        "the combined pattern");
    dipx_buf_free(&all);
    if (ps->code == NULL)
        return DIPX_EDICT;
    /* JIT when it can; the interpreter otherwise, with the same results. */
    pcre2_jit_compile(ps->code, PCRE2_JIT_COMPLETE);
    ps->md = pcre2_match_data_create_from_pattern(ps->code, NULL);
    ps->mc = pcre2_match_context_create(NULL);
    ps->jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    if (ps->md == NULL || ps->mc == NULL || ps->jit == NULL)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    pcre2_jit_stack_assign(ps->mc, NULL, ps->jit);
    pcre2_set_match_limit(ps->mc, MATCH_LIMIT);
    pcre2_set_depth_limit(ps->mc, DEPTH_LIMIT);
    pcre2_set_heap_limit(ps->mc, HEAP_LIMIT);
    return 0;
}

struct dipx_patset *
dipx_patset_load(struct dipx_dict *d, const char *type, const char *lang,
                 struct dipx_error *err)
{
    struct dipx_patset *ps = calloc(1, sizeof(*ps));
    struct parser p = {0};
    char path[2][256];
    int found = 0, k, rc = 0;

    if (ps == NULL) {
        dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        return NULL;
    }
    snprintf(path[0], sizeof(path[0]), "common/%s.pcre", type);
    snprintf(path[1], sizeof(path[1]), "%s/%s.pcre", lang ? lang : "common",
             type);
    p.ps = ps;
    p.dict = d;
    p.err = err;
    p.rules_allowed = 1;
    for (k = 0; k < 2 && rc >= 0; k++) {
        if (k == 1 && strcmp(path[0], path[1]) == 0)
            break;
        rc = parse_file(&p, path[k], 0);
        found += rc == 0;
    }
    if (rc >= 0 && found == 0)
        rc = dipx_error_set(err, DIPX_EDICT, "no pattern file %s or %s",
                            path[0], path[1]);
    if (rc >= 0)
        rc = compile_set(ps, err);
    if (rc < 0) {
        dipx_patset_free(ps);
        return NULL;
    }
    return ps;
}

void
dipx_patset_free(struct dipx_patset *ps)
{
    size_t i, k;

    if (ps == NULL)
        return;
    for (i = 0; i < ps->nrules; i++) {
        free(ps->rules[i].name);
        free(ps->rules[i].file);
        dipx_buf_free(&ps->rules[i].pattern);
        for (k = 0; k < 2 * ps->rules[i].nemit; k++)
            free(ps->rules[i].emit[k]);
        free(ps->rules[i].emit);
    }
    for (i = 0; i < ps->ndefs; i++) {
        free(ps->defs[i].name);
        free(ps->defs[i].value);
    }
    for (i = 0; i < ps->nex; i++) {
        free(ps->ex[i].text);
        free(ps->ex[i].want);
        free(ps->ex[i].file);
    }
    free(ps->rules);
    free(ps->defs);
    free(ps->ex);
    free(ps->ex_rule);
    pcre2_match_data_free(ps->md);
    pcre2_match_context_free(ps->mc);
    pcre2_jit_stack_free(ps->jit);
    pcre2_code_free(ps->code);
    free(ps);
}

size_t
dipx_patset_nrules(const struct dipx_patset *ps)
{
    return ps->nrules;
}

const char *
dipx_patset_rule_name(const struct dipx_patset *ps, size_t rule)
{
    return ps->rules[rule].name;
}

/* ---- matching -------------------------------------------------------- */

int
dipx_patset_next(struct dipx_patset *ps, const char *subject, size_t len,
                 size_t from, struct dipx_match *m, struct dipx_error *err)
{
    PCRE2_SIZE *ov;
    int rc;

    rc = pcre2_match(ps->code, (PCRE2_SPTR)subject, len, from,
                     PCRE2_NO_UTF_CHECK, ps->md, ps->mc);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
        rc = pcre2_match(ps->code, (PCRE2_SPTR)subject, len, from,
                         PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT, ps->md, ps->mc);
    ps->last_subject = subject;
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0) {
        PCRE2_UCHAR msg[256];

        pcre2_get_error_message(rc, msg, sizeof(msg));
        dipx_error_at(err, 0, 0, (long long)from);
        return dipx_error_set(err, DIPX_ELIMIT, "pattern matching failed "
                              "at byte %zu: %s", from, (const char *)msg);
    }
    ov = pcre2_get_ovector_pointer(ps->md);
    m->start = ov[0];
    m->end = ov[1];
    m->rule = (size_t)strtoul((const char *)pcre2_get_mark(ps->md), NULL, 10);
    return 1;
}

size_t
dipx_patset_after(const char *subject, size_t len, const struct dipx_match *m)
{
    size_t from = m->end > m->start ? m->end : m->start + 1;

    while (from < len && ((unsigned char)subject[from] & 0xC0) == 0x80)
        from++;
    return from;
}

const char *
dipx_patset_group(const struct dipx_patset *ps, const char *subject,
                  const char *name, size_t *len)
{
    PCRE2_SPTR first, last, e;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ps->md);
    uint32_t count = pcre2_get_ovector_count(ps->md);
    int size = pcre2_substring_nametable_scan(ps->code, (PCRE2_SPTR)name,
                                              &first, &last);

    if (size <= 0)
        return NULL;
    for (e = first; e <= last; e += size) {
        uint32_t g = (uint32_t)(e[0] << 8 | e[1]);

        if (g < count && ov[2 * g] != PCRE2_UNSET) {
            *len = ov[2 * g + 1] - ov[2 * g];
            return subject + ov[2 * g];
        }
    }
    return NULL;
}

size_t
dipx_patset_nemit(const struct dipx_patset *ps, size_t rule)
{
    return ps->rules[rule].nemit;
}

/*
 * Expands template V into OUT: $name is a group's text ($name:u in upper
 * case, ASCII only, which is all symbols need); [ ... ] is dropped unless
 * every group named inside it took part.  Returns 0, 1 when a group
 * outside brackets is unset (OUT then has what could be expanded), or
 * DIPX_ENOMEM.
 */
static int
expand_template(const struct dipx_patset *ps, const char *subject,
                const char *v, const char *end, struct dipx_buf *out)
{
    int missing = 0;

    while (v < end) {
        if (*v == '[') {
            const char *close = memchr(v, ']', (size_t)(end - v));
            size_t mark = out->len;
            int rc;

            if (close == NULL)
                close = end;
            rc = expand_template(ps, subject, v + 1, close, out);
            if (rc < 0)
                return rc;
            if (rc == 1)
                out->len = mark;    /* an optional part without its group */
            v = close < end ? close + 1 : end;
            continue;
        }
        if (*v == '$') {
            char name[64];
            size_t n = 0, glen, i;
            const char *g;
            int upper = 0;

            for (v++; v < end && n + 1 < sizeof(name) &&
                      ((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') ||
                       (*v >= '0' && *v <= '9') || *v == '_'); v++)
                name[n++] = *v;
            name[n] = '\0';
            if (end - v >= 2 && v[0] == ':' && v[1] == 'u') {
                upper = 1;
                v += 2;
            }
            g = dipx_patset_group(ps, subject, name, &glen);
            if (g == NULL) {
                missing = 1;
                continue;
            }
            for (i = 0; i < glen; i++) {
                char c = g[i];

                if (upper && c >= 'a' && c <= 'z')
                    c = (char)(c - 32);
                if (dipx_buf_putc(out, c) < 0)
                    return DIPX_ENOMEM;
            }
            continue;
        }
        if (dipx_buf_putc(out, *v++) < 0)
            return DIPX_ENOMEM;
    }
    return missing;
}

int
dipx_patset_emit(const struct dipx_patset *ps, const char *subject,
                 size_t rule, size_t i, const char **key,
                 struct dipx_buf *out)
{
    const char *v = ps->rules[rule].emit[2 * i + 1];

    *key = ps->rules[rule].emit[2 * i];
    dipx_buf_reset(out);
    if (expand_template(ps, subject, v, v + strlen(v), out) < 0 ||
        dipx_buf_reserve(out, 0) < 0)
        return DIPX_ENOMEM;
    out->data[out->len] = '\0';
    return 0;
}

/* ---- examples -------------------------------------------------------- */

static void
ex_fail(struct dipx_buf *report, const struct example *e, const char *rule,
        const char *why)
{
    dipx_buf_printf(report, "%s:%ld: %s: %s: \"%s\"\n", e->file, e->line,
                    rule, why, e->text);
}

/* Does the match emit every "k=v" of WANT? */
static int
emits_ok(struct dipx_patset *ps, const struct example *e, size_t rule,
         struct dipx_buf *report)
{
    struct dipx_buf val = DIPX_BUF_INIT;
    const char *w = e->want;
    int ok = 1;

    while (*w && ok) {
        /* KEY=VALUE, the value running on over words without '=' (so
         * "qualifier=more than" is one pair). */
        size_t eq = strcspn(w, "= "), n = eq, i;
        int found = 0;

        n = w[eq] == '=' ? eq + 1 : 0;
        for (;;) {
            const char *next;
            size_t tok;

            n += strcspn(w + n, " ");
            if (w[eq] != '=' || w[n] != ' ')
                break;
            next = w + n + 1;
            tok = strcspn(next, " ");
            if (tok == 0 || memchr(next, '=', tok) != NULL)
                break;          /* the next pair starts */
            n++;
        }
        if (w[eq] == '=') {
            for (i = 0; i < ps->rules[rule].nemit && !found; i++) {
                const char *key;

                dipx_patset_emit(ps, e->text, rule, i, &key, &val);
                if (strlen(key) == eq && strncmp(key, w, eq) == 0) {
                    found = 1;
                    if (val.len != n - eq - 1 ||
                        strncmp(val.data ? val.data : "", w + eq + 1,
                                n - eq - 1) != 0) {
                        char why[256];

                        snprintf(why, sizeof(why), "emits %.*s=%s, expected "
                                 "%.*s", (int)eq, w,
                                 val.data ? val.data : "", (int)n, w);
                        ex_fail(report, e, ps->rules[rule].name, why);
                        ok = 0;
                    }
                }
            }
            if (!found) {
                ex_fail(report, e, ps->rules[rule].name,
                        "emits no such key");
                ok = 0;
            }
        }
        w += n;
        while (*w == ' ')
            w++;
    }
    dipx_buf_free(&val);
    return ok;
}

size_t
dipx_patset_check_examples(struct dipx_patset *ps, struct dipx_buf *report)
{
    struct dipx_error err;
    size_t i, failures = 0;

    dipx_error_clear(&err);
    for (i = 0; i < ps->nex; i++) {
        const struct example *e = &ps->ex[i];
        long r = ps->ex_rule[i];
        const char *name = r >= 0 ? ps->rules[r].name : "(any rule)";
        size_t len = strlen(e->text), from = 0;
        struct dipx_match m;
        int hit = 0, rc;

        while ((rc = dipx_patset_next(ps, e->text, len, from, &m, &err)) > 0) {
            if (e->positive && (long)m.rule == r && m.start == e->start &&
                m.end == e->end) {
                hit = 1;
                if (e->want != NULL && !emits_ok(ps, e, m.rule, report))
                    failures++;
                break;
            }
            if (!e->positive && (r < 0 || (long)m.rule == r)) {
                hit = 1;
                break;
            }
            from = dipx_patset_after(e->text, len, &m);
            if (from > len)
                break;
        }
        if (rc < 0) {
            ex_fail(report, e, name, err.msg);
            failures++;
        } else if (e->positive && !hit) {
            ex_fail(report, e, name, "does not match (or not this span, or "
                                     "an earlier rule takes it)");
            failures++;
        } else if (!e->positive && hit) {
            char why[128];

            snprintf(why, sizeof(why), "matches \"%.*s\" (rule %s)",
                     (int)(m.end - m.start), e->text + m.start,
                     ps->rules[m.rule].name);
            ex_fail(report, e, name, why);
            failures++;
        }
    }
    return failures;
}
