/*
 * status_parse.c -- the pure half of status lookups: ID check, mask, response parser
 * SPDX-License-Identifier: MIT
 *
 * No network, no terminal, no state: everything here is a function of its
 * arguments, so the unit tests and the fuzzer see exactly what the guide sees.
 */
#include "status_parse.h"

#include <cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "util.h"

/* Widest text field kept (columns); a longer one is cut at a character boundary. */
#define FIELD_COLS 1000

static const char *const kind_names[STATUS_KIND_COUNT] = {"enrollment", "payment", "card",
							  "claim"};
static const char *const kind_labels[STATUS_KIND_COUNT] = {"参保", "交费", "医保卡", "报销"};

static const char *const enrollment_states[] = {"enrolled", "not_enrolled", "suspended"};
static const char *const enrollment_labels[] = {"已参保", "没有参保", "参保已暂停"};
static const char *const payment_states[] = {"paid", "unpaid", "pending"};
static const char *const payment_labels[] = {"已交费", "没有交费", "交费正在处理中"};
static const char *const card_states[] = {"in_production", "ready_for_pickup", "mailed",
					  "collected"};
static const char *const card_labels[] = {"医保卡正在制作", "医保卡可以领取了", "医保卡已邮寄",
					  "医保卡已领取"};
static const char *const claim_states[] = {"submitted", "reviewing", "approved", "paid",
					   "rejected"};
static const char *const claim_labels[] = {"报销申请已提交", "报销申请正在审核", "报销已批准",
					   "报销款已支付", "报销申请没有通过"};

static const struct state_table {
	const char *const *names;
	const char *const *labels;
	size_t n;
	unsigned good; /* bit i: state i is good news */
} tables[STATUS_KIND_COUNT] = {
	{enrollment_states, enrollment_labels, ARRAY_LEN(enrollment_states), 1u << 0},
	{payment_states, payment_labels, ARRAY_LEN(payment_states), 1u << 0},
	{card_states, card_labels, ARRAY_LEN(card_states), 1u << 1 | 1u << 2 | 1u << 3},
	{claim_states, claim_labels, ARRAY_LEN(claim_states), 1u << 2 | 1u << 3},
};

/* The number is the region profile's hotline: the status screen shows it below. */
#define OFFLINE "可以带身份证到当地医保服务窗口查询，或拨打医保服务热线。"

static const char *const err_messages[SE_COUNT] = {
	[SE_NONE] = "",
	[SE_NO_RECORD] = "没有查到这个身份证号的记录。如果已经办理，可能还没有录入；" OFFLINE,
	[SE_NO_LIBCURL] = "这台机器缺少联网查询用的程序库（libcurl），现在不能在线查询。" OFFLINE,
	[SE_CONFIG] = "查询地址没有配置对（只能用 https），现在不能在线查询。" OFFLINE,
	[SE_TOKEN] = "读不到查询用的凭据文件，现在不能在线查询。" OFFLINE,
	[SE_TIMEOUT] = "查询超时：查询服务没有按时答复。请稍后再试；" OFFLINE,
	[SE_CONNECT] = "连不上查询服务（连接被拒绝或网络不通）。请稍后再试；" OFFLINE,
	[SE_DNS] = "找不到查询服务的地址（域名解析失败），可能是网络没有接通。" OFFLINE,
	[SE_TLS] = "查询服务的安全证书没有通过验证，为了安全没有发送查询。" OFFLINE,
	[SE_REDIRECT] = "查询服务要把查询转到别的地址，为了安全没有跟着转。" OFFLINE,
	[SE_AUTH] = "查询服务不接受这台机器的凭据。请告诉管理员；" OFFLINE,
	[SE_HTTP_CLIENT] = "查询服务不接受这次查询。" OFFLINE,
	[SE_HTTP_SERVER] = "查询服务暂时出了故障。请稍后再试；" OFFLINE,
	[SE_HTTP_OTHER] = "查询服务的答复不正常。" OFFLINE,
	[SE_CONTENT_TYPE] = "查询服务答复的不是查询结果（类型不对）。" OFFLINE,
	[SE_TOO_BIG] = "查询服务的答复太长，已经停止接收。" OFFLINE,
	[SE_MALFORMED] = "查询服务的答复格式错乱，看不懂。" OFFLINE,
	[SE_TOO_DEEP] = "查询服务的答复层次太多，已经拒收。" OFFLINE,
	[SE_FIELDS] = "查询服务的答复缺少内容或内容不对。" OFFLINE,
	[SE_NETWORK] = "查询时网络出了问题。请稍后再试；" OFFLINE,
	[SE_CANCELLED] = "已取消查询。",
};

