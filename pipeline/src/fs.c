/* fs.c - directories, whole inputs, atomic output (fs.h). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dipx/buf.h"
#include "dipx/fs.h"

int
dipx_paths_add(struct dipx_paths *p, const char *path)
{
    char *copy;

    if (p->n == p->cap) {
        size_t ncap = p->cap ? p->cap * 2 : 16;
        char **v = realloc(p->v, ncap * sizeof(*v));

        if (v == NULL)
            return DIPX_ENOMEM;
        p->v = v;
        p->cap = ncap;
    }
    copy = strdup(path);
    if (copy == NULL)
        return DIPX_ENOMEM;
    p->v[p->n++] = copy;
    return 0;
}

void
dipx_paths_free(struct dipx_paths *p)
{
    size_t i;

    for (i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
    p->v = NULL;
    p->n = p->cap = 0;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int
list_rec(const char *dir, const char *suffix, struct dipx_paths *out,
         struct dipx_error *err, int depth)
{
    struct dipx_paths names = {0};
    struct dipx_buf path = DIPX_BUF_INIT;
    struct dirent *de;
    DIR *d;
    size_t i;
    int rc = 0;

    if (depth > 64)
        return dipx_error_set(err, DIPX_ELIMIT,
                              "%s: directories nested too deep", dir);
    d = opendir(dir);
    if (d == NULL) {
        dipx_error_where(err, dir, NULL);
        return dipx_error_set(err, DIPX_EIO, "%s", strerror(errno));
    }
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if ((rc = dipx_paths_add(&names, de->d_name)) < 0)
            goto out;
    }
    if (names.n > 1)
        qsort(names.v, names.n, sizeof(*names.v), cmp_str);
    for (i = 0; i < names.n; i++) {
        struct stat st;

        dipx_buf_reset(&path);
        if ((rc = dipx_buf_printf(&path, "%s%s%s", dir,
                                  ends_with(dir, "/") ? "" : "/",
                                  names.v[i])) < 0)
            goto out;
        if (lstat(path.data, &st) != 0)
            continue;           /* vanished meanwhile */
        /* A link to a file is its file; a link to a directory is not
         * followed (no loops, no escaping the tree). */
        if (S_ISLNK(st.st_mode) && (stat(path.data, &st) != 0 ||
                                    S_ISDIR(st.st_mode)))
            continue;
        if (S_ISDIR(st.st_mode))
            rc = list_rec(path.data, suffix, out, err, depth + 1);
        else if (S_ISREG(st.st_mode) && ends_with(names.v[i], suffix))
            rc = dipx_paths_add(out, path.data);
        if (rc < 0)
            goto out;
    }
out:
    closedir(d);
    dipx_paths_free(&names);
    dipx_buf_free(&path);
    return rc;
}

int
dipx_fs_list(const char *dir, const char *suffix, struct dipx_paths *out,
             struct dipx_error *err)
{
    return list_rec(dir, suffix, out, err, 0);
}

int
dipx_fs_is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
read_all(int fd, size_t max, struct dipx_input *in, struct dipx_error *err)
{
    struct dipx_buf b = DIPX_BUF_INIT;

    for (;;) {
        ssize_t n;

        if (dipx_buf_reserve(&b, 65536) < 0) {
            dipx_buf_free(&b);
            return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
        }
        n = read(fd, b.data + b.len, 65536);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;

            dipx_buf_free(&b);
            return dipx_error_set(err, DIPX_EIO, "%s", strerror(e));
        }
        if (n == 0)
            break;
        b.len += (size_t)n;
        if (max > 0 && b.len > max) {
            dipx_buf_free(&b);
            return dipx_error_set(err, DIPX_ELIMIT,
                                  "input larger than %zu bytes", max);
        }
    }
    in->len = b.len;
    in->data = (const unsigned char *)dipx_buf_steal(&b);
    in->mapped = 0;
    return in->data == NULL ? DIPX_ENOMEM : 0;
}

int
dipx_input_open(const char *path, size_t max, struct dipx_input *in,
                struct dipx_error *err)
{
    struct stat st;
    int fd, rc;

