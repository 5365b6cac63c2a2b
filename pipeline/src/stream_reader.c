/*
 * stream_reader.c - the hardened stream reader (stream.h).
 *
 * Bytes reach libxml2 through read_cb(), which runs a small XML lexer
 * over them first.  The lexer refuses "<!DOCTYPE" (and any other markup
 * declaration) before the parser sees it, bounds the bytes of each tag
 * (libxml2 2.9 parses start tags with many attributes in quadratic time),
 * and notices where each root element ends: the parser is handed exactly
 * one root, and a new parser starts on the next, which is how several
 * <corpus> roots in one file or pipe are read as one corpus, and how the
 * reader resyncs after a malformed root.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlreader.h>

#include "dipx/buf.h"
#include "dipx/edits.h"
#include "dipx/fs.h"
#include "dipx/stream.h"
#include "dipx/utf8.h"

#define READ_CHUNK 65536

enum lex_state {
    L_TEXT, L_LT, L_TAG, L_TAG_DQ, L_TAG_SQ, L_BANG, L_BANG_DASH,
    L_COMMENT, L_COMMENT_D1, L_COMMENT_D2, L_CDATA, L_CDATA_B1, L_CDATA_B2,
    L_PI, L_PI_Q
};

struct source {
    char *path;
    int fd;
    unsigned char buf[READ_CHUNK];
    size_t pos, len;
    int eof;
    int64_t offset;             /* file offset of buf[pos] */
    /* lexer */
    enum lex_state st;
    int end_tag, slash, depth;
    char name[16];              /* the start of the current tag's name */
    size_t name_len;
    size_t tag_bytes, max_tag;
    size_t tag_attrs, max_attrs;
    long line;                  /* lines seen so far, 0-based */
    int root_done, fatal;
    long root_line;             /* line where the current root started */
    char msg[256];
};

struct dipx_reader {
    struct dipx_paths inputs;
    size_t next_input;
    struct source *src;
    xmlTextReaderPtr xr;
    struct dipx_reader_limits lim;
    char xmlmsg[256];           /* first libxml2 error of this root */
    long xmlline, xmlcol;
    const char *cur_doc;        /* id of the document being read */
    int xml_failed;             /* the parser failed: the root is lost */
    char last_file[1024];       /* of the document last returned */
    long last_line;
};

static int
refill(struct source *s)
{
    ssize_t n;

    if (s->eof)
        return 0;
    do
        n = read(s->fd, s->buf, sizeof(s->buf));
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        snprintf(s->msg, sizeof(s->msg), "read error: %s", strerror(errno));
        s->fatal = 1;
        return -1;
    }
    s->pos = 0;
    s->len = (size_t)n;
    if (n == 0)
        s->eof = 1;
    return n > 0;
}

static int
lex_fail(struct source *s, const char *what)
{
    snprintf(s->msg, sizeof(s->msg), "%s", what);
    s->fatal = 1;
    return -1;
}

