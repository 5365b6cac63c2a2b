/* dipx-symbols: see symbols.h and dipx-symbols(1). */
#include <stdio.h>

#include <libxml/parser.h>

#include "dipx/symbols.h"

int
main(int argc, char **argv)
{
    int rc;

    LIBXML_TEST_VERSION
    rc = dipx_symbols_main(argc, argv, stdout, stderr);
    xmlCleanupParser();
    return rc;
}
