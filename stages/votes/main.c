/* dipx-votes: see votes.h and dipx-votes(1). */
#include <stdio.h>

#include <libxml/parser.h>

#include "dipx/votes.h"

int
main(int argc, char **argv)
{
    int rc;

    LIBXML_TEST_VERSION
    rc = dipx_votes_main(argc, argv, stdout, stderr);
    xmlCleanupParser();
    return rc;
}