/* Feeds byte C to the lexer: 0 go on, 1 the root ended, -1 refused. */
static int
lex(struct source *s, unsigned char c)
{
    if (c == '\n')
        s->line++;
    switch (s->st) {
    case L_TEXT:
        if (c == '<')
            s->st = L_LT;
        return 0;
    case L_LT:
        s->tag_bytes = 2;
        s->tag_attrs = 0;
        s->slash = 0;
        s->name_len = 0;
        if (c == '!') {
            s->st = L_BANG;
        } else if (c == '?') {
            s->st = L_PI;
        } else {
            s->end_tag = c == '/';
            s->st = L_TAG;
        }
        return 0;
    case L_TAG:
    case L_TAG_DQ:
    case L_TAG_SQ:
        if (++s->tag_bytes > s->max_tag) {
            snprintf(s->msg, sizeof(s->msg),
                     "tag longer than %zu bytes (refused)", s->max_tag);
            s->fatal = 1;
            return -1;
        }
        if (s->st == L_TAG && c == '=' && ++s->tag_attrs > s->max_attrs) {
            snprintf(s->msg, sizeof(s->msg),
                     "tag with more than %zu attributes (refused)",
                     s->max_attrs);
            s->fatal = 1;
            return -1;
        }
        if (s->st == L_TAG_DQ) {
            if (c == '"')
                s->st = L_TAG;
            return 0;
        }
        if (s->st == L_TAG_SQ) {
            if (c == '\'')
                s->st = L_TAG;
            return 0;
        }
        if (s->name_len < sizeof(s->name) - 1 && c != '/' && c != ' ' &&
            c != '>' && s->tag_bytes == s->name_len + 3)
            s->name[s->name_len++] = (char)c;
        if (c == '"' || c == '\'') {
            s->st = c == '"' ? L_TAG_DQ : L_TAG_SQ;
        } else if (c == '>') {
            s->st = L_TEXT;
            if (s->end_tag)
                s->depth--;
            else if (!s->slash)
                s->depth++;
            /* </corpus> ends a root whatever the nesting count says, so
             * that a root with mismatched tags costs only itself. */
            s->name[s->name_len] = '\0';
            return s->depth <= 0 ||
                   (s->end_tag && strcmp(s->name, "corpus") == 0);
        }
        s->slash = c == '/';
        return 0;
    case L_BANG:
        if (c == '-')
            s->st = L_BANG_DASH;
        else if (c == '[')
            s->st = L_CDATA;
        else
            return lex_fail(s, "DOCTYPE or other markup declaration "
                               "(refused: streams carry no DTD)");
        return 0;
    case L_BANG_DASH:
        if (c != '-')
            return lex_fail(s, "malformed comment");
        s->st = L_COMMENT;
        return 0;
    case L_COMMENT:
        if (c == '-')
            s->st = L_COMMENT_D1;
        return 0;
    case L_COMMENT_D1:
        s->st = c == '-' ? L_COMMENT_D2 : L_COMMENT;
        return 0;
    case L_COMMENT_D2:
        s->st = c == '>' ? L_TEXT : c == '-' ? L_COMMENT_D2 : L_COMMENT;
        return 0;
    case L_CDATA:
        if (c == ']')
            s->st = L_CDATA_B1;
        return 0;
    case L_CDATA_B1:
        s->st = c == ']' ? L_CDATA_B2 : L_CDATA;
        return 0;
    case L_CDATA_B2:
        s->st = c == '>' ? L_TEXT : c == ']' ? L_CDATA_B2 : L_CDATA;
        return 0;
    case L_PI:
        if (c == '?')
            s->st = L_PI_Q;
        return 0;
    case L_PI_Q:
        s->st = c == '>' ? L_TEXT : c == '?' ? L_PI_Q : L_PI;
        return 0;
    }
    return 0;
}

/* libxml2's input callback: the bytes of the current root only. */
static int
read_cb(void *ctx, char *out, int len)
{
    struct source *s = ctx;
    int n = 0;

    while (n < len && !s->root_done) {
        if (s->pos == s->len) {
            int r = refill(s);

            if (r < 0)
                return -1;
            if (r == 0)
                break;
        }
        /* Text is most of a stream: copy it up to the next '<' at once,
         * counting its lines. */
        if (s->st == L_TEXT) {
            size_t avail = s->len - s->pos, room = (size_t)(len - n), k;
            const unsigned char *p = s->buf + s->pos;
            const unsigned char *lt = memchr(p, '<', avail < room ? avail
                                                                  : room);

            k = lt ? (size_t)(lt - p) : (avail < room ? avail : room);
            if (k > 0) {
                const unsigned char *q = p, *nl;

                while ((nl = memchr(q, '\n', k - (size_t)(q - p))) != NULL) {
                    s->line++;
                    q = nl + 1;
                }
                memcpy(out + n, p, k);
                n += (int)k;
                s->pos += k;
                s->offset += (int64_t)k;
                continue;
            }
        }
        unsigned char c = s->buf[s->pos++];

        s->offset++;
        out[n++] = (char)c;
        int r = lex(s, c);

        if (r < 0)
            return -1;
        if (r > 0)
            s->root_done = 1;
    }
    return n;
}

