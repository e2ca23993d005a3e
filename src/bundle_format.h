/*
 * bundle_format.h -- the content bundle's layout on disk, shared by its reader and its writer
 * SPDX-License-Identifier: MIT
 *
 * Format 2 (format 1 was an SQLite file; README says why it was replaced).
 * Little-endian; a "str" is u32 offset, u32 length of bytes followed by a NUL
 * inside the file (offset 0: absent). Every offset and count is checked against
 * the file's size before it is used; a string when it is read.
 *
 *   header, 72 bytes:
 *     0 magic "YIBAOBDL"   8 u32 format   12 u32 policy_year   16 u64 version
 *     24 str created       32 str valid_until                  40 str regions
 *     48 u32 nfiles  52 u32 files_off   56 u32 nregions  60 u32 regions_off
 *     64 u32 size of the whole file     68 u32 0
 *   file, 24 bytes each: str name, str text as written,
 *     str shown (the text as shown, placeholders left as {{name}})
 *   region, 32 + 4 * BUNDLE_KINDS bytes each: str name,
 *     str profile text as written, u32 nentries, u32 entries_off, u32 by_id_off,
 *     u32 by_code_off, u32 first screen of each kind (or 0xffffffff)
 *   entry, 48 bytes each (the region's screens, n = 0.. in file-name order):
 *     u32 file index, str id, str code, str title, u32 kind, str updated, str source
 *   by_id, by_code: u32 entry numbers, sorted by id and by code (bytewise)
 *
 */
#ifndef YIBAO_BUNDLE_FORMAT_H
#define YIBAO_BUNDLE_FORMAT_H

#include <stdint.h>

/* Screen kinds the index keeps a first screen for (enum kind fits). */
#define BUNDLE_KINDS 16

/* The file's first 8 bytes. */
#define BUNDLE_MAGIC "YIBAOBDL"
#define BUNDLE_MAGIC_LEN 8

enum {
	HEADER_SIZE = 72,
	FILE_SIZE = 24,
	REGION_SIZE = 32 + 4 * BUNDLE_KINDS,
	ENTRY_SIZE = 48,
};
/* No screen of that kind (and an entry's kind that cannot be stored). */
#define NO_ENTRY UINT32_C(0xffffffff)

/* Offsets inside the header and the records (bundle.h). */
enum {
	H_FORMAT = 8,
	H_YEAR = 12,
	H_VERSION = 16,
	H_CREATED = 24,
	H_UNTIL = 32,
	H_REGIONS = 40,
	H_NFILES = 48,
	H_FILES = 52,
	H_NREGIONS = 56,
	H_REGIONS_OFF = 60,
	H_SIZE = 64,
	F_NAME = 0,
	F_TEXT = 8,
	F_SHOWN = 16,
	R_NAME = 0,
	R_TEXT = 8,
	R_NENTRIES = 16,
	R_ENTRIES = 20,
	R_BY_ID = 24,
	R_BY_CODE = 28,
	R_KINDS = 32,
	E_FILE = 0,
	E_ID = 4,
	E_CODE = 12,
	E_TITLE = 20,
	E_KIND = 28,
	E_UPDATED = 32,
	E_SOURCE = 40,
};

#endif
