/*
 * slip.c -- the take-away slip as a screen: the document (src/slip.c) in a view
 * SPDX-License-Identifier: MIT
 *
 * What the slip says is the engine's (slip_lay: the situation, the results
 * that apply, what to bring, the next steps, region and content date); this
 * kind opens it as a view and hands it the app's answers, ticks and today.
 * export, --print slip and line mode write this view.
 */
#include "screens.h"

#include "../src/session.h"
#include "../src/slip.h"

static bool slip_ticked(void *ctx, const struct screen *s, size_t block)
{
	return nav_ticked(ctx, s, block);
}

static void slip_layout(struct app *a, struct view *v)
{
	struct slip_in in = {
		.g = a->g,
		.cfg = a->cfg,
		.region = guide_value(a->g, "region"),
		.answers = &a->answers,
		.ticked = slip_ticked,
		.ctx = a,
		.today = session_today(a),
	};

	slip_lay(&v->lay, &in);
}

const struct kind_ops slip_ops = {
	.name = "slip",
	.layout = slip_layout,
};

struct view *screens_open_slip(struct app *a)
{
	return nav_push_view(a, &slip_ops, "slip", "城乡居民医保办事单");
}
