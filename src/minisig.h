/*
 * minisig.h -- verify minisign signatures (Ed25519, libsodium)
 * SPDX-License-Identifier: MIT
 *
 * The formats are minisign's own: a public key is the base64 of "Ed", an
 * 8-byte key id and a 32-byte Ed25519 key (the second line of minisign.pub,
 * or the string minisign -P takes). A .minisig file has an untrusted comment
 * line, the base64 of the algorithm ("ED": BLAKE2b-512 prehash of the data;
 * "Ed": the data itself, legacy), the key id and a 64-byte signature, a
 * "trusted comment: " line, and the base64 of a 64-byte global signature over
 * the signature followed by the trusted comment. Nothing here signs.
 *
 * libsodium is not linked: each call below loads it (dlopen) and unloads it
 * before it returns (a threaded check, before its thread ends). When it
 * cannot be loaded the check fails, with that reason, like a bad signature.
 */
#ifndef YIBAO_MINISIG_H
#define YIBAO_MINISIG_H

#include <stddef.h>

/* Longest trusted comment accepted (minisign's own limit is 8 KiB a line). */
#define MINISIG_COMMENT_MAX 1024

/*
 * Verify sig (the text of a .minisig file, siglen bytes) over data (len bytes)
 * against pubkeys: one or more base64 public keys separated by spaces or tabs
 * (key rotation: the one whose key id matches is used). Returns 0 when both
 * signatures verify; then the trusted comment (sanitised of control characters)
 * is copied to tc when tc is not NULL (truncated to tclen - 1 bytes).
 * Returns -1 with a one-line reason in why (whylen bytes, may be NULL) otherwise.
 * Nothing returned is allocated.
 */
int minisig_verify(const unsigned char *data, size_t len, const char *sig, size_t siglen,
		   const char *pubkeys, char *tc, size_t tclen, char *why, size_t whylen);

/*
 * Check that pubkeys holds one or more minisign public keys (as above) and
 * nothing else. Returns 0, or -1 with a one-line reason in why.
 */
int minisig_pubkeys_check(const char *pubkeys, char *why, size_t whylen);

/*
 * The same for the file at path, with the signature read from sigpath. The
 * file is streamed through the prehash (the "ED" format); a legacy "Ed"
 * signature is refused for a file larger than 64 MiB. Returns 0 or -1 as
 * minisig_verify, why naming the file when it cannot be read.
 */
int minisig_verify_file(const char *path, const char *sigpath, const char *pubkeys, char *tc,
			size_t tclen, char *why, size_t whylen);

/*
 * minisig_verify_file in a thread of its own, over the file open at fd (which
 * the job duplicates: the caller may close fd at once), for a bundle too large
 * to verify before the first screen. Returns NULL when no thread can be started
 * (then verify synchronously). Every started job must be waited for.
 */
struct minisig_job;
struct minisig_job *minisig_verify_start(int fd, const char *sigpath, const char *pubkeys);
/*
 * Wait for job to end and free it. Returns 0 when the file verified, or -1
 * with a one-line reason in why (as minisig_verify_file).
 */
int minisig_verify_wait(struct minisig_job *job, char *why, size_t whylen);

#endif
