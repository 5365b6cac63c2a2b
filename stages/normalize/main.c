/* dipx-normalize: see normalize.h and dipx-normalize(1). */
#include <stdio.h>

#include <libxml/parser.h>

#include "dipx/normalize.h"

int
main(int argc, char **argv)
{
    int rc;

    LIBXML_TEST_VERSION
    rc = dipx_normalize_main(argc, argv, stdout, stderr);
    xmlCleanupParser();
    return rc;
}
