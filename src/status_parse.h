/*
 * status_parse.h -- the pure half of the status lookups: the protocol's kinds,
 * states and outcomes, the ID number check and mask, and the answer parser over
 * a buffer (unit-tested and fuzzed). No network, no terminal.
 * SPDX-License-Identifier: MIT
 */
#ifndef YIBAO_STATUS_PARSE_H
#define YIBAO_STATUS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest answer accepted; more is refused while it arrives. */
#define STATUS_MAX_BODY (64 * 1024)
/* Deepest JSON nesting accepted (a valid answer has depth 1). */
#define STATUS_MAX_DEPTH 8
/* Length of an ID number (GB 11643). */
#define STATUS_ID_LEN 18

enum status_kind {
	STATUS_ENROLLMENT,
	STATUS_PAYMENT,
	STATUS_CARD,
	STATUS_CLAIM,
	STATUS_KIND_COUNT
};

/* How a lookup ended. Each has its own plain message (status_err_message). */
enum status_err {
	SE_NONE,       /* a record: state, detail, ... are set */
	SE_NO_RECORD,  /* HTTP 404 {"error": "not_found"} */
	SE_NO_LIBCURL, /* libcurl.so.4 could not be loaded, or is too old */
	SE_CONFIG,     /* url is not https (or allowed loopback http) */
	SE_TOKEN,      /* token_file unreadable or not one printable token */
	SE_TIMEOUT,
	SE_CONNECT, /* refused or unreachable */
	SE_DNS,
	SE_TLS,          /* certificate not trusted, wrong host, handshake failed */
	SE_REDIRECT,     /* a 3xx: redirects are never followed */
	SE_AUTH,         /* 401 / 403 */
	SE_HTTP_CLIENT,  /* other 4xx */
	SE_HTTP_SERVER,  /* 5xx */
	SE_HTTP_OTHER,   /* any other status but 200 */
	SE_CONTENT_TYPE, /* 200 but not application/json */
	SE_TOO_BIG,      /* over STATUS_MAX_BODY */
	SE_MALFORMED,    /* not a JSON object */
	SE_TOO_DEEP,     /* nested deeper than STATUS_MAX_DEPTH */
	SE_FIELDS,       /* a field missing or of the wrong type */
	SE_NETWORK,      /* any other transfer failure */
	SE_CANCELLED,    /* Esc */
	SE_COUNT
};

/* Unknown state: shown as unknown, never as success. */
#define STATUS_STATE_UNKNOWN (-1)

/* One lookup's outcome. Strings are sanitised UTF-8, owned by the result. */
struct status_result {
	enum status_kind kind;
	enum status_err err;
	int state;       /* index into status_states(kind), or STATUS_STATE_UNKNOWN */
	char *state_raw; /* the state as sent (for an unknown one) */
	char *detail;
	char *updated;                     /* YYYY-MM-DD */
	char *pickup_location;             /* card; NULL when absent */
	char *claim_id;                    /* claim; NULL when absent */
	long year;                         /* payment; 0 when absent */
	long long amount_fen;              /* payment; -1 when absent */
	long http_code;                    /* 0 when no answer came */
	char *err_detail;                  /* field name, HTTP code or library text; may be NULL */
	char masked_id[STATUS_ID_LEN + 1]; /* "1101**********1234" */
};

enum status_id_check {
	STATUS_ID_OK,
	STATUS_ID_LENGTH,
	STATUS_ID_CHARS,
	STATUS_ID_CHECKSUM
};
/*
 * Check an ID number: 18 characters, 17 digits then a digit or X (x accepted),
 * and the GB 11643 check digit. id is only read.
 */
enum status_id_check status_id_check(const char *id);
/*
 * The masked form of id as typed so far: the first 4 and (once there are more
 * than 14 characters) the last 4 shown, every other character a '*'. Works on
 * any UTF-8 text, one '*' per character. Returns a new string (caller frees).
 */
char *status_mask_id(const char *id);

/*
 * The key results are kept under: SipHash-2-4 with key (random per client) of
 * kind and id, so no ID number has to be kept to find a cached answer.
 */
uint64_t status_id_key(const uint64_t key[2], enum status_kind kind, const char *id);

/* "enrollment", "payment", "card", "claim" (static strings). */
const char *status_kind_name(enum status_kind k);
/* The kind in plain Chinese: 参保, 交费, 医保卡, 报销 (static). */
const char *status_kind_label(enum status_kind k);
/* The kind's states as the protocol names them; *n gets the count (static). */
const char *const *status_states(enum status_kind k, size_t *n);
/* A state in plain Chinese; "状态未知" for STATUS_STATE_UNKNOWN (static). */
const char *status_state_label(enum status_kind k, int state);
/* True for states that are good news (shown plainly, never for unknown). */
bool status_state_good(enum status_kind k, int state);
/*
 * The plain message for an outcome, ending with the offline way (service
 * counter, the hotline, whose number the caller shows from the region
 * profile: guide_hotline) for every failure. Static string.
 */
const char *status_err_message(enum status_err e);

/*
 * Parse one answer: HTTP code, Content-Type header (may be NULL) and body
 * (len bytes, need not be NUL-terminated) for a lookup of kind want. Fills out
 * (which must be zeroed or cleared; strings become owned by out) and returns
 * out->err. Never reads past len; rejects nesting deeper than STATUS_MAX_DEPTH
 * before parsing.
 */
enum status_err status_parse(enum status_kind want, long http_code, const char *content_type,
			     const char *body, size_t len, struct status_result *out);
/* Free and wipe what r holds; r is left zeroed. r may be NULL. */
void status_result_clear(struct status_result *r);

#endif
