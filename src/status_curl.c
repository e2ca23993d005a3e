/*
 * status_curl.c -- libcurl loaded at run time, and the network rules every transfer follows
 * SPDX-License-Identifier: MIT
 */
#include "status_curl.h"

#include <dlfcn.h>
#include <malloc.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "util.h"

#ifndef STATUS_LIBCURL
#define STATUS_LIBCURL "libcurl.so.4"
#endif

static const struct util_sym syms[] = {
	{"curl_global_init", offsetof(struct curl_api, global_init)},
	{"curl_global_init_mem", offsetof(struct curl_api, global_init_mem)},
	{"curl_global_cleanup", offsetof(struct curl_api, global_cleanup)},
	{"curl_easy_init", offsetof(struct curl_api, easy_init)},
	{"curl_easy_cleanup", offsetof(struct curl_api, easy_cleanup)},
	{"curl_easy_setopt", offsetof(struct curl_api, easy_setopt)},
	{"curl_easy_getinfo", offsetof(struct curl_api, easy_getinfo)},
	{"curl_easy_perform", offsetof(struct curl_api, easy_perform)},
	{"curl_easy_header", offsetof(struct curl_api, easy_header)},
	{"curl_easy_strerror", offsetof(struct curl_api, easy_strerror)},
	{"curl_multi_init", offsetof(struct curl_api, multi_init)},
	{"curl_multi_cleanup", offsetof(struct curl_api, multi_cleanup)},
	{"curl_multi_add_handle", offsetof(struct curl_api, multi_add_handle)},
	{"curl_multi_remove_handle", offsetof(struct curl_api, multi_remove_handle)},
	{"curl_multi_setopt", offsetof(struct curl_api, multi_setopt)},
	{"curl_multi_socket_action", offsetof(struct curl_api, multi_socket_action)},
	{"curl_multi_info_read", offsetof(struct curl_api, multi_info_read)},
	{"curl_slist_append", offsetof(struct curl_api, slist_append)},
	{"curl_slist_free_all", offsetof(struct curl_api, slist_free_all)},
	{"curl_url", offsetof(struct curl_api, url)},
	{"curl_url_cleanup", offsetof(struct curl_api, url_cleanup)},
	{"curl_url_set", offsetof(struct curl_api, url_set)},
	{"curl_url_get", offsetof(struct curl_api, url_get)},
	{"curl_free", offsetof(struct curl_api, free)},
};

/* Filled once per process; read-only afterwards. */
static struct curl_api api;
static int api_state; /* 0 not tried, 1 loaded, -1 missing */

const struct curl_api *status_curl_load(void)
{
	void *h, *ssl;

	if (api_state != 0)
		return api_state > 0 ? &api : NULL;
	api_state = -1;
	h = dlopen(STATUS_LIBCURL, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL)
		return NULL;
	if (util_dlsyms(h, syms, ARRAY_LEN(syms), &api) != NULL) {
		dlclose(h);
		memset(&api, 0, sizeof api);
		return NULL;
	}
	/* Already mapped as libcurl's dependency when it uses OpenSSL 3; never loaded here. */
	ssl = dlopen("libssl.so.3", RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
	if (ssl != NULL) {
		void *p = dlsym(ssl, "SSL_CTX_set_options");

		if (p != NULL)
			memcpy(&api.ssl_ctx_set_options, &p, sizeof p);
	}
	api_state = 1;
	return &api;
}

/* With OpenSSL: each decrypted record is wiped from its read buffer once curl has it. */
static CURLcode on_ssl_ctx(CURL *e, void *ctx, void *ud)
{
	(void)e;
	(void)ud;
	/* Only set when the table has it (status_curl_rules): api is loaded. */
	api.ssl_ctx_set_options(ctx, STATUS_SSL_OP_CLEANSE_PLAINTEXT);
	return CURLE_OK;
}

/*
 * libcurl's allocator (curl_global_init_mem): the C library's, but every
 * block is wiped before it is freed, or left behind by a moving realloc, so
 * no request or answer buffer of libcurl's keeps an ID number in the heap.
 * libcurl does not wipe its upload and receive buffers itself (curl issues
 * #725, #7268). Thread-safe, as the threaded resolver needs: each call touches
 * only its own block.
 */
static void wipe_free(void *p)
{
	if (p != NULL) {
		explicit_bzero(p, malloc_usable_size(p));
		free(p);
	}
}

static void *wipe_malloc(size_t n)
{
	return malloc(n);
}

static void *wipe_realloc(void *p, size_t n)
{
	size_t old;
	void *q;

	if (p == NULL)
		return malloc(n);
	old = malloc_usable_size(p);
	if (n <= old && n > 0)
		return p;
	if ((q = malloc(n > 0 ? n : 1)) == NULL)
		return NULL;
	memcpy(q, p, old < n ? old : n);
	wipe_free(p);
	return q;
}

static char *wipe_strdup(const char *s)
{
	return strdup(s);
}

static void *wipe_calloc(size_t n, size_t size)
{
	return calloc(n, size);
}

CURLcode status_curl_init_wiping(const struct curl_api *a)
{
	return a->global_init_mem(CURL_GLOBAL_DEFAULT, wipe_malloc, wipe_free, wipe_realloc,
				  wipe_strdup, wipe_calloc);
}

bool status_curl_rules(const struct curl_api *a, CURL *e, const struct curl_rules *r)
{
	CURLcode (*set)(CURL *, CURLoption, ...) = a->easy_setopt;
	bool ok = true;

	ok &= set(e, CURLOPT_ERRORBUFFER, r->errbuf) == CURLE_OK;
	ok &= set(e, CURLOPT_URL, r->url) == CURLE_OK;
	ok &= set(e, CURLOPT_PROTOCOLS_STR, r->http ? "http" : "https") == CURLE_OK;
	ok &= set(e, CURLOPT_REDIR_PROTOCOLS_STR, "https") == CURLE_OK;
	ok &= set(e, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK;
	ok &= set(e, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK;
	ok &= set(e, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2) == CURLE_OK;
	if (r->ca_file != NULL && r->ca_file[0] != '\0')
		ok &= set(e, CURLOPT_CAINFO, r->ca_file) == CURLE_OK;
	/* "" turns off the proxies of the environment; only the config names one. */
	ok &= set(e, CURLOPT_PROXY, r->proxy != NULL ? r->proxy : "") == CURLE_OK;
	/* CURLOPT_NOSIGNAL leaves SIGPIPE to the caller (ignored): a peer that hangs up cannot kill us. */
	ok &= set(e, CURLOPT_NOSIGNAL, 1L) == CURLE_OK;
	ok &= set(e, CURLOPT_USERAGENT, r->agent) == CURLE_OK;
	if (r->headers != NULL)
		ok &= set(e, CURLOPT_HTTPHEADER, r->headers) == CURLE_OK;
	/* A libcurl built for another TLS library refuses it: nothing to cleanse then. */
	if (r->cleanse && !r->http && a == &api && api.ssl_ctx_set_options != NULL)
		set(e, CURLOPT_SSL_CTX_FUNCTION, on_ssl_ctx);
	return ok;
}
