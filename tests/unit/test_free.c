/*
 * test_free.c -- every _free, _clear and _close of the engine accepts NULL (STYLE: tmux menu_free)
 * SPDX-License-Identifier: MIT
 *
 * One case per function, so a crash names it. A new _free or _clear belongs
 * here too (a _free frees what it is given; a _clear only empties a struct).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "answercode.h"
#include "bundle.h"
#include "config.h"
#include "fetch.h"
#include "guide.h"
#include "input_keys.h"
#include "layout.h"
#include "nav.h"
#include "regions.h"
#include "rules.h"
#include "screen.h"
#include "status.h"
#include "status_parse.h"
#include "update_state.h"
#include "util.h"

#define FREE_CASE(name, call)          \
	static void name(void **state) \
	{                              \
		(void)state;           \
		call;                  \
	}

FREE_CASE(answercode_free_null, answercode_free(NULL))
FREE_CASE(bundle_close_null, bundle_close(NULL))
FREE_CASE(bundle_head_clear_null, bundle_head_clear(NULL))
FREE_CASE(bundle_manifest_clear_null, bundle_manifest_clear(NULL))
FREE_CASE(cond_free_null, cond_free(NULL))
FREE_CASE(config_clear_null, config_clear(NULL))
FREE_CASE(kv_clear_null, kv_clear(NULL))
FREE_CASE(regions_clear_null, regions_clear(NULL))
FREE_CASE(regions_profile_clear_null, regions_profile_clear(NULL))
FREE_CASE(fetch_free_null, fetch_clear(NULL))
FREE_CASE(guide_free_null, guide_free(NULL))
FREE_CASE(input_keys_help_free_null, input_keys_help_free(NULL, 0))
FREE_CASE(layout_clear_null, layout_clear(NULL))
FREE_CASE(app_clear_null, app_clear(NULL))
FREE_CASE(screen_free_null, screen_free(NULL))
FREE_CASE(blocks_free_null, blocks_free(NULL, 0))
FREE_CASE(rich_clear_null, rich_clear(NULL))
FREE_CASE(status_free_null, status_free(NULL))
FREE_CASE(sb_clear_null, sb_clear(NULL))
FREE_CASE(diags_clear_null, diags_clear(NULL))
FREE_CASE(answers_clear_null, answers_clear(NULL))
FREE_CASE(status_result_clear_null, status_result_clear(NULL))
FREE_CASE(update_state_clear_null, update_state_clear(NULL))

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(answercode_free_null),
		cmocka_unit_test(bundle_close_null),
		cmocka_unit_test(bundle_head_clear_null),
		cmocka_unit_test(bundle_manifest_clear_null),
		cmocka_unit_test(cond_free_null),
		cmocka_unit_test(config_clear_null),
		cmocka_unit_test(kv_clear_null),
		cmocka_unit_test(regions_clear_null),
		cmocka_unit_test(regions_profile_clear_null),
		cmocka_unit_test(fetch_free_null),
		cmocka_unit_test(guide_free_null),
		cmocka_unit_test(input_keys_help_free_null),
		cmocka_unit_test(layout_clear_null),
		cmocka_unit_test(app_clear_null),
		cmocka_unit_test(screen_free_null),
		cmocka_unit_test(blocks_free_null),
		cmocka_unit_test(rich_clear_null),
		cmocka_unit_test(status_free_null),
		cmocka_unit_test(sb_clear_null),
		cmocka_unit_test(diags_clear_null),
		cmocka_unit_test(answers_clear_null),
		cmocka_unit_test(status_result_clear_null),
		cmocka_unit_test(update_state_clear_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
