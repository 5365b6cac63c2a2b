/*
 * votes.h - dipx-votes: how UN texts were voted, as the text reports it.
 *
 * Finds recorded votes (in favour, against, abstaining), adoption without
 * a vote, support figures and sponsorship counts with the patterns of
 * dictionaries/<lang>/votes.pcre, reads figures written in digits or
 * words (<lang>/numbers.tsv), and gives each its body (<lang>/bodies.tsv,
 * from the sentence, the subject's symbol, or the paragraph) and its
 * subject (a symbol or title of the symbols layer), then writes the votes
 * layer (DESIGN.md).
 */
#ifndef DIPX_VOTES_H
#define DIPX_VOTES_H

#include <stdio.h>

#include "dipx/stage.h"

#define DIPX_VOTES_VERSION "1"

extern const struct dipx_stage dipx_votes_stage;

int dipx_votes_main(int argc, char **argv, FILE *out, FILE *errf);

#endif
