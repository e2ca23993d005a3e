/*
 * status_curl.c -- libcurl loaded at run time: the table of the functions status.c uses
 * SPDX-License-Identifier: MIT
 */
#include "status_curl.h"

#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

#include "util.h"

#ifndef STATUS_LIBCURL
#define STATUS_LIBCURL "libcurl.so.4"
#endif

static const struct sym {
	const char *name;
	size_t off;
} syms[] = {
	{"curl_global_init", offsetof(struct curl_api, global_init)},
	{"curl_global_cleanup", offsetof(struct curl_api, global_cleanup)},
	{"curl_easy_init", offsetof(struct curl_api, easy_init)},
	{"curl_easy_cleanup", offsetof(struct curl_api, easy_cleanup)},
	{"curl_easy_setopt", offsetof(struct curl_api, easy_setopt)},
	{"curl_easy_getinfo", offsetof(struct curl_api, easy_getinfo)},
	{"curl_easy_perform", offsetof(struct curl_api, easy_perform)},
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
};

/* Filled once per process; read-only afterwards. */
static struct curl_api api;
static int api_state; /* 0 not tried, 1 loaded, -1 missing */

const struct curl_api *status_curl_load(void)
{
	void *h;

	if (api_state != 0)
		return api_state > 0 ? &api : NULL;
	api_state = -1;
	h = dlopen(STATUS_LIBCURL, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL)
		return NULL;
	for (size_t i = 0; i < ARRAY_LEN(syms); i++) {
		void *p = dlsym(h, syms[i].name);

		if (p == NULL) {
			dlclose(h);
			memset(&api, 0, sizeof api);
			return NULL;
		}
		/* POSIX: a function pointer has the size and form of void *. */
		memcpy((char *)&api + syms[i].off, &p, sizeof p);
	}
	api_state = 1;
	return &api;
}
