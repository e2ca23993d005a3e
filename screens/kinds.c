/*
 * kinds.c -- the screen kinds of the guide, as one table the model is given
 * (struct screen_set in src/nav.h): which operations show each content kind,
 * the generated views, and the entry points the key loop and main call
 * SPDX-License-Identifier: MIT
 */
#include "screens.h"

const struct screen_set screens_set = {
	.by_kind = {
		[KIND_MENU] = &menu_ops,
		[KIND_PAGE] = &page_ops,
		[KIND_CHECKLIST] = &checklist_ops,
		[KIND_WIZARD] = &wizard_ops,
		[KIND_CALCULATOR] = &calculator_ops,
		[KIND_STATUS] = &status_ops,
	},
	.help = &help_ops,
	.search = &search_ops,
	.search_run = screens_search,
	.search_step = screens_search_step,
	.status_open = screens_status_open,
	.status_changed = screens_status_changed,
	.open_slip = screens_open_slip,
	.answer_code_goto = screens_answer_code_goto,
	.answer_code_set = screens_answer_code_set,
	.open_regions = screens_open_regions,
};
