/* dipx-eval: see eval.h and dipx-eval(1). */
#include <stdio.h>

#include <libxml/parser.h>

#include "dipx/eval.h"

int
main(int argc, char **argv)
{
    int rc;

    LIBXML_TEST_VERSION
    rc = dipx_eval_main(argc, argv, stdout, stderr);
    xmlCleanupParser();
    return rc;
}
