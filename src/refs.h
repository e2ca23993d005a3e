/*
 * refs.h -- the content ids and profile values the C code relies on, in one table
 * SPDX-License-Identifier: MIT
 *
 * The code opens a few screens by id (the home menu, the wizard and checklist
 * the slip is made of, the page with the card lookup, the status screen) and
 * quotes the profile's hotline. Those ids live here and nowhere else in C, and
 * `--check` makes sure each exists (guide_check_refs) with the kind the code expects, so renaming
 * a content file's id cannot silently break a feature.
 */
#ifndef YIBAO_REFS_H
#define YIBAO_REFS_H

#include "content.h"
#include "util.h"

/*
 * What the guide means by "资料" (said once where a resident first meets the
 * word, in help and in line mode's help): the dated sources named under each screen.
 */
#define REFS_SOURCES_EXPLAINED \
	"“资料”是指每页最下面“来源”里列出的、写明日期的政策文件和官方文章。“资料说”是那些文件里这样写；“资料没有写明”是那些文件没有说，请问当地医保经办机构。"

enum ref {
	REF_HOME,        /* the first screen */
	REF_ELIGIBILITY, /* the wizard whose answers personalise the rest */
	REF_MATERIALS,   /* the checklist the slip lists */
	REF_NEXT_STEPS,  /* the page the slip ends with */
	REF_CARD,        /* the page where s looks up the card */
	REF_STATUS,      /* the status lookup screen */
	REF_COUNT
};

/* The id of ref r: a string literal (never free it); NULL for an r out of range. */
const char *refs_id(enum ref r);
/* The kind the code expects screen r to be. */
enum kind refs_kind(enum ref r);

/* What the code uses screen r for, for messages ("the slip's next steps"). */
const char *refs_used_by(enum ref r);

#endif