static int
close_cb(void *ctx)
{
    (void)ctx;
    return 0;
}

/* Skips the rest of the current root without a parser. */
static void
drain_root(struct source *s)
{
    while (!s->root_done && !s->fatal) {
        if (s->pos == s->len && refill(s) <= 0)
            return;
        s->offset++;
        if (lex(s, s->buf[s->pos++]) > 0)
            s->root_done = 1;
    }
}

/* Skips whitespace before a root.  Returns 1 when more bytes follow. */
static int
more_roots(struct source *s)
{
    for (;;) {
        if (s->fatal)
            return 0;
        if (s->pos == s->len && refill(s) <= 0)
            return 0;
        unsigned char c = s->buf[s->pos];

        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return 1;
        if (c == '\n')
            s->line++;
        s->pos++;
        s->offset++;
    }
}

static void
source_free(struct source *s)
{
    if (s == NULL)
        return;
    if (s->fd > STDIN_FILENO)
        close(s->fd);
    free(s->path);
    free(s);
}

static xmlParserInputPtr
no_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

struct dipx_reader *
dipx_reader_new(void)
{
    struct dipx_reader *r = calloc(1, sizeof(*r));

    if (r == NULL)
        return NULL;
    r->lim.max_tag_bytes = (size_t)4 << 20;
    r->lim.max_attrs = 256;
    r->lim.max_depth = 16;
    /* Belt and braces: nothing is ever loaded from outside the input. */
    xmlSetExternalEntityLoader(no_entity_loader);
    return r;
}

void
dipx_reader_set_limits(struct dipx_reader *r,
                       const struct dipx_reader_limits *lim)
{
    if (lim->max_tag_bytes > 0)
        r->lim.max_tag_bytes = lim->max_tag_bytes;
    if (lim->max_depth > 0)
        r->lim.max_depth = lim->max_depth;
    if (lim->max_attrs > 0)
        r->lim.max_attrs = lim->max_attrs;
}

int
dipx_reader_add(struct dipx_reader *r, const char *path,
                struct dipx_error *err)
{
    if (strcmp(path, "-") != 0 && dipx_fs_is_dir(path))
        return dipx_fs_list(path, ".xml", &r->inputs, err);
    if (strcmp(path, "-") != 0 && access(path, R_OK) != 0) {
        dipx_error_where(err, path, NULL);
        return dipx_error_set(err, DIPX_EIO, "%s", strerror(errno));
    }
    return dipx_paths_add(&r->inputs, path);
}

void
dipx_reader_where(const struct dipx_reader *r, const char **file, long *line)
{
    *file = r->last_file;
    *line = r->last_line;
}

void
dipx_reader_free(struct dipx_reader *r)
{
    if (r == NULL)
        return;
    if (r->xr != NULL)
        xmlFreeTextReader(r->xr);
    source_free(r->src);
    dipx_paths_free(&r->inputs);
    free(r);
}

static void
xml_error_cb(void *ctx, xmlErrorPtr e)
{
    struct dipx_reader *r = ctx;
    size_t n;

    if (r->xmlmsg[0] != '\0' || e == NULL || e->message == NULL)
        return;
    snprintf(r->xmlmsg, sizeof(r->xmlmsg), "%s", e->message);
    n = strlen(r->xmlmsg);
    while (n > 0 && r->xmlmsg[n - 1] == '\n')
        r->xmlmsg[--n] = '\0';
    r->xmlline = e->line;
    r->xmlcol = e->int2;
}

