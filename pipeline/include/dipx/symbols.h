/*
 * symbols.h - dipx-symbols: UN document symbols in the text.
 *
 * Finds every UN document symbol (A/RES/73/27, A/C.1/73/L.27/Rev.1,
 * S/RES/2231 (2015) ...), short reference ("resolution 73/27") and UN
 * press-release number (GA/DIS/3619, kind="press") with the patterns of
 * dictionaries/common/symbols.pcre and <lang>/symbols.pcre, and writes
 * the symbols layer (DESIGN.md).
 */
#ifndef DIPX_SYMBOLS_H
#define DIPX_SYMBOLS_H

#include <stdio.h>

#include "dipx/stage.h"

#define DIPX_SYMBOLS_VERSION "1"

extern const struct dipx_stage dipx_symbols_stage;

/* The dipx-symbols command.  Returns an exit status. */
int dipx_symbols_main(int argc, char **argv, FILE *out, FILE *errf);

#endif
