/*
 * minisig.c -- verify minisign signatures (Ed25519, libsodium loaded for each check)
 * SPDX-License-Identifier: MIT
 *
 * libsodium is not linked: a session showing the bundle shipped with the
 * program never checks a signature, and a linked library costs dirty pages in
 * every session. Each check loads it (dlopen) and unloads it when done; checks
 * in flight at once (minisig_verify_start) share one load, counted.
 * <sodium.h> is included for the types and sizes only.
 */
#include "minisig.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"
#include "util.h"

#define KEYID_LEN 8
#define SIGALG_LEN 2
#define SIG_LEN crypto_sign_BYTES             /* 64 */
#define PK_LEN crypto_sign_PUBLICKEYBYTES     /* 32 */
#define HASH_LEN crypto_generichash_BYTES_MAX /* 64: minisign's prehash */
#define LEGACY_MAX (64L * 1024 * 1024)
#define SIGFILE_MAX (16 * 1024)

#ifndef MINISIG_LIBSODIUM
#define MINISIG_LIBSODIUM "libsodium.so.23" /* Debian 12's libsodium23 */
#endif

/* The libsodium functions used, filled by dlsym (prototypes as in <sodium.h>). */
struct sodium_api {
	int (*init)(void);
	int (*base642bin)(unsigned char *bin, size_t bin_maxlen, const char *b64, size_t b64_len,
			  const char *ignore, size_t *bin_len, const char **b64_end, int variant);
	int (*verify_detached)(const unsigned char *sig, const unsigned char *m,
			       unsigned long long mlen, const unsigned char *pk);
	int (*generichash)(unsigned char *out, size_t outlen, const unsigned char *in,
			   unsigned long long inlen, const unsigned char *key, size_t keylen);
	int (*generichash_init)(crypto_generichash_state *st, const unsigned char *key,
				size_t keylen, size_t outlen);
	int (*generichash_update)(crypto_generichash_state *st, const unsigned char *in,
				  unsigned long long inlen);
	int (*generichash_final)(crypto_generichash_state *st, unsigned char *out, size_t outlen);
	int (*randombytes_close)(void);
};

static const struct util_sym sodium_syms[] = {
	{"sodium_init", offsetof(struct sodium_api, init)},
	{"sodium_base642bin", offsetof(struct sodium_api, base642bin)},
	{"crypto_sign_verify_detached", offsetof(struct sodium_api, verify_detached)},
	{"crypto_generichash", offsetof(struct sodium_api, generichash)},
	{"crypto_generichash_init", offsetof(struct sodium_api, generichash_init)},
	{"crypto_generichash_update", offsetof(struct sodium_api, generichash_update)},
	{"crypto_generichash_final", offsetof(struct sodium_api, generichash_final)},
	{"randombytes_close", offsetof(struct sodium_api, randombytes_close)},
};

/*
 * The loader's state: the table is filled when the first user loads the
 * library and cleared when the last one unloads it, both under the lock;
 * a user reads it without the lock while it holds its count.
 */
static pthread_mutex_t sodium_lock = PTHREAD_MUTEX_INITIALIZER;
static struct sodium_api sodium;
static void *sodium_handle;
static unsigned sodium_users;

#ifdef YIBAO_TEST_HOOKS
/*
 * Test builds only (tests/unit/test_minisig.c, never the guide): the library
 * named by YIBAO_TEST_LIBSODIUM is loaded instead, to see a load fail.
 */
static const char *sodium_soname(void)
{
	const char *name = getenv("YIBAO_TEST_LIBSODIUM");

	return name != NULL ? name : MINISIG_LIBSODIUM;
}
#else
static const char *sodium_soname(void)
{
	return MINISIG_LIBSODIUM;
}
#endif

/* dlopen and fill the table; called with the lock held. */
static int sodium_open(char *why, size_t whylen)
{
	const char *name = sodium_soname();
	const char *dl, *missing;

	/* Never evaluated: the compiler checks the table's types against <sodium.h>. */
	(void)sizeof(sodium.init == sodium_init && sodium.base642bin == sodium_base642bin &&
		     sodium.verify_detached == crypto_sign_verify_detached &&
		     sodium.generichash == crypto_generichash &&
		     sodium.generichash_init == crypto_generichash_init &&
		     sodium.generichash_update == crypto_generichash_update &&
		     sodium.generichash_final == crypto_generichash_final &&
		     sodium.randombytes_close == randombytes_close);
	sodium_handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (sodium_handle == NULL) {
		dl = dlerror();
		util_say(why, whylen, "cannot load libsodium to check signatures (%s)",
			 dl != NULL ? dl : name);
		return -1;
	}
	missing = util_dlsyms(sodium_handle, sodium_syms, ARRAY_LEN(sodium_syms), &sodium);
	if (missing != NULL)
		util_say(why, whylen, "cannot load libsodium to check signatures (%s has no %s)",
			 name, missing);
	else if (sodium.init() < 0) /* a fresh copy each load: it starts again */
		util_say(why, whylen, "libsodium cannot start");
	else
		return 0;
	dlclose(sodium_handle);
	sodium_handle = NULL;
	memset(&sodium, 0, sizeof sodium);
	return -1;
}