/* Opens the next input file.  Returns 1, 0 when none is left, or <0. */
static int
open_next_input(struct dipx_reader *r, struct dipx_error *err)
{
    struct source *s;
    const char *path;

    if (r->next_input >= r->inputs.n)
        return 0;
    path = r->inputs.v[r->next_input++];
    s = calloc(1, sizeof(*s));
    if (s == NULL || (s->path = strdup(path)) == NULL) {
        free(s);
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    }
    s->max_tag = r->lim.max_tag_bytes;
    s->max_attrs = r->lim.max_attrs;
    if (strcmp(path, "-") == 0) {
        s->fd = STDIN_FILENO;
    } else if ((s->fd = open(path, O_RDONLY)) < 0) {
        int e = errno;

        source_free(s);
        dipx_error_where(err, path, NULL);
        return dipx_error_set(err, DIPX_EIO, "%s", strerror(e));
    }
    r->src = s;
    return 1;
}

static int
start_root(struct dipx_reader *r, struct dipx_error *err)
{
    struct source *s = r->src;

    s->root_done = 0;
    r->xml_failed = 0;
    s->st = L_TEXT;
    s->depth = 0;
    s->root_line = s->line;
    r->xmlmsg[0] = '\0';
    r->xr = xmlReaderForIO(read_cb, close_cb, s, s->path, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOCDATA);
    if (r->xr == NULL)
        return dipx_error_set(err, DIPX_ENOMEM, "cannot create XML reader");
    xmlTextReaderSetStructuredErrorHandler(r->xr, xml_error_cb, r);
    return 0;
}

/* Fills ERR for a failure of the current root: the lexer's own message
 * first (it stopped the bytes), else libxml2's. */
static int
root_error(struct dipx_reader *r, int code, const char *msg,
           struct dipx_error *err)
{
    struct source *s = r->src;
    long line = 0, col = 0;

    dipx_error_where(err, strcmp(s->path, "-") == 0 ? "<stdin>" : s->path,
                     r->cur_doc ? r->cur_doc : "");
    if (s->msg[0] != '\0') {
        line = s->line + 1;
        msg = s->msg;
    } else if (msg == NULL && r->xmlmsg[0] != '\0') {
        msg = r->xmlmsg;
        line = r->xmlline + s->root_line;
        col = r->xmlcol;
    } else if (r->xr != NULL && xmlTextReaderCurrentNode(r->xr) != NULL) {
        /* The line of the node at fault; the parser has read ahead, so
         * its own position (and column) would point past it. */
        line = xmlGetLineNo(xmlTextReaderCurrentNode(r->xr)) + s->root_line;
    }
    dipx_error_at(err, line, col, -1);
    return dipx_error_set(err, code, "%s", msg ? msg : "malformed XML");
}

static int
is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    return 1;
}

static int
in_ns(xmlTextReaderPtr xr)
{
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(xr);

    return ns != NULL && strcmp((const char *)ns, DIPX_STREAM_NS) == 0;
}

#define NAME(xr) ((const char *)xmlTextReaderConstLocalName(xr))
#define VALUE(xr) ((const char *)xmlTextReaderConstValue(xr))

/* Reads one node, checking depth.  1 node, 0 end, <0 error. */
static int
next_node(struct dipx_reader *r, struct dipx_error *err)
{
    int ret = xmlTextReaderRead(r->xr);

    if (ret < 0) {
        r->xml_failed = 1;
        return root_error(r, DIPX_EINPUT, NULL, err);
    }
    if (ret > 0 && xmlTextReaderDepth(r->xr) > r->lim.max_depth) {
        r->xml_failed = 1;
        return root_error(r, DIPX_ELIMIT, "elements nested too deep", err);
    }
    if (ret > 0 &&
        xmlTextReaderNodeType(r->xr) == XML_READER_TYPE_DOCUMENT_TYPE) {
        r->xml_failed = 1;
        return root_error(r, DIPX_EINPUT, "DOCTYPE refused", err);
    }
    return ret;
}

