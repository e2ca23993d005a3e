/*
 * refs.c -- the content ids and profile values the C code relies on, in one table
 * SPDX-License-Identifier: MIT
 */
#include "refs.h"

#include <string.h>

#include "config.h"

static const struct {
	const char *id;
	enum kind kind;
	const char *used_by;
} refs[REF_COUNT] = {
	[REF_HOME] = {"home", KIND_MENU, "the first screen"},
	[REF_ELIGIBILITY] = {"eligibility", KIND_WIZARD, "the slip's answers and result"},
	[REF_MATERIALS] = {"materials", KIND_CHECKLIST, "the slip's materials"},
	[REF_NEXT_STEPS] = {"next-steps", KIND_PAGE, "the slip's next steps"},
	[REF_CARD] = {"card", KIND_PAGE, "the card lookup key s"},
	[REF_STATUS] = {"status", KIND_STATUS, "the status lookup"},
};

const char *refs_id(enum ref r)
{
	return (unsigned)r < REF_COUNT ? refs[r].id : NULL;
}

const char *refs_used_by(enum ref r)
{
	return (unsigned)r < REF_COUNT ? refs[r].used_by : NULL;
}

enum kind refs_kind(enum ref r)
{
	return (unsigned)r < REF_COUNT ? refs[r].kind : KIND_COUNT;
}
