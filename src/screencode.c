/*
 * screencode.c -- a screen code as people type it ("3.4", "３．４", "3。4")
 * SPDX-License-Identifier: MIT
 */
#include "screencode.h"

#include <string.h>

#include "text.h"

/* What one character of typed text is to a code. */
enum part {
	P_DIGIT,
	P_DOT,
	P_SPACE,
	P_OTHER
};

static enum part part_of(long cp, char *digit)
{
	if (cp >= '0' && cp <= '9') {
		*digit = (char)cp;
		return P_DIGIT;
	}
	if (cp >= 0xFF10 && cp <= 0xFF19) { /* full width ０-９ */
		*digit = (char)('0' + (cp - 0xFF10));
		return P_DIGIT;
	}
	/* . ． 。 ｡: the full stops an input method types for a dot. */
	if (cp == '.' || cp == 0xFF0E || cp == 0x3002 || cp == 0xFF61)
		return P_DOT;
	if (cp == ' ' || cp == 0x3000 || cp == '\t')
		return P_SPACE;
	return P_OTHER;
}

bool screencode_parse(const char *text, char *out, size_t cap)
{
	size_t i = 0, len, n = 0;
	enum part last = P_DOT; /* the start is like just after a dot: a digit must follow */
	bool space = false;

	if (cap == 0)
		return false;
	out[0] = '\0';
	if (text == NULL)
		return false;
	len = strlen(text);
	while (i < len) {
		char digit = 0;
		long cp = text_decode(text, len, &i);
		enum part p = part_of(cp, &digit);

		if (p == P_OTHER)
			goto refuse;
		if (p == P_SPACE) {
			space = true;
			continue;
		}
		/* A dot needs a digit before it; a space inside a number splits it. */
		if ((p == P_DOT && last == P_DOT) || (p == P_DIGIT && last == P_DIGIT && space))
			goto refuse;
		if (n + 1 >= cap)
			goto refuse;
		out[n++] = p == P_DOT ? '.' : digit;
		last = p;
		space = false;
	}
	if (n == 0 || last != P_DIGIT)
		goto refuse;
	out[n] = '\0';
	return true;
refuse:
	out[0] = '\0';
	return false;
}
