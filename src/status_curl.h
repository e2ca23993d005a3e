/*
 * status_curl.h -- libcurl loaded at run time, and the network rules every transfer follows
 * SPDX-License-Identifier: MIT
 *
 * The guide does not link libcurl: with OpenSSL and the rest it would cost
 * several MiB of RSS in every SSH session before anyone looks anything up.
 * Only the status client and update.c include this (and <curl/curl.h>, for types).
 */
#ifndef YIBAO_STATUS_CURL_H
#define YIBAO_STATUS_CURL_H

#include <curl/curl.h>
#include <stdbool.h>
#include <stdint.h>

/* The libcurl functions used, filled by dlsym. */
struct curl_api {
	CURLcode (*global_init)(long flags);
	CURLcode (*global_init_mem)(long flags, curl_malloc_callback m, curl_free_callback f,
				    curl_realloc_callback r, curl_strdup_callback s,
				    curl_calloc_callback c);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	void (*easy_cleanup)(CURL *e);
	CURLcode (*easy_setopt)(CURL *e, CURLoption opt, ...);
	CURLcode (*easy_getinfo)(CURL *e, CURLINFO info, ...);
	CURLcode (*easy_perform)(CURL *e); /* yibao --update (update.c) */
	/* A header of the response being received (fetch.c, for yibao --update). */
	CURLHcode (*easy_header)(CURL *e, const char *name, size_t index, unsigned int origin,
				 int request, struct curl_header **hout);
	const char *(*easy_strerror)(CURLcode rc);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_cleanup)(CURLM *m);
	CURLMcode (*multi_add_handle)(CURLM *m, CURL *e);
	CURLMcode (*multi_remove_handle)(CURLM *m, CURL *e);
	CURLMcode (*multi_setopt)(CURLM *m, CURLMoption opt, ...);
	CURLMcode (*multi_socket_action)(CURLM *m, curl_socket_t s, int ev, int *running);
	CURLMsg *(*multi_info_read)(CURLM *m, int *left);
	struct curl_slist *(*slist_append)(struct curl_slist *l, const char *s);
	void (*slist_free_all)(struct curl_slist *l);
	CURLU *(*url)(void);
	void (*url_cleanup)(CURLU *u);
	CURLUcode (*url_set)(CURLU *u, CURLUPart what, const char *part, unsigned int flags);
	CURLUcode (*url_get)(const CURLU *u, CURLUPart what, char **part, unsigned int flags);
	void (*free)(void *p);
	/*
	 * OpenSSL's SSL_CTX_set_options, from the libssl libcurl was linked with
	 * (found, not loaded); NULL when libcurl uses another TLS library.
	 */
	uint64_t (*ssl_ctx_set_options)(void *ctx, uint64_t op);
};

/* OpenSSL 3's SSL_OP_CLEANSE_PLAINTEXT: wipe received plaintext once it is read. */
#define STATUS_SSL_OP_CLEANSE_PLAINTEXT ((uint64_t)1 << 1)

/*
 * dlopen libcurl.so.4 on the first call and resolve every function (and, when
 * libcurl brought OpenSSL's libssl.so.3 in, SSL_CTX_set_options). Returns
 * the table (read-only, owned by this module, valid for the life of the
 * process: the library is never unloaded, as OpenSSL's exit handlers must stay
 * mapped), or NULL when the library or one of its functions is missing.
 */
const struct curl_api *status_curl_load(void);

/*
 * libcurl's global set-up with an allocator that wipes every block before it
 * is freed or left behind by a moving realloc (curl_global_init_mem), for a
 * process whose transfers carry an ID number: libcurl does not wipe its
 * request and receive buffers itself (curl issues #725, #7268). Returns
 * CURLE_OK, or libcurl's error.
 */
CURLcode status_curl_init_wiping(const struct curl_api *api);

/* The rules every transfer of the guide's follows (status lookups, yibao --update). */
struct curl_rules {
	const char *url;
	bool http;                  /* plain http (a test server on 127.0.0.1), else https only */
	const char *ca_file;        /* the CA bundle to trust, or NULL for the system's */
	const char *proxy;          /* the config's proxy, or NULL: none, not the environment's */
	const char *agent;          /* User-Agent */
	struct curl_slist *headers; /* extra request headers, or NULL */
	char *errbuf;               /* CURL_ERROR_SIZE bytes for libcurl's message */
	bool cleanse;               /* OpenSSL wipes each decrypted record once read */
};
/*
 * Set the options that make those rules on e: https only (or http to the
 * test server), redirects only to https, the peer and host verified, TLS 1.2
 * or newer, no proxy from the environment, no signals. The caller adds
 * redirects, time limits, sizes and its callbacks. Returns false when this
 * libcurl refuses one (then nothing may be sent).
 */
bool status_curl_rules(const struct curl_api *api, CURL *e, const struct curl_rules *r);

#endif
