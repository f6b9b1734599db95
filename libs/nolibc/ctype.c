/* SPDX-License-Identifier: BSD-3-Clause */
/* C-locale character classes from one table of class bits over ASCII. */
#include <ctype.h>

#define C_UPPER 0x01u
#define C_LOWER 0x02u
#define C_DIGIT 0x04u
#define C_SPACE 0x08u /* ' ' \t \n \v \f \r */
#define C_PUNCT 0x10u
#define C_CNTRL 0x20u
#define C_XALPH 0x40u /* a-f A-F */
#define C_BLANK 0x80u /* ' ' \t */

/* The class bits of ASCII code i, as a constant expression so the table lives in rodata. */
#define CLS(i)                                                                                 \
	((unsigned char)(((i) >= 'A' && (i) <= 'Z' ? C_UPPER : 0) |                            \
			 ((i) >= 'a' && (i) <= 'z' ? C_LOWER : 0) |                            \
			 ((i) >= '0' && (i) <= '9' ? C_DIGIT : 0) |                            \
			 ((i) == ' ' || ((i) >= '\t' && (i) <= '\r') ? C_SPACE : 0) |          \
			 ((i) < 0x20 || (i) == 0x7f ? C_CNTRL : 0) |                           \
			 (((i) >= 'a' && (i) <= 'f') || ((i) >= 'A' && (i) <= 'F') ? C_XALPH : \
										     0) |      \
			 ((i) == ' ' || (i) == '\t' ? C_BLANK : 0) |                           \
			 ((i) > 0x20 && (i) < 0x7f &&                                          \
					  !(((i) >= 'A' && (i) <= 'Z') ||                      \
					    (((i) >= 'a' && (i) <= 'z')) ||                    \
					    ((i) >= '0' && (i) <= '9')) ?                      \
				  C_PUNCT :                                                    \
				  0)))
#define CLS8(i)                                                                       \
	CLS(i), CLS((i) + 1), CLS((i) + 2), CLS((i) + 3), CLS((i) + 4), CLS((i) + 5), \
		CLS((i) + 6), CLS((i) + 7)
#define CLS32(i) CLS8(i), CLS8((i) + 8), CLS8((i) + 16), CLS8((i) + 24)

static const unsigned char ascii_class[128] = { CLS32(0), CLS32(32), CLS32(64), CLS32(96) };

static unsigned int class_of(int c)
{
	return c >= 0 && c < 128 ? ascii_class[c] : 0;
}

int isalnum(int c)
{
	return (class_of(c) & (C_UPPER | C_LOWER | C_DIGIT)) != 0;
}

int isalpha(int c)
{
	return (class_of(c) & (C_UPPER | C_LOWER)) != 0;
}

int isascii(int c)
{
	return (c & ~0x7f) == 0;
}

int isblank(int c)
{
	return (class_of(c) & C_BLANK) != 0;
}

int iscntrl(int c)
{
	return (class_of(c) & C_CNTRL) != 0;
}

int isdigit(int c)
{
	return c >= '0' && c <= '9';
}

int isgraph(int c)
{
	return (class_of(c) & (C_UPPER | C_LOWER | C_DIGIT | C_PUNCT)) != 0;
}

int islower(int c)
{
	return c >= 'a' && c <= 'z';
}

int isprint(int c)
{
	return c == ' ' || isgraph(c);
}

int ispunct(int c)
{
	return (class_of(c) & C_PUNCT) != 0;
}

int isspace(int c)
{
	return (class_of(c) & C_SPACE) != 0;
}

int isupper(int c)
{
	return c >= 'A' && c <= 'Z';
}

int isxdigit(int c)
{
	return (class_of(c) & (C_DIGIT | C_XALPH)) != 0;
}

int tolower(int c)
{
	return isupper(c) ? c - 'A' + 'a' : c;
}

int toupper(int c)
{
	return islower(c) ? c - 'a' + 'A' : c;
}