enum status_id_check status_id_check(const char *id)
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char check[] = "10X98765432";
	size_t len = strlen(id);
	int sum = 0;
	char last;

	if (len != STATUS_ID_LEN)
		return STATUS_ID_LENGTH;
	for (size_t i = 0; i < 17; i++) {
		if (id[i] < '0' || id[i] > '9')
			return STATUS_ID_CHARS;
		sum += (id[i] - '0') * weight[i];
	}
	last = id[17] == 'x' ? 'X' : id[17];
	if (!((last >= '0' && last <= '9') || last == 'X'))
		return STATUS_ID_CHARS;
	return check[sum % 11] == last ? STATUS_ID_OK : STATUS_ID_CHECKSUM;
}

char *status_mask_id(const char *id)
{
	size_t len = strlen(id), nchars = 0, k = 0, i = 0, show_from;
	char *out = xmalloc(len + 1);

	while (i < len) {
		text_decode(id, len, &i);
		nchars++;
	}
	show_from = nchars > 18 ? nchars - 4 : 14;
	for (i = 0; i < len; k++) {
		size_t j = i;

		text_decode(id, len, &j);
		/* Only printable ASCII is shown: nothing else can be part of a valid number. */
		if ((k < 4 || k >= show_from) && j == i + 1 && (unsigned char)id[i] >= 0x20 &&
		    id[i] != 0x7F)
			out[k] = id[i];
		else
			out[k] = '*';
		i = j;
	}
	out[k] = '\0';
	return out;
}

const char *status_kind_name(enum status_kind k)
{
	return (unsigned)k < STATUS_KIND_COUNT ? kind_names[k] : "unknown";
}

const char *status_kind_label(enum status_kind k)
{
	return (unsigned)k < STATUS_KIND_COUNT ? kind_labels[k] : "未知";
}

const char *const *status_states(enum status_kind k, size_t *n)
{
	if ((unsigned)k >= STATUS_KIND_COUNT) {
		*n = 0;
		return NULL;
	}
	*n = tables[k].n;
	return tables[k].names;
}

const char *status_state_label(enum status_kind k, int state)
{
	if ((unsigned)k >= STATUS_KIND_COUNT || state < 0 || (size_t)state >= tables[k].n)
		return "状态未知";
	return tables[k].labels[state];
}

bool status_state_good(enum status_kind k, int state)
{
	if ((unsigned)k >= STATUS_KIND_COUNT || state < 0 || (size_t)state >= tables[k].n)
		return false;
	return (tables[k].good >> state) & 1u;
}

const char *status_err_message(enum status_err e)
{
	return (unsigned)e < SE_COUNT ? err_messages[e] : err_messages[SE_NETWORK];
}

void status_result_clear(struct status_result *r)
{
	char **strs[6];

	if (r == NULL)
		return;
	strs[0] = &r->state_raw;
	strs[1] = &r->detail;
	strs[2] = &r->updated;
	strs[3] = &r->pickup_location;
	strs[4] = &r->claim_id;
	strs[5] = &r->err_detail;
	for (size_t i = 0; i < ARRAY_LEN(strs); i++) {
		if (*strs[i] != NULL) {
			util_wipe(*strs[i], strlen(*strs[i]));
			free(*strs[i]);
		}
	}
	util_wipe(r, sizeof *r);
}

/* True when brackets outside strings nest deeper than max. */
static bool too_deep(const char *s, size_t len, int max)
{
	int depth = 0;
	bool in_str = false;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = false;
		} else if (c == '"') {
			in_str = true;
		} else if (c == '{' || c == '[') {
			if (++depth > max)
				return true;
		} else if ((c == '}' || c == ']') && depth > 0) {
			depth--; /* never below 0: stray closers cannot buy depth */
		}
	}
	return false;
}

/* "application/json", any case, optionally followed by parameters. */
static bool is_json_type(const char *ct)
{
	static const char want[] = "application/json";
	size_t n = sizeof want - 1;

	if (ct == NULL)
		return false;
	while (*ct == ' ')
		ct++;
	if (strncasecmp(ct, want, n) != 0)
		return false;
	ct += n;
	while (*ct == ' ')
		ct++;
	return *ct == '\0' || *ct == ';';
}