static int bad(struct dipx_reader *r, struct dipx_error *err,
               const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int
bad(struct dipx_reader *r, struct dipx_error *err, const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return root_error(r, DIPX_EINPUT, msg, err);
}

/* Reads the text content of the current element (its end consumed). */
static int
read_content(struct dipx_reader *r, struct dipx_buf *b, int nested_ok,
             struct dipx_error *err)
{
    int depth = xmlTextReaderDepth(r->xr), ret;

    dipx_buf_reset(b);
    if (xmlTextReaderIsEmptyElement(r->xr))
        return 0;
    while ((ret = next_node(r, err)) > 0) {
        int type = xmlTextReaderNodeType(r->xr);

        if (type == XML_READER_TYPE_END_ELEMENT &&
            xmlTextReaderDepth(r->xr) == depth)
            return 0;
        if (type == XML_READER_TYPE_TEXT ||
            type == XML_READER_TYPE_CDATA ||
            type == XML_READER_TYPE_WHITESPACE ||
            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            if (dipx_buf_puts(b, VALUE(r->xr)) < 0)
                return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        } else if (type == XML_READER_TYPE_ELEMENT && !nested_ok) {
            return bad(r, err, "unexpected element <%s> inside text", NAME(r->xr));
        }
    }
    return ret < 0 ? ret : bad(r, err, "%s", "unexpected end of input");
}

/* Parses the attributes of the current element into E. */
static int
read_attrs(struct dipx_reader *r, struct dipx_doc *doc, struct dipx_elem *e,
           struct dipx_error *err)
{
    while (xmlTextReaderMoveToNextAttribute(r->xr) > 0) {
        const xmlChar *prefix = xmlTextReaderConstPrefix(r->xr);

        if (prefix != NULL || strcmp(NAME(r->xr), "xmlns") == 0)
            continue;           /* xmlns, xml:space */
        if (dipx_elem_set(doc, e, NAME(r->xr), VALUE(r->xr)) < 0)
            return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    }
    xmlTextReaderMoveToElement(r->xr);
    return 0;
}

/* Reads an annotation element and its children, recursively. */
static int
read_elem(struct dipx_reader *r, struct dipx_doc *doc, struct dipx_elem *e,
          struct dipx_buf *tmp, struct dipx_error *err)
{
    int depth = xmlTextReaderDepth(r->xr), ret, rc;

    if ((rc = read_attrs(r, doc, e, err)) < 0)
        return rc;
    if (xmlTextReaderIsEmptyElement(r->xr))
        return 0;
    dipx_buf_reset(tmp);
    while ((ret = next_node(r, err)) > 0) {
        int type = xmlTextReaderNodeType(r->xr);

        if (type == XML_READER_TYPE_END_ELEMENT &&
            xmlTextReaderDepth(r->xr) == depth)
            break;
        if (type == XML_READER_TYPE_ELEMENT) {
            struct dipx_elem *kid;

            if (!in_ns(r->xr))
                return bad(r, err, "element <%s> outside the dipx namespace", NAME(r->xr));
            kid = dipx_elem_add_kid(doc, e, NAME(r->xr));
            if (kid == NULL)
                return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
            /* The kid's own text uses TMP: keep ours out of its way. */
            if (tmp->len > 0 && !is_blank(tmp->data) &&
                dipx_elem_set_text(doc, e, tmp->data, tmp->len) < 0)
                return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
            if ((rc = read_elem(r, doc, kid, tmp, err)) < 0)
                return rc;
            dipx_buf_reset(tmp);
        } else if (type != XML_READER_TYPE_COMMENT &&
                   type != XML_READER_TYPE_PROCESSING_INSTRUCTION) {
            if (dipx_buf_puts(tmp, VALUE(r->xr)) < 0)
                return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        }
    }
    if (ret < 0)
        return ret;
    if (ret == 0)
        return bad(r, err, "%s", "unexpected end of input");
    /* Whitespace between child elements is layout, not content. */
    if (e->text == NULL && tmp->len > 0 && (e->nkids == 0 ||
                                             !is_blank(tmp->data)))
        return dipx_elem_set_text(doc, e, tmp->data, tmp->len) < 0
                   ? dipx_error_set(err, DIPX_ENOMEM, "out of memory") : 0;
    return 0;
}

static int
hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Parses a decimal attribute of the current element into *OUT. */
static int
get_i64(const struct dipx_elem *e, const char *name, int64_t *out)
{
    size_t v;

    /* Offsets and sizes far beyond any file: refused, so that sums of
     * them cannot overflow. */
    if (dipx_elem_get_size(e, name, &v) < 0 || v > ((size_t)1 << 52))
        return -1;
    *out = (int64_t)v;
    return 0;
}

static int
read_edits(struct dipx_reader *r, struct dipx_doc *doc, struct dipx_buf *tmp,
           struct dipx_error *err)
{
    struct dipx_elem edits = {0};
    size_t i;
    int rc;

    if ((rc = read_elem(r, doc, &edits, tmp, err)) < 0)
        return rc;
    for (i = 0; i < edits.nkids; i++) {
        const struct dipx_elem *k = &edits.kids[i];
        const char *was = dipx_elem_get(k, "was");
        size_t at, len, n, j;
        int64_t src;

        if (strcmp(k->name, "e") != 0 || dipx_elem_get_size(k, "at", &at) ||
            dipx_elem_get_size(k, "len", &len) || get_i64(k, "src", &src) ||
            was == NULL || (n = strlen(was)) % 2 != 0)
            return bad(r, err, "malformed edit <%s> (needs at, len, src, was)", k->name);
        dipx_buf_reset(tmp);
        for (j = 0; j < n; j += 2) {
            int hi = hexval(was[j]), lo = hexval(was[j + 1]);

            if (hi < 0 || lo < 0)
                return bad(r, err, "%s", "edit 'was' is not hex");
            if (dipx_buf_putc(tmp, hi * 16 + lo) < 0)
                return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        }
        if (dipx_doc_add_edit(doc, at, len, src,
                              (const unsigned char *)tmp->data, n / 2) < 0)
            return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    }
    return 0;
}

static int
read_layer(struct dipx_reader *r, struct dipx_doc *doc, struct dipx_buf *tmp,
           struct dipx_error *err)
{
    struct dipx_elem top = {0};
    struct dipx_layer *l;
    int rc;

    if ((rc = read_elem(r, doc, &top, tmp, err)) < 0)
        return rc;
    if (dipx_elem_get(&top, "stage") == NULL ||
        dipx_elem_get(&top, "version") == NULL)
        return bad(r, err, "%s", "<layer> without stage or version");
    if (dipx_doc_layer(doc, dipx_elem_get(&top, "stage")) != NULL)
        return bad(r, err, "two layers of stage '%s'", dipx_elem_get(&top, "stage"));
    l = dipx_doc_append_layer(doc);
    if (l == NULL)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    l->stage = dipx_elem_get(&top, "stage");
    l->version = dipx_elem_get(&top, "version");
    l->dict = dipx_elem_get(&top, "dict");
    l->needs = dipx_elem_get(&top, "needs");
    l->elems = top.kids;
    l->nelems = top.nkids;
    l->capelems = top.capkids;
    return 0;
}

/* Sets the document's metadata from the attributes of <doc>. */
static int
doc_attrs(struct dipx_reader *r, struct dipx_doc *doc, struct dipx_error *err)
{
    struct dipx_elem a = {0};
    const char *v;
    int rc;

    if ((rc = read_attrs(r, doc, &a, err)) < 0)
        return rc;
    doc->id = dipx_elem_get(&a, "id");
    if (doc->id == NULL)
        return bad(r, err, "%s", "<doc> without id");
    r->cur_doc = doc->id;
    doc->lang = dipx_elem_get(&a, "lang");
    doc->date = dipx_elem_get(&a, "date");
    doc->source = dipx_elem_get(&a, "source");
    doc->url = dipx_elem_get(&a, "url");
    doc->title = dipx_elem_get(&a, "title");
    doc->publisher = dipx_elem_get(&a, "publisher");
    doc->encoding = dipx_elem_get(&a, "encoding");
    doc->sha256 = dipx_elem_get(&a, "sha256");
    if (dipx_elem_get(&a, "bytes") && get_i64(&a, "bytes", &doc->bytes))
        return bad(r, err, "%s", "bad 'bytes' attribute");
    if (dipx_elem_get(&a, "base") && get_i64(&a, "base", &doc->base))
        return bad(r, err, "%s", "bad 'base' attribute");
    if (dipx_elem_get(&a, "srcbase") &&
        get_i64(&a, "srcbase", &doc->srcbase))
        return bad(r, err, "%s", "bad 'srcbase' attribute");
    if ((v = dipx_elem_get(&a, "part")) != NULL &&
        (sscanf(v, "%d/%d", &doc->part, &doc->nparts) != 2 ||
         doc->part < 1 || doc->part > doc->nparts))
        return bad(r, err, "bad part '%s' (expected K/N)", v);
    return 0;
}

static int
read_doc_body(struct dipx_reader *r, struct dipx_doc *doc,
              struct dipx_buf *tmp, struct dipx_error *err)
{
    int ret, rc, seen_text = 0;

    if (xmlTextReaderIsEmptyElement(r->xr))
        return bad(r, err, "%s", "<doc> without <text>");
    while ((ret = next_node(r, err)) > 0) {
        int type = xmlTextReaderNodeType(r->xr);
        const char *name = NAME(r->xr);

        if (type == XML_READER_TYPE_END_ELEMENT)
            break;
        if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA)
            return bad(r, err, "%s", "text directly inside <doc>");
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (!in_ns(r->xr))
            return bad(r, err, "element <%s> outside the dipx namespace", name);
        if (strcmp(name, "text") == 0 && !seen_text) {
            if ((rc = read_content(r, tmp, 0, err)) < 0)
                return rc;
            char *t = dipx_buf_steal(tmp);

            if (t == NULL)
                return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
            dipx_doc_take_text(doc, t, strlen(t));
            doc->text_clean = 1;    /* libxml2 let no other character in */
            seen_text = 1;
        } else if (strcmp(name, "edits") == 0 && seen_text) {
            rc = read_edits(r, doc, tmp, err);
        } else if (strcmp(name, "layer") == 0 && seen_text) {
            rc = read_layer(r, doc, tmp, err);
        } else {
            return bad(r, err, "unexpected element <%s> in <doc>", name);
        }
        if (rc < 0)
            return rc;
    }
    if (ret < 0)
        return ret;
    if (ret == 0)
        return bad(r, err, "%s", "unexpected end of input");
    if (!seen_text)
        return bad(r, err, "%s", "<doc> without <text>");
    if ((rc = dipx_edits_check(doc, err)) < 0) {
        char msg[DIPX_ERRMSG_MAX];

        snprintf(msg, sizeof(msg), "%s", err->msg);
        return root_error(r, rc, msg, err);
    }
    return 0;
}

