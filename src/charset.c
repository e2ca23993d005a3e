/*
 * charset.c -- which character set the terminal gets: UTF-8 or GB18030
 * SPDX-License-Identifier: MIT
 */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <locale.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "util.h"

static bool is_gb(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && strcasecmp(cs, "GB18030") == 0;
}

bool charset_setup(enum charset cs)
{
	static const char *const gb[] = {"zh_CN.GB18030", "zh_CN.gb18030", "zh_SG.GB18030"};

	switch (cs) {
	case CHARSET_GB18030:
		for (size_t i = 0; i < sizeof gb / sizeof gb[0]; i++)
			if (setlocale(LC_CTYPE, gb[i]) != NULL && is_gb())
				return true;
		text_init_locale();
		return false;
	case CHARSET_UTF8:
		if (setlocale(LC_CTYPE, "C.UTF-8") != NULL || setlocale(LC_CTYPE, "C.utf8") != NULL)
			return true;
		return text_init_locale();
	case CHARSET_AUTO:
	default:
		return text_init_locale();
	}
}

bool charset_is_gb18030(void)
{
	return is_gb();
}

void charset_write(FILE *f, const char *utf8)
{
	iconv_t cd;
	char buf[4096];
	/* iconv(3) takes char ** for its input but does not write through it. */
	char *in = (char *)(uintptr_t)utf8;
	size_t inleft = strlen(utf8);

	if (!is_gb()) {
		fputs(utf8, f);
		return;
	}
	cd = iconv_open("GB18030", "UTF-8");
	if (cd == (iconv_t)-1) {
		fputs(utf8, f);
		return;
	}
	while (inleft > 0) {
		char *out = buf;
		size_t outleft = sizeof buf;

		if (iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1 && errno != E2BIG) {
			/* Not representable (or cut): a '?' and go on after the character. */
			size_t i = 0;

			fwrite(buf, 1, (size_t)(out - buf), f);
			text_decode(in, inleft, &i);
			in += i;
			inleft -= i;
			fputc('?', f);
			continue;
		}
		fwrite(buf, 1, (size_t)(out - buf), f);
	}
	iconv_close(cd);
}

char *charset_to_utf8(const char *s)
{
	struct strbuf sb = {0};
	iconv_t cd;
	char buf[1024];
	/* iconv(3) takes char ** for its input but does not write through it. */
	char *in = (char *)(uintptr_t)s;
	size_t inleft = strlen(s);
	char *clean;

	if (!is_gb() || (cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		return text_sanitize(s, strlen(s), 0, NULL, NULL);
	sb_add(&sb, "", 0);
	while (inleft > 0) {
		char *out = buf;
		size_t outleft = sizeof buf;

		if (iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1 && errno != E2BIG) {
			sb_add(&sb, buf, (size_t)(out - buf));
			in++;
			inleft--;
			sb_addc(&sb, '?');
			continue;
		}
		sb_add(&sb, buf, (size_t)(out - buf));
	}
	iconv_close(cd);
	clean = text_sanitize(sb.s, sb.len, 0, NULL, NULL);
	util_wipe(sb.s, sb.len);
	sb_clear(&sb);
	return clean;
}
