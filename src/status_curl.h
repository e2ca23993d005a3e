/*
 * status_curl.h -- libcurl loaded at run time: the table of the functions status.c uses
 * SPDX-License-Identifier: MIT
 *
 * The guide does not link libcurl: with OpenSSL and the rest it would cost
 * several MiB of RSS in every SSH session before anyone looks anything up.
 * Only the status client and update.c include this (and <curl/curl.h>, for types).
 */
#ifndef YIBAO_STATUS_CURL_H
#define YIBAO_STATUS_CURL_H

#include <curl/curl.h>

/* The libcurl functions used, filled by dlsym. */
struct curl_api {
	CURLcode (*global_init)(long flags);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	void (*easy_cleanup)(CURL *e);
	CURLcode (*easy_setopt)(CURL *e, CURLoption opt, ...);
	CURLcode (*easy_getinfo)(CURL *e, CURLINFO info, ...);
	CURLcode (*easy_perform)(CURL *e); /* yibao --update (update.c) */
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
};

/*
 * dlopen libcurl.so.4 on the first call and resolve every function. Returns
 * the table (read-only, owned by this module, valid for the life of the
 * process: the library is never unloaded, as OpenSSL's exit handlers must stay
 * mapped), or NULL when the library or one of its functions is missing.
 */
const struct curl_api *status_curl_load(void);

#endif