/*
 * After a document whose XML is fine but whose content is not (no id, a
 * bad edit...): reads on to its </doc>, so that the documents after it in
 * the same root are still read.  Returns 0, or -1 when the XML fails too.
 */
static int
skip_doc(struct dipx_reader *r)
{
    int type = xmlTextReaderNodeType(r->xr);
    int depth = xmlTextReaderDepth(r->xr);

    if ((depth == 1 && type == XML_READER_TYPE_END_ELEMENT) ||
        (depth == 1 && type == XML_READER_TYPE_ELEMENT &&
         xmlTextReaderIsEmptyElement(r->xr)))
        return 0;
    for (;;) {
        if (xmlTextReaderRead(r->xr) <= 0) {
            r->xml_failed = 1;
            return -1;
        }
        if (xmlTextReaderDepth(r->xr) == 1 &&
            xmlTextReaderNodeType(r->xr) == XML_READER_TYPE_END_ELEMENT)
            return 0;
    }
}

/* Advances to the next <doc> of the current root and reads it.
 * 1 read, 0 the root is done, <0 error. */
static int
read_doc(struct dipx_reader *r, struct dipx_doc **out,
         struct dipx_error *err)
{
    struct dipx_buf tmp = DIPX_BUF_INIT;
    struct dipx_doc *doc = NULL;
    int ret, rc = 0;

