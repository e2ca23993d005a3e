/*
 * test_literals.c -- the program's own Chinese text takes Chinese punctuation
 * SPDX-License-Identifier: MIT
 *
 * Every string literal in the .c and .h files of src/ and screens/, run
 * through the rule --check applies to content (content_check_punct): an ASCII
 * , : ; ? ! ( ) with Chinese on both sides is an error, FILE:LINE. Comments and
 * character constants are skipped; escapes are read as the compiler reads them
 * ("\xE2\x80\xA6" is "…", "\n" ends a line).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "util.h"

static const char *const dirs[] = {"src", "screens"};

/* The value of the escape at s (after the backslash) into sb; returns the bytes read. */
static size_t unescape(const char *s, struct strbuf *sb)
{
	size_t n = 1;
	unsigned v = 0;

	switch (s[0]) {
	case 'n':
		sb_addc(sb, '\n');
		return 1;
	case 't':
		sb_addc(sb, ' ');
		return 1;
	case 'x':
		while (n < 3 && strchr("0123456789abcdefABCDEF", s[n]) != NULL && s[n] != '\0') {
			v = v * 16 + (unsigned)(s[n] <= '9' ? s[n] - '0' : (s[n] | 0x20) - 'a' + 10);
			n++;
		}
		sb_addc(sb, (char)v);
		return n;
	default:
		if (s[0] >= '0' && s[0] <= '7') {
			n = 0;
			while (n < 3 && s[n] >= '0' && s[n] <= '7')
				v = v * 8 + (unsigned)(s[n++] - '0');
			sb_addc(sb, (char)v);
			return n;
		}
		sb_addc(sb, s[0]);
		return s[0] != '\0' ? 1 : 0;
	}
}

/* Check every string literal of the C file at path; problems into d. */
static void check_file(const char *path, struct diags *d)
{
	size_t len;
	char *text = util_read_file(path, 4 << 20, &len);
	int line = 1;

	assert_non_null(text);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n') {
			line++;
		} else if (text[i] == '/' && text[i + 1] == '/') {
			while (i < len && text[i] != '\n')
				i++;
			line++;
		} else if (text[i] == '/' && text[i + 1] == '*') {
			for (i += 2; i < len && !(text[i] == '*' && text[i + 1] == '/'); i++)
				line += text[i] == '\n';
			i++;
		} else if (text[i] == '\'') {
			for (i++; i < len && text[i] != '\''; i++)
				i += text[i] == '\\';
		} else if (text[i] == '"') {
			struct strbuf sb = {0};
			int at = line;

			sb_add(&sb, "", 0);
			for (i++; i < len && text[i] != '"' && text[i] != '\n'; i++) {
				if (text[i] == '\\')
					i += unescape(text + i + 1, &sb);
				else
					sb_addc(&sb, text[i]);
			}
			content_check_punct(path, sb.s, at, d);
			sb_clear(&sb);
		}
	}
	free(text);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void literals(void **state)
{
	struct diags d = {0};
	size_t files = 0;

	(void)state;
	for (size_t k = 0; k < sizeof dirs / sizeof dirs[0]; k++) {
		DIR *dir = opendir(dirs[k]);
		struct dirent *e;
		char **names = NULL;
		size_t n = 0, cap = 0;

		assert_non_null(dir); /* run from the source tree's top, as tests/run.sh does */
		while ((e = readdir(dir)) != NULL) {
			size_t l = strlen(e->d_name);

			if (l > 2 && e->d_name[l - 2] == '.' && (e->d_name[l - 1] == 'c' || e->d_name[l - 1] == 'h')) {
				names = xgrow(names, &cap, n + 1, sizeof *names);
				names[n++] = util_path_join(dirs[k], e->d_name);
			}
		}
		closedir(dir);
		qsort(names, n, sizeof *names, cmp_names);
		for (size_t i = 0; i < n; i++) {
			check_file(names[i], &d);
			free(names[i]);
		}
		free(names);
		files += n;
	}
	for (size_t i = 0; i < d.n; i++)
		printf("%s:%d: %s in a string literal (the rule --check applies to content: Chinese text takes ，：；？！（）)\n",
		       d.v[i].file, d.v[i].line, d.v[i].msg);
	printf("%zu files, %zu string literals with ASCII punctuation between Chinese characters\n", files,
	       d.n);
	assert_true(files > 20);
	assert_int_equal(d.n, 0);
	diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(literals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