/* A sanitised copy of network text (one line), cut at FIELD_COLS columns. */
static char *clean(const char *s)
{
	size_t len = strlen(s);
	char *out = text_sanitize(s, len, 0, &len, NULL);
	size_t keep = text_fit(out, len, FIELD_COLS, NULL);

	/* What is cut off is wiped, not left behind the NUL (it may hold an ID number). */
	util_wipe(out + keep, len - keep);
	return out;
}

static bool is_date(const char *s)
{
	int m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* A whole number in [lo, hi] (JSON has only doubles). */
static bool get_int(const cJSON *j, long long lo, long long hi, long long *out)
{
	double d;

	if (!cJSON_IsNumber(j))
		return false;
	d = j->valuedouble;
	if (!(d >= (double)lo && d <= (double)hi))
		return false;
	if ((double)(long long)d != d)
		return false;
	*out = (long long)d;
	return true;
}

static enum status_err fail_field(struct status_result *out, const char *name)
{
	out->err = SE_FIELDS;
	free(out->err_detail);
	out->err_detail = xstrdup(name);
	return SE_FIELDS;
}

/* A required string field; NULL (and out->err set) when missing or not a string. */
static const char *need_string(const cJSON *o, const char *name, struct status_result *out)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, name);

	if (!cJSON_IsString(j) || j->valuestring == NULL) {
		fail_field(out, name);
		return NULL;
	}
	return j->valuestring;
}

/* An optional field, or NULL when it is absent or null (both mean "not given"). */
static const cJSON *optional(const cJSON *o, const char *name)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsNull(j) ? NULL : j;
}

static enum status_err parse_record(enum status_kind want, const cJSON *o,
				    struct status_result *out)
{
	const char *kind, *state, *detail, *updated;
	const cJSON *j;
	size_t n;
	const char *const *names = status_states(want, &n);
	long long v;

	if ((kind = need_string(o, "kind", out)) == NULL ||
	    (state = need_string(o, "state", out)) == NULL ||
	    (detail = need_string(o, "detail", out)) == NULL ||
	    (updated = need_string(o, "updated", out)) == NULL)
		return out->err;
	if (strcmp(kind, status_kind_name(want)) != 0)
		return fail_field(out, "kind");
	if (!is_date(updated))
		return fail_field(out, "updated");
	out->amount_fen = -1;
	if (want == STATUS_CARD && (j = optional(o, "pickup_location")) != NULL) {
		if (!cJSON_IsString(j))
			return fail_field(out, "pickup_location");
		out->pickup_location = clean(j->valuestring);
	}
	if (want == STATUS_CLAIM && (j = optional(o, "claim_id")) != NULL) {
		if (!cJSON_IsString(j))
			return fail_field(out, "claim_id");
		out->claim_id = clean(j->valuestring);
	}
	if (want == STATUS_PAYMENT && (j = optional(o, "year")) != NULL) {
		if (!get_int(j, 1900, 2200, &v))
			return fail_field(out, "year");
		out->year = (long)v;
	}
	if (want == STATUS_PAYMENT && (j = optional(o, "amount_fen")) != NULL) {
		if (!get_int(j, 0, 1000000000000LL, &v))
			return fail_field(out, "amount_fen");
		out->amount_fen = v;
	}
	out->state = STATUS_STATE_UNKNOWN;
	for (size_t i = 0; i < n; i++)
		if (strcmp(state, names[i]) == 0)
			out->state = (int)i;
	out->state_raw = clean(state);
	out->detail = clean(detail);
	out->updated = clean(updated);
	out->err = SE_NONE;
	return SE_NONE;
}

/*
 * cJSON copied every key and string out of the answer, which may echo the ID
 * number: wipe them before cJSON_Delete frees them.
 */
static void wipe_json(cJSON *j)
{
	for (; j != NULL; j = j->next) {
		if (j->string != NULL)
			util_wipe(j->string, strlen(j->string));
		if (j->valuestring != NULL)
			util_wipe(j->valuestring, strlen(j->valuestring));
		wipe_json(j->child);
	}
}

static void delete_json(cJSON *j)
{
	wipe_json(j);
	cJSON_Delete(j);
}

/* Parse body as one JSON object (nothing but blanks after it); NULL and err set if not. */
static cJSON *parse_object(const char *body, size_t len, struct status_result *out)
{
	const char *end = NULL;
	cJSON *root;

	if (too_deep(body, len, STATUS_MAX_DEPTH)) {
		out->err = SE_TOO_DEEP;
		return NULL;
	}
	root = cJSON_ParseWithLengthOpts(body, len, &end, 0);
	if (root != NULL && end != NULL) {
		while (end < body + len && strchr(" \t\r\n", *end) != NULL && *end != '\0')
			end++;
		if (end != body + len) {
			delete_json(root);
			root = NULL;
		}
	}
	if (root == NULL || !cJSON_IsObject(root)) {
		delete_json(root);
		out->err = SE_MALFORMED;
		return NULL;
	}
	return root;
}