    while ((ret = next_node(r, err)) > 0) {
        int type = xmlTextReaderNodeType(r->xr);
        int depth = xmlTextReaderDepth(r->xr);

        if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) {
            rc = bad(r, err, "%s", "text outside <doc>");
            goto out;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        if (depth == 0) {
            if (strcmp(NAME(r->xr), "corpus") != 0 || !in_ns(r->xr)) {
                rc = bad(r, err, "not a dipx stream: root element <%s> "
                         "(expected <corpus xmlns=\"" DIPX_STREAM_NS "\">)",
                         NAME(r->xr));
                goto out;
            }
            continue;
        }
        if (depth != 1 || strcmp(NAME(r->xr), "doc") != 0 || !in_ns(r->xr)) {
            rc = bad(r, err, "unexpected element <%s> in <corpus>", NAME(r->xr));
            goto out;
        }
        /* The line of the <doc> tag itself; the parser reads ahead. */
        r->last_line = xmlGetLineNo(xmlTextReaderCurrentNode(r->xr)) +
                       r->src->root_line;
        snprintf(r->last_file, sizeof(r->last_file), "%s",
                 strcmp(r->src->path, "-") == 0 ? "<stdin>" : r->src->path);
        doc = dipx_doc_new();
        if (doc == NULL) {
            rc = dipx_error_set(err, DIPX_ENOMEM, "out of memory");
            goto out;
        }
        if ((rc = doc_attrs(r, doc, err)) < 0 ||
            (rc = read_doc_body(r, doc, &tmp, err)) < 0)
            goto out;
        *out = doc;
        doc = NULL;
        rc = 1;
        goto out;
    }
    rc = ret;
out:
    if (rc < 0 && doc != NULL && !r->xml_failed)
        skip_doc(r);
    if (doc != NULL)
        r->cur_doc = NULL;      /* it pointed into the document freed here */
    dipx_doc_free(doc);
    dipx_buf_free(&tmp);
    return rc;
}

int
dipx_reader_next(struct dipx_reader *r, struct dipx_doc **out,
                 struct dipx_error *err)
{
    int rc;

    *out = NULL;
    for (;;) {
        if (r->src == NULL) {
            rc = open_next_input(r, err);
            if (rc <= 0)
                return rc;
        }
        if (r->xr == NULL) {
            if (!more_roots(r->src)) {
                int fatal = r->src->fatal;

                if (fatal)
                    rc = root_error(r, DIPX_EIO, NULL, err);
                source_free(r->src);
                r->src = NULL;
                if (fatal)
                    return rc;
                continue;
            }
            if ((rc = start_root(r, err)) < 0)
                return rc;
        }
        r->cur_doc = NULL;
        rc = read_doc(r, out, err);
        if (rc > 0)
            return 1;
        if (rc < 0 && !r->xml_failed)
            return rc;          /* one bad document; the root goes on */
        xmlFreeTextReader(r->xr);
        r->xr = NULL;
        if (rc == 0)
            continue;
        /* A bad root: skip what is left of it and go on after it. */
        drain_root(r->src);
        if (r->src->fatal) {
            source_free(r->src);
            r->src = NULL;
        }
        return rc;
    }
}
