/*
 * fuzz_status.c -- libFuzzer harness for the status answer parser and the ID checks
 * SPDX-License-Identifier: MIT
 *
 * Input: byte 0 picks the lookup kind and the HTTP code, byte 1 the
 * Content-Type, the rest is the body as the network sent it. Beyond memory
 * safety: the outcome is one of the known ones; a record has a known state or
 * is marked unknown (never taken for good news); every string that reaches the
 * screen is valid UTF-8 with no control character. The same bytes also go
 * through the ID-number check and the masking.
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "../../src/status_parse.h"
#include "../../src/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	text_init_locale();
	return 0;
}

static void check_text(const char *s, const char *what)
{
	size_t i = 0, n;

	if (s == NULL)
		return;
	n = strlen(s);
	if (!fuzz_utf8_ok(s, n))
		fuzz_fail(what);
	while (i < n) {
		long cp = text_decode(s, n, &i);

		if (cp < 0 || text_is_stripped((unsigned long)cp, false))
			fuzz_fail(what);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long codes[] = {200, 200, 200, 404, 500, 301, 401, 418};
	static const char *const types[] = {
		"application/json",
		"application/json; charset=utf-8",
		"text/html",
		NULL,
	};
	struct status_result r;
	enum status_kind kind;
	enum status_err e;
	char *id, *masked;

	if (size < 2)
		return 0;
	kind = (enum status_kind)(data[0] % STATUS_KIND_COUNT);
	memset(&r, 0, sizeof r);
	e = status_parse(kind, codes[(data[0] >> 2) % 8], types[data[1] % 4], (const char *)data + 2,
			 size - 2, &r);
	if ((unsigned)e >= SE_COUNT || e != r.err)
		fuzz_fail("status: outcome out of range or not recorded");
	if (e == SE_NONE) {
		size_t n;

		status_states(kind, &n);
		if (r.state != STATUS_STATE_UNKNOWN && (r.state < 0 || (size_t)r.state >= n))
			fuzz_fail("status: state index out of range");
		if (r.state == STATUS_STATE_UNKNOWN && status_state_good(kind, r.state))
			fuzz_fail("status: an unknown state counted as good news");
	}
	check_text(r.state_raw, "status: state text not clean");
	check_text(r.detail, "status: detail not clean");
	check_text(r.updated, "status: date not clean");
	check_text(r.pickup_location, "status: pickup place not clean");
	check_text(r.claim_id, "status: claim id not clean");
	check_text(r.err_detail, "status: error detail not clean");
	check_text(status_err_message(e), "status: message not clean");
	status_result_clear(&r);

	/* The ID checks see what a person might type. */
	id = xstrndup((const char *)data + 2, size - 2 > 64 ? 64 : size - 2);
	if (status_id_check(id) == STATUS_ID_OK && strlen(id) != STATUS_ID_LEN)
		fuzz_fail("status: an ID of the wrong length passed");
	masked = status_mask_id(id);
	if (strlen(id) == STATUS_ID_LEN) {
		bool ascii = true;

		for (size_t i = 0; i < STATUS_ID_LEN; i++)
			ascii = ascii && id[i] > 0x20 && id[i] < 0x7F; /* what the prompt lets in */
		/* 18 characters: the first 4 and last 4 shown, the 10 between never. */
		if (ascii && (strncmp(masked, id, 4) != 0 || strcmp(masked + 14, id + 14) != 0 ||
			      strncmp(masked + 4, "**********", 10) != 0))
			fuzz_fail("status: the masked ID is not first 4, ten *, last 4");
	}
	free(masked);
	util_wipe(id, strlen(id));
	free(id);
	return 0;
}