/*
 * libsodium for one check: loaded by the first of the checks running, kept
 * while any runs. NULL with the reason in why when it cannot be loaded. Every
 * non-NULL return is paired with one sodium_unload().
 */
static const struct sodium_api *sodium_load(char *why, size_t whylen)
{
	const struct sodium_api *so = NULL;

	pthread_mutex_lock(&sodium_lock);
	if (sodium_users > 0 || sodium_open(why, whylen) == 0) {
		sodium_users++;
		so = &sodium;
	}
	pthread_mutex_unlock(&sodium_lock);
	return so;
}

/* One check done: the last one running unloads libsodium. */
static void sodium_unload(void)
{
	pthread_mutex_lock(&sodium_lock);
	if (--sodium_users == 0) {
		sodium.randombytes_close(); /* /dev/urandom, when it had to open it */
		dlclose(sodium_handle);
		sodium_handle = NULL;
		memset(&sodium, 0, sizeof sodium);
	}
	pthread_mutex_unlock(&sodium_lock);
}

/* A .minisig file taken apart; comment points into the caller's text. */
struct sigfile {
	unsigned char alg[SIGALG_LEN];
	unsigned char keyid[KEYID_LEN];
	unsigned char sig[SIG_LEN];
	unsigned char global[SIG_LEN];
	const char *comment;
	size_t comment_len;
};

/* The next line of text (without "\n" or "\r\n"); false at the end. */
static bool next_line(const char **p, const char *end, const char **line, size_t *n)
{
	const char *nl;

	if (*p >= end)
		return false;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	*line = *p;
	*n = (size_t)((nl != NULL ? nl : end) - *p);
	*p = nl != NULL ? nl + 1 : end;
	if (*n > 0 && (*line)[*n - 1] == '\r')
		(*n)--;
	return true;
}