enum status_err status_parse(enum status_kind want, long http_code, const char *content_type,
			     const char *body, size_t len, struct status_result *out)
{
	cJSON *root;
	const cJSON *e;

	out->kind = want;
	out->http_code = http_code;
	out->state = STATUS_STATE_UNKNOWN;
	out->err = SE_NONE;
	if (http_code != 200 && http_code != 404) {
		if (http_code >= 300 && http_code < 400)
			out->err = SE_REDIRECT;
		else if (http_code == 401 || http_code == 403)
			out->err = SE_AUTH;
		else if (http_code >= 400 && http_code < 500)
			out->err = SE_HTTP_CLIENT;
		else if (http_code >= 500 && http_code < 600)
			out->err = SE_HTTP_SERVER;
		else
			out->err = SE_HTTP_OTHER;
		out->err_detail = xasprintf("HTTP %ld", http_code);
		return out->err;
	}
	if (len > STATUS_MAX_BODY) {
		out->err = SE_TOO_BIG;
		return out->err;
	}
	if (!is_json_type(content_type)) {
		/* A 404 from something else (a wrong url) is not "no record". */
		out->err = http_code == 404 ? SE_HTTP_CLIENT : SE_CONTENT_TYPE;
		out->err_detail = http_code == 404 ? xstrdup("HTTP 404") : NULL;
		return out->err;
	}
	if ((root = parse_object(body, len, out)) == NULL)
		return out->err;
	if (http_code == 404) {
		e = cJSON_GetObjectItemCaseSensitive(root, "error");
		if (cJSON_IsString(e) && strcmp(e->valuestring, "not_found") == 0) {
			out->err = SE_NO_RECORD;
		} else {
			out->err = SE_HTTP_CLIENT;
			out->err_detail = xstrdup("HTTP 404");
		}
	} else {
		parse_record(want, root, out);
	}
	delete_json(root);
	return out->err;
}

/* SipHash-2-4 (Aumasson and Bernstein), for status_id_key. */
static uint64_t rotl(uint64_t x, int b)
{
	return (x << b) | (x >> (64 - b));
}

static void sipround(uint64_t v[4])
{
	v[0] += v[1], v[1] = rotl(v[1], 13), v[1] ^= v[0], v[0] = rotl(v[0], 32);
	v[2] += v[3], v[3] = rotl(v[3], 16), v[3] ^= v[2];
	v[0] += v[3], v[3] = rotl(v[3], 21), v[3] ^= v[0];
	v[2] += v[1], v[1] = rotl(v[1], 17), v[1] ^= v[2], v[2] = rotl(v[2], 32);
}

static uint64_t siphash(const uint64_t k[2], const unsigned char *in, size_t len)
{
	uint64_t v[4] = {0x736f6d6570736575ULL ^ k[0], 0x646f72616e646f6dULL ^ k[1],
			 0x6c7967656e657261ULL ^ k[0], 0x7465646279746573ULL ^ k[1]};
	uint64_t m, b = (uint64_t)len << 56;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		m = 0;
		for (int j = 7; j >= 0; j--)
			m = m << 8 | in[i + (size_t)j];
		v[3] ^= m;
		sipround(v);
		sipround(v);
		v[0] ^= m;
	}
	for (size_t j = 0; i + j < len; j++)
		b |= (uint64_t)in[i + j] << (8 * j);
	v[3] ^= b;
	sipround(v);
	sipround(v);
	v[0] ^= b;
	v[2] ^= 0xff;
	for (int r = 0; r < 4; r++)
		sipround(v);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

uint64_t status_id_key(const uint64_t key[2], enum status_kind kind, const char *id)
{
	unsigned char buf[1 + STATUS_ID_LEN];
	size_t n = strlen(id);
	uint64_t h;

	if (n > STATUS_ID_LEN)
		n = STATUS_ID_LEN;
	memset(buf, 0, sizeof buf);
	buf[0] = (unsigned char)kind;
	memcpy(buf + 1, id, n);
	h = siphash(key, buf, sizeof buf);
	util_wipe(buf, sizeof buf);
	return h;
}
