/* error.c - the error record (error.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dipx/error.h"

void
dipx_error_clear(struct dipx_error *err)
{
    if (err == NULL)
        return;
    memset(err, 0, sizeof(*err));
    err->byte = -1;
}

int
dipx_error_set(struct dipx_error *err, int code, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return code;
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return code;
}

void
dipx_error_where(struct dipx_error *err, const char *file, const char *doc)
{
    if (err == NULL)
        return;
    if (file != NULL)
        snprintf(err->file, sizeof(err->file), "%s", file);
    if (doc != NULL)
        snprintf(err->doc, sizeof(err->doc), "%s", doc);
}

void
dipx_error_at(struct dipx_error *err, long line, long col, long long byte)
{
    if (err == NULL)
        return;
    err->line = line;
    err->col = col;
    err->byte = byte;
}

void
dipx_error_print(FILE *out, const char *prog, const char *severity,
                 const struct dipx_error *err)
{
    const char *msg = err->msg[0] ? err->msg : dipx_strerror(err->code);

    fprintf(out, "%s: ", prog);
    if (err->file[0]) {
        fputs(err->file, out);
        if (err->line > 0) {
            fprintf(out, ":%ld", err->line);
            if (err->col > 0)
                fprintf(out, ":%ld", err->col);
        }
        fputs(": ", out);
    }
    if (err->doc[0])
        fprintf(out, "doc %s: ", err->doc);
    if (severity != NULL)
        fprintf(out, "%s: ", severity);
    fprintf(out, "%s\n", msg);
}

const char *
dipx_strerror(int code)
{
    switch (code) {
    case DIPX_OK: return "success";
    case DIPX_ENOMEM: return "out of memory";
    case DIPX_EIO: return "input/output error";
    case DIPX_EINPUT: return "bad input";
    case DIPX_EUSAGE: return "invalid usage";
    case DIPX_EDICT: return "bad or missing dictionary";
    case DIPX_ELAYER: return "missing layer";
    case DIPX_ELIMIT: return "resource limit reached";
    default: return "unknown error";
    }
}