/* Decode exactly want bytes of standard base64 (s, n bytes) into out. */
static bool b64_exact(const struct sodium_api *so, const char *s, size_t n, unsigned char *out,
		      size_t want)
{
	unsigned char buf[128];
	size_t got = 0;

	if (n == 0 || n > 4 * sizeof buf / 3 + 4)
		return false;
	if (so->base642bin(buf, sizeof buf, s, n, NULL, &got, NULL,
			   sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    got != want)
		return false;
	memcpy(out, buf, want);
	return true;
}

static int sig_parse(const struct sodium_api *so, const char *text, size_t len, struct sigfile *sf,
		     char *why, size_t whylen)
{
	static const char untrusted[] = "untrusted comment: ";
	static const char trusted[] = "trusted comment: ";
	const char *p = text, *end = text + len, *line;
	unsigned char raw[SIGALG_LEN + KEYID_LEN + SIG_LEN];
	size_t n;

	if (memchr(text, '\0', len) != NULL) {
		util_say(why, whylen, "signature is not a minisign signature (NUL byte)");
		return -1;
	}
	if (!next_line(&p, end, &line, &n) || n < sizeof untrusted - 1 ||
	    memcmp(line, untrusted, sizeof untrusted - 1) != 0) {
		util_say(why, whylen, "signature is not a minisign signature (no untrusted comment line)");
		return -1;
	}
	if (!next_line(&p, end, &line, &n) || !b64_exact(so, line, n, raw, sizeof raw)) {
		util_say(why, whylen, "signature is not a minisign signature (bad signature line)");
		return -1;
	}
	memcpy(sf->alg, raw, SIGALG_LEN);
	memcpy(sf->keyid, raw + SIGALG_LEN, KEYID_LEN);
	memcpy(sf->sig, raw + SIGALG_LEN + KEYID_LEN, SIG_LEN);
	if (memcmp(sf->alg, "ED", 2) != 0 && memcmp(sf->alg, "Ed", 2) != 0) {
		util_say(why, whylen, "signature uses an unknown algorithm");
		return -1;
	}
	if (!next_line(&p, end, &line, &n) || n < sizeof trusted - 1 ||
	    memcmp(line, trusted, sizeof trusted - 1) != 0) {
		util_say(why, whylen, "signature has no trusted comment line");
		return -1;
	}
	sf->comment = line + sizeof trusted - 1;
	sf->comment_len = n - (sizeof trusted - 1);
	if (sf->comment_len > MINISIG_COMMENT_MAX) {
		util_say(why, whylen, "signature's trusted comment is longer than %d bytes",
			 MINISIG_COMMENT_MAX);
		return -1;
	}
	if (!next_line(&p, end, &line, &n) || !b64_exact(so, line, n, sf->global, SIG_LEN)) {
		util_say(why, whylen, "signature has no valid global signature line");
		return -1;
	}
	return 0;
}

/* Find the key among pubkeys whose id is keyid. */
static int key_pick(const struct sodium_api *so, const char *pubkeys, const unsigned char *keyid,
		    unsigned char *pk, char *why, size_t whylen)
{
	const char *p = pubkeys != NULL ? pubkeys : "";
	int nkeys = 0;

	for (;;) {
		unsigned char raw[SIGALG_LEN + KEYID_LEN + PK_LEN];
		size_t n;

		p += strspn(p, " \t\r\n");
		if (*p == '\0')
			break;
		n = strcspn(p, " \t\r\n");
		nkeys++;
		if (!b64_exact(so, p, n, raw, sizeof raw) || memcmp(raw, "Ed", 2) != 0) {
			util_say(why, whylen, "public key %d is not a minisign public key",
				 nkeys);
			return -1;
		}
		if (memcmp(raw + SIGALG_LEN, keyid, KEYID_LEN) == 0) {
			memcpy(pk, raw + SIGALG_LEN + KEYID_LEN, PK_LEN);
			return 0;
		}
		p += n;
	}
	if (nkeys == 0)
		util_say(why, whylen, "no public key configured ([update] public_key)");
	else
		util_say(why, whylen, "signed by an unknown key (id %02X%02X%02X%02X%02X%02X%02X%02X)",
			 keyid[7], keyid[6], keyid[5], keyid[4], keyid[3], keyid[2], keyid[1],
			 keyid[0]);
	return -1;
}

int minisig_pubkeys_check(const char *pubkeys, char *why, size_t whylen)
{
	static const unsigned char none[KEYID_LEN] = {0};
	unsigned char pk[PK_LEN];
	char reason[160] = "";
	const struct sodium_api *so = sodium_load(why, whylen);
	int rc;

	if (so == NULL)
		return -1;
	/* No key has an all-zero id in practice: every key is read, then "unknown". */
	rc = key_pick(so, pubkeys, none, pk, reason, sizeof reason);
	sodium_unload();
	if (rc == 0 || strstr(reason, "unknown key") != NULL)
		return 0;
	util_say(why, whylen, "%s", strstr(reason, "no public key") != NULL ? "no public key given" : reason);
	return -1;
}

/* Check the signature over msg and the global signature; copy the comment out. */
static int sig_check(const struct sodium_api *so, const struct sigfile *sf,
		     const unsigned char *pk, const unsigned char *msg, size_t msglen, char *tc,
		     size_t tclen, char *why, size_t whylen)
{
	unsigned char *global;

	if (so->verify_detached(sf->sig, msg, msglen, pk) != 0) {
		util_say(why, whylen, "signature does not match the file (changed or damaged)");
		return -1;
	}
	global = xmalloc(SIG_LEN + sf->comment_len);
	memcpy(global, sf->sig, SIG_LEN);
	memcpy(global + SIG_LEN, sf->comment, sf->comment_len);
	if (so->verify_detached(sf->global, global, SIG_LEN + sf->comment_len, pk) != 0) {
		free(global);
		util_say(why, whylen, "signature's trusted comment was changed");
		return -1;
	}
	free(global);
	if (tc != NULL && tclen > 0) {
		/* Tabs become spaces: minisign puts one between timestamp and file. */
		char *clean = text_sanitize(sf->comment, sf->comment_len, 0, NULL, NULL);

		snprintf(tc, tclen, "%s", clean);
		free(clean);
	}
	return 0;
}

/* Parse sig and pick its key: the part both entry points share. */
static int prepare(const struct sodium_api *so, const char *sig, size_t siglen,
		   const char *pubkeys, struct sigfile *sf, unsigned char *pk, char *why,
		   size_t whylen)
{
	if (sig == NULL || sig_parse(so, sig, siglen, sf, why, whylen) < 0)
		return -1;
	return key_pick(so, pubkeys, sf->keyid, pk, why, whylen);
}

int minisig_verify(const unsigned char *data, size_t len, const char *sig, size_t siglen,
		   const char *pubkeys, char *tc, size_t tclen, char *why, size_t whylen)
{
	struct sigfile sf;
	unsigned char pk[PK_LEN];
	unsigned char hash[HASH_LEN];
	const struct sodium_api *so;
	int rc;

	if (tc != NULL && tclen > 0)
		tc[0] = '\0';
	so = sodium_load(why, whylen);
	if (so == NULL)
		return -1;
	if (prepare(so, sig, siglen, pubkeys, &sf, pk, why, whylen) < 0) {
		rc = -1;
	} else if (sf.alg[1] == 'D') {
		so->generichash(hash, sizeof hash, data, len, NULL, 0);
		rc = sig_check(so, &sf, pk, hash, sizeof hash, tc, tclen, why, whylen);
	} else {
		rc = sig_check(so, &sf, pk, data, len, tc, tclen, why, whylen);
	}
	sodium_unload();
	return rc;
}

/* minisig_verify_file with the signature read and libsodium loaded. */
static int verify_file(const struct sodium_api *so, const char *path, const char *sig,
		       size_t siglen, const char *pubkeys, char *tc, size_t tclen, char *why,
		       size_t whylen)
{
	struct sigfile sf;
	unsigned char pk[PK_LEN];
	unsigned char hash[HASH_LEN];
	FILE *f;
	int rc;

	if (prepare(so, sig, siglen, pubkeys, &sf, pk, why, whylen) < 0)
		return -1;
	f = fopen(path, "rb");
	if (f == NULL) {
		util_say(why, whylen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	if (sf.alg[1] == 'D') {
		crypto_generichash_state st;
		unsigned char buf[65536];
		size_t n;

		so->generichash_init(&st, NULL, 0, sizeof hash);
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			so->generichash_update(&st, buf, n);
		so->generichash_final(&st, hash, sizeof hash);
		if (ferror(f)) {
			util_say(why, whylen, "%s: read error", path);
			rc = -1;
		} else {
			rc = sig_check(so, &sf, pk, hash, sizeof hash, tc, tclen, why, whylen);
		}
	} else {
		unsigned char *data = NULL;
		size_t n = 0, cap = 0, got;

		do {
			data = xgrow(data, &cap, n + 65536, 1);
			got = fread(data + n, 1, cap - n, f);
			n += got;
		} while (got > 0 && n <= (size_t)LEGACY_MAX);
		if (ferror(f)) {
			util_say(why, whylen, "%s: read error", path);
			rc = -1;
		} else if (n > (size_t)LEGACY_MAX) {
			util_say(why, whylen, "%s: too large for a legacy signature (sign with minisign -S)",
				 path);
			rc = -1;
		} else {
			rc = sig_check(so, &sf, pk, data, n, tc, tclen, why, whylen);
		}
		free(data);
	}
	fclose(f);
	return rc;
}

int minisig_verify_file(const char *path, const char *sigpath, const char *pubkeys, char *tc,
			size_t tclen, char *why, size_t whylen)
{
	const struct sodium_api *so;
	size_t siglen;
	char *sig;
	int rc = -1;

	if (tc != NULL && tclen > 0)
		tc[0] = '\0';
	/* Followed: yibao --update installs the pair behind links (update.h). */
	sig = util_read_regular(sigpath, SIGFILE_MAX, &siglen, false);
	if (sig == NULL) {
		util_say(why, whylen, "%s: cannot read signature: %s", sigpath, strerror(errno));
		return -1;
	}
	so = sodium_load(why, whylen);
	if (so != NULL) {
		rc = verify_file(so, path, sig, siglen, pubkeys, tc, tclen, why, whylen);
		sodium_unload();
	}
	free(sig);
	return rc;
}

/* A check running in its own thread: its own copies of everything it reads. */
struct minisig_job {
	pthread_t thread;
	int fd;
	char *path, *sigpath, *pubkeys;
	int rc;
	char why[256];
};

/* Loads libsodium for itself (minisig_verify_file): unloaded before the thread ends. */
static void *job_run(void *arg)
{
	struct minisig_job *j = arg;

	j->rc = minisig_verify_file(j->path, j->sigpath, j->pubkeys, NULL, 0, j->why, sizeof j->why);
	return NULL;
}

struct minisig_job *minisig_verify_start(int fd, const char *sigpath, const char *pubkeys)
{
	struct minisig_job *j;
	pthread_attr_t attr;
	int rc;

	j = xcalloc(1, sizeof *j);
	j->fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	if (j->fd < 0) {
		free(j);
		return NULL;
	}
	/* The same open file, whatever is renamed over its path meanwhile. */
	j->path = xasprintf("/proc/self/fd/%d", j->fd);
	j->sigpath = xstrdup(sigpath);
	j->pubkeys = xstrdup(pubkeys);
	/* A small stack: the thread hashes through a 64 KiB buffer and no more. */
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	rc = pthread_create(&j->thread, &attr, job_run, j);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		close(j->fd);
		free(j->path);
		free(j->sigpath);
		free(j->pubkeys);
		free(j);
		return NULL;
	}
	return j;
}

int minisig_verify_wait(struct minisig_job *j, char *why, size_t whylen)
{
	int rc;

	pthread_join(j->thread, NULL);
	rc = j->rc;
	if (rc != 0)
		util_say(why, whylen, "%s", j->why);
	close(j->fd);
	free(j->path);
	free(j->sigpath);
	free(j->pubkeys);
	free(j);
	return rc;
}
