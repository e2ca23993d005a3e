/*
 * dated.h -- the dated lines: the figures' year, the payment period and the edition against today
 * SPDX-License-Identifier: MIT
 *
 * What a screen or a document says about today: that its figures are for
 * another year, where today stands in the region's payment period, the
 * bundle's edition and whether it may be out of date. Text only, from the
 * region profile the guide shows (guide_value), the guide's bundle and a today
 * the caller gives (session_today, a test's fixed day): no clock, no app, no
 * screen.
 */
#ifndef YIBAO_DATED_H
#define YIBAO_DATED_H

#include <stdbool.h>

#include "config.h"
#include "dates.h"
#include "guide.h"
#include "layout.h"

/* The year the money figures are for: the profile's fee_year, else g's bundle's policy year (0: none). */
int dated_figures_year(const struct guide *g);
/*
 * The one line a money screen adds when today is past the figures' year (or
 * before it, or the clock is wrong), or NULL when the year is this year.
 * New string; caller frees.
 */
char *dated_year_notice(const struct guide *g, const struct dates_today *t);
/*
 * Where today stands in the profile's payment period (open with N days left,
 * not yet open, closed and what follows, hedged as the sources hedge), or NULL
 * when the profile gives no dates. New string; caller frees.
 */
char *dated_period_standing(const struct guide *g, const struct dates_today *t);
/* Does s state an amount in 元 (or is it the calculator)? s may be NULL (no). */
bool dated_states_money(const struct screen *s);
/* Lay out the year notice (money) and the period standing (period) that apply, at the end of l. */
void dated_lines(struct layout *l, const struct guide *g, const struct dates_today *t, bool money,
		 bool period);
/*
 * Lay out g's bundle's version and policy year, and when the bundle is past
 * valid-until or older than cfg's warn_after_days (counted from t), the notice
 * that figures may be out of date. Nothing when g has no bundle.
 */
void dated_edition_lines(struct layout *l, const struct config *cfg, const struct guide *g,
			 const struct dates_today *t);

#endif
