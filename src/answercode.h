/*
 * answercode.h -- the help-desk answer code: a wizard's answers as a few digits
 * SPDX-License-Identifier: MIT
 *
 * A resident reads the code aloud; the help-desk types it into its own yibao and
 * sees the same result. The code is built from the content alone (the wizard's
 * questions and options, their order, the sorted list of region profiles), so
 * two machines with the same content agree without talking to each other.
 * Layout (docs/content-format.md, "Answer codes"), most significant first:
 *
 *   W W W W  T T  P ... P  C
 *   |        |    |        Damm check digit over all the digits before it
 *   |        |    payload: region index * combinations + answer rank
 *   |        region tag: FNV-1a of the region's name, mod 100
 *   wizard fingerprint: FNV-1a of the questions and options, mod 10000
 *
 * The answer rank numbers the complete answer sets the wizard can produce (every
 * question whose condition holds answered, no other) in the order the wizard
 * asks them: a mixed-radix number whose digits are the option indexes of the
 * questions asked. Nothing here draws or knows about curses.
 */
#ifndef YIBAO_ANSWERCODE_H
#define YIBAO_ANSWERCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "rules.h"

/* Digits of the fingerprint and of the region tag. */
#define ANSWERCODE_FP_DIGITS 4
#define ANSWERCODE_TAG_DIGITS 2
/* Most answer combinations a wizard may have to get codes (more: no codes). */
#define ANSWERCODE_MAX_COMBOS 20000
/* Longest code in digits, and a buffer that holds it grouped, with its NUL. */
#define ANSWERCODE_MAX_DIGITS 20
#define ANSWERCODE_BUF 32

/* One wizard's code book, built from content (see answercode_new). */
struct answercode {
	const struct screen *wizard; /* not owned */
	size_t *qblock;              /* block index of each question */
	size_t nq;
	uint8_t *combos; /* ncombos rows of nq: 0 = not asked, k = option k-1 */
	size_t ncombos;
	char **regions; /* sorted profile names (copies) */
	size_t nregions;
	int region;           /* index of the active region in regions, or -1 */
	unsigned fingerprint; /* 0 .. 10^ANSWERCODE_FP_DIGITS - 1 */
	int ndigits;          /* length of every code of this book, check digit included */
};

/*
 * Build the code book of wizard (a KIND_WIZARD screen with its body) for the
 * region profiles named in regions (any order; copied and sorted), active being
 * the active one. Returns a new book (free with answercode_free), or NULL with
 * one line in why (whylen bytes; why may be NULL) when the wizard cannot have
 * codes (no questions, more than ANSWERCODE_MAX_COMBOS answer sets, more than
 * 254 options). wizard must stay valid while the book is used.
 */
struct answercode *answercode_new(const struct screen *wizard, char *const *regions,
				  size_t nregions, const char *active, char *why, size_t whylen);
void answercode_free(struct answercode *ac);

/*
 * The code of answers a (only the wizard's questions are read) for the active
 * region, as digits into out (at least ANSWERCODE_BUF bytes). Returns false (out
 * empty) when a is not a complete answer set the wizard could produce.
 */
bool answercode_encode(const struct answercode *ac, const struct answers *a, char *out,
		       size_t outlen);

/* digits grouped for reading aloud: threes, the last group four when one is left over
 * ("3729140518" -> "372 914 0518"). out holds at least ANSWERCODE_BUF bytes. */
void answercode_group(const char *digits, char *out, size_t outlen);

/*
 * Normalise what someone typed: full-width digits folded, spaces and dashes
 * (ASCII, full-width, Unicode dashes) dropped. Returns true and the digits in out
 * (ANSWERCODE_BUF bytes) when text is digits only, at least 6 and at most
 * ANSWERCODE_MAX_DIGITS of them; false otherwise (not an answer code).
 */
bool answercode_normalize(const char *text, char *out, size_t outlen);

enum answercode_status {
	AC_OK,             /* answers filled, for the active region */
	AC_OTHER_REGION,   /* a good code for another installed region (*region says which) */
	AC_TYPO,           /* check digit or length wrong: a digit misheard or mistyped */
	AC_VERSION,        /* made with another version of the wizard */
	AC_REGION_MISSING, /* for a region whose profile is not installed here */
	AC_REGION_LIST,    /* the two machines' lists of region profiles differ */
	AC_NOT_CODE,       /* not digits at all */
};

/*
 * Decode digits (as answercode_normalize gives them). On AC_OK and
 * AC_OTHER_REGION the answers are set in *out (which the caller clears first)
 * and *region is the region's index in ac->regions; otherwise *out is untouched
 * and *region is -1. No code decodes to an answer set the wizard cannot produce.
 */
enum answercode_status answercode_decode(const struct answercode *ac, const char *digits,
					 struct answers *out, int *region);

/*
 * What to tell the person about status st for digits: one line of Chinese into
 * why (whylen bytes; ANSWERCODE_WHY_MAX holds every message with region titles
 * of up to 300 bytes; a longer one is cut between characters). For
 * AC_OTHER_REGION, region is the code's region index, code_title its title
 * (NULL: its name is used) and here_title the active region's title.
 */
void answercode_message(const struct answercode *ac, enum answercode_status st,
			const char *digits, int region, const char *code_title, const char *here_title,
			char *why, size_t whylen);
/* A why buffer for answercode_message. */
#define ANSWERCODE_WHY_MAX 1024

/* Damm check digit ('0'..'9') of the n digits at s. */
char answercode_damm(const char *s, size_t n);

#endif