    memset(in, 0, sizeof(*in));
    dipx_error_where(err, path, NULL);
    if (strcmp(path, "-") == 0)
        return read_all(STDIN_FILENO, max, in, err);
    fd = open(path, O_RDONLY);
    if (fd < 0)
        return dipx_error_set(err, DIPX_EIO, "%s", strerror(errno));
    if (fstat(fd, &st) != 0) {
        rc = dipx_error_set(err, DIPX_EIO, "%s", strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        rc = dipx_error_set(err, DIPX_EIO, "is a directory");
    } else if (S_ISREG(st.st_mode) && st.st_size > 0) {
        void *p;

        if (max > 0 && (uint64_t)st.st_size > max) {
            close(fd);
            return dipx_error_set(err, DIPX_ELIMIT,
                                  "input larger than %zu bytes", max);
        }
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            rc = read_all(fd, max, in, err);
        } else {
            in->data = p;
            in->len = (size_t)st.st_size;
            in->mapped = 1;
            rc = 0;
        }
    } else {
        rc = read_all(fd, max, in, err);
    }
    close(fd);
    return rc;
}

void
dipx_input_close(struct dipx_input *in)
{
    if (in->mapped)
        munmap((void *)(uintptr_t)in->data, in->len);
    else
        free((void *)(uintptr_t)in->data);
    memset(in, 0, sizeof(*in));
}

int
dipx_atomic_open(struct dipx_atomic *a, const char *path,
                 struct dipx_error *err)
{
    struct dipx_buf b = DIPX_BUF_INIT;
    int fd;

    memset(a, 0, sizeof(*a));
    dipx_error_where(err, path, NULL);
    if (dipx_buf_printf(&b, "%s.tmpXXXXXX", path) < 0)
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    fd = mkstemp(b.data);
    if (fd < 0) {
        int e = errno;

        dipx_buf_free(&b);
        return dipx_error_set(err, DIPX_EIO, "cannot create a file next to "
                              "it: %s", strerror(e));
    }
    /* mkstemp makes the file 0600; a finished output gets the mode any
     * new file would: 0666 less the umask. */
    mode_t mask = umask(0);

    umask(mask);
    fchmod(fd, 0666 & ~mask);
    a->tmp = dipx_buf_steal(&b);
    a->path = strdup(path);
    a->f = fdopen(fd, "w");
    if (a->f == NULL || a->path == NULL || a->tmp == NULL) {
        if (a->f == NULL)
            close(fd);
        dipx_atomic_abort(a);
        return dipx_error_set(err, DIPX_ENOMEM, "out of memory");
    }
    return 0;
}

int
dipx_atomic_commit(struct dipx_atomic *a, struct dipx_error *err)
{
    int bad = ferror(a->f) || fflush(a->f) != 0 || fsync(fileno(a->f)) != 0;
    int e = errno;

    if (fclose(a->f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    a->f = NULL;
    if (!bad && rename(a->tmp, a->path) != 0) {
        bad = 1;
        e = errno;
    }
    dipx_error_where(err, a->path, NULL);
    if (bad) {
        dipx_atomic_abort(a);
        return dipx_error_set(err, DIPX_EIO, "write failed: %s",
                              strerror(e));
    }
    free(a->tmp);
    free(a->path);
    a->tmp = a->path = NULL;
    return 0;
}

void
dipx_atomic_abort(struct dipx_atomic *a)
{
    if (a->f != NULL)
        fclose(a->f);
    if (a->tmp != NULL)
        unlink(a->tmp);
    free(a->tmp);
    free(a->path);
    memset(a, 0, sizeof(*a));
}

char *
dipx_fs_doc_id(const char *path, const char *root)
{
    size_t n = root != NULL ? strlen(root) : 0;
    const char *p = path, *slash, *dot;
    char *id;

    while (n > 0 && root[n - 1] == '/')
        n--;
    if (n > 0 && strncmp(path, root, n) == 0 && path[n] == '/')
        p = path + n + 1;
    while (p[0] == '.' && p[1] == '/')
        p += 2;
    while (*p == '/')
        p++;
    id = strdup(p);
    if (id == NULL)
        return NULL;
    slash = strrchr(id, '/');
    dot = strrchr(id, '.');
    if (dot != NULL && dot > (slash ? slash + 1 : id))
        id[dot - id] = '\0';
    return id;
}
