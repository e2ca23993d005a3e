/*
 * fuzz_minisig.c -- libFuzzer harness for the .minisig reader (src/minisig.c)
 * SPDX-License-Identifier: MIT
 *
 * Input: a signature file as a mirror would serve it, checked with
 * minisig_verify over a fixed message against a fixed public key (a throw-away
 * pair; the seeds in corpus/minisig/ are that key's real signatures of the
 * message, prehashed "ED" and legacy "Ed"), a second key beside it as in a key
 * rotation. Beyond memory safety: the outcome is 0 or -1; a refusal says why
 * in one line of valid UTF-8 without control characters; an acceptance copies
 * a trusted comment with no control character, and only ever happens for an
 * input that carries one of the seeds' signatures with that seed's trusted
 * comment (nobody forges Ed25519 by mutation: an acceptance otherwise means
 * the reader checked the wrong bytes).
 * libsodium is loaded at run time, as in the guide.
 */
#define _GNU_SOURCE
#include <string.h>

#include "fuzz.h"
#include "../../src/minisig.h"

static const char message[] = "yibao fuzz data\n";
/* minisign -G's public key of the seeds, then another key (rotation). */
static const char pubkeys[] = "RWTbVrU+RfVFuhUuGzYbRYU9CeJ6GOsWTRcrxSdGFoNuOs+96BNeIKNz "
			      "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";
/* The seeds' signature lines (the second line of each file) and trusted comments. */
static const struct {
	const char *sig, *comment;
} seeds[] = {
	{"RUTbVrU+RfVFug4kBtwn90B6RP67nrOOSsGZfSPv3mLMVJkPe37tv7IzbL7tEfZlcTac21CdPDDP3VTvLHYveoErvePsB39o8gE=",
	 "yibao 1 2026-12-07"},
	{"RWTbVrU+RfVFuhPctAMy4NCCDMkAdgYy2M03ZAxuTortY9TlRlS2+D7JCk78+wzOCeY+iCE1x7XUIFmW5wuxpUPG1mfuoMWQ9w8=",
	 "legacy one"},
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	text_init_locale();
	return 0;
}

/* s is one line of valid UTF-8 with nothing the sanitiser strips. */
static void check_line(const char *s, const char *what)
{
	size_t i = 0, n = strlen(s);

	if (!fuzz_utf8_ok(s, n))
		fuzz_fail(what);
	while (i < n) {
		long cp = text_decode(s, n, &i);

		if (cp < 0 || cp == '\n' || text_is_stripped((unsigned long)cp, false))
			fuzz_fail(what);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char tc[256], err[256];
	bool seeded = false;
	int rc;

	tc[0] = err[0] = '\0';
	rc = minisig_verify((const unsigned char *)message, sizeof message - 1, (const char *)data,
			    size, pubkeys, tc, sizeof tc, err, sizeof err);
	if (rc != 0 && rc != -1)
		fuzz_fail("minisig_verify returned neither 0 nor -1");
	if (rc == -1) {
		if (err[0] == '\0')
			fuzz_fail("a refusal without a reason");
		check_line(err, "the reason is not one clean line");
		return 0;
	}
	check_line(tc, "the trusted comment is not one clean line");
	for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++)
		if (memmem(data, size, seeds[i].sig, strlen(seeds[i].sig)) != NULL &&
		    strcmp(tc, seeds[i].comment) == 0)
			seeded = true;
	if (!seeded)
		fuzz_fail("a signature or trusted comment accepted that the key never signed");
	return 0;
}
