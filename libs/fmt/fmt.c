/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * printf engine. The format is walked once: literal runs are passed to the callback
 * straight from the format string, each directive is parsed into a struct fmt_spec and
 * printed as padding, prefix, zeros and digits, each piece emitted on its own. The only
 * buffer is the one for a number's digits. Output matches glibc's (see lith/fmt.h).
 */
#include <stdbool.h>
#include <stdint.h>
#include <lith/fmt.h>

#define FMT_INT_MAX __INT_MAX__

#define F_LEFT	0x01u /* '-': pad on the right */
#define F_PLUS	0x02u /* '+': sign even when positive */
#define F_SPACE 0x04u /* ' ': space where a '+' would go */
#define F_ALT	0x08u /* '#': 0x prefix, leading octal zero */
#define F_ZERO	0x10u /* '0': pad numbers with zeros */
#define F_GROUP 0x20u /* '\'': digit grouping, none in the C locale */
#define F_I18N	0x40u /* 'I': locale digits, none in the C locale */
#define F_DASH	0x80u /* '-' written (F_LEFT may also come from a '*' width) */

enum fmt_len { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T };

struct fmt_spec {
	unsigned int flags;
	int width;
	int prec; /* -1 when none was given */
	enum fmt_len len;
};

struct fmt_state {
	fmt_out_t out;
	void *ctx;
	size_t count; /* characters produced so far, never above INT_MAX */
	bool failed;  /* once set, nothing more is emitted and we return -1 */
};

/* Room left before the total would exceed INT_MAX, which is an error (glibc: EOVERFLOW). */
static bool reserve(struct fmt_state *st, size_t n)
{
	if (st->failed)
		return false;
	if (n > (size_t)FMT_INT_MAX - st->count) {
		st->failed = true;
		return false;
	}
	return true;
}

static void emit(struct fmt_state *st, const char *s, size_t n)
{
	if (n == 0 || !reserve(st, n))
		return;
	st->out(st->ctx, s, n);
	st->count += n;
}

static void emit_pad(struct fmt_state *st, char c, size_t n)
{
	static const char spaces[16] = "                ";
	static const char zeros[16] = "0000000000000000";
	const char *src = c == '0' ? zeros : spaces;

	/* Check the whole run first so a huge width fails fast instead of streaming. */
	if (n == 0 || !reserve(st, n))
		return;
	while (n) {
		size_t chunk = n < sizeof(spaces) ? n : sizeof(spaces);

		emit(st, src, chunk);
		n -= chunk;
	}
}

/* Emit n bytes of s padded with spaces to the width ('0' is ignored, as glibc does). */
static void emit_field(struct fmt_state *st, const struct fmt_spec *sp, const char *s, size_t n)
{
	size_t pad = (size_t)sp->width > n ? (size_t)sp->width - n : 0;

	if (!(sp->flags & F_LEFT))
		emit_pad(st, ' ', pad);
	emit(st, s, n);
	if (sp->flags & F_LEFT)
		emit_pad(st, ' ', pad);
}

/*
 * conv is 'd' (signed), 'u', 'o', 'x', 'X', 'b', 'B' or 'p' (non-NULL pointer: like %#x but
 * keeping the '+' and ' ' flags, as glibc does). u is the magnitude, neg its sign.
 */
static void emit_number(struct fmt_state *st, const struct fmt_spec *sp, uintmax_t u, bool neg,
			char conv)
{
	static const char lower[] = "0123456789abcdef";
	static const char upper[] = "0123456789ABCDEF";
	const char *digits = conv == 'X' ? upper : lower;
	unsigned int base = conv == 'o'					? 8 :
			    (conv == 'x' || conv == 'X' || conv == 'p') ? 16 :
			    (conv == 'b' || conv == 'B')		? 2 :
									  10;
	char buf[8 * sizeof(uintmax_t)]; /* enough for binary */
	char *end = buf + sizeof(buf);
	char *d = end;
	char prefix[3];
	size_t npre = 0, nd, zeros, total, pad = 0;

	/* Precision 0 with value 0 prints no digits at all. */
	if (!(u == 0 && sp->prec == 0)) {
		uintmax_t v = u;

		do {
			*--d = digits[v % base];
			v /= base;
		} while (v);
	}
	nd = (size_t)(end - d);

	if (conv == 'd' || conv == 'p') {
		if (neg)
			prefix[npre++] = '-';
		else if (sp->flags & F_PLUS)
			prefix[npre++] = '+';
		else if (sp->flags & F_SPACE)
			prefix[npre++] = ' ';
	}
	if (conv == 'p') {
		prefix[npre++] = '0';
		prefix[npre++] = 'x';
	} else if ((sp->flags & F_ALT) && u != 0 && base != 8 && base != 10) {
		prefix[npre++] = '0';
		prefix[npre++] = conv; /* 0x 0X 0b 0B */
	}

	zeros = sp->prec > 0 && (size_t)sp->prec > nd ? (size_t)sp->prec - nd : 0;
	/* '#' with 'o' makes the first digit a zero, unless the precision already did. */
	if (conv == 'o' && (sp->flags & F_ALT) && zeros == 0 && (nd == 0 || *d != '0'))
		zeros = 1;

	total = npre + zeros + nd;
	if ((size_t)sp->width > total) {
		/* '0' pads between the prefix and the digits; a precision cancels it. */
		if (!(sp->flags & F_LEFT) && (sp->flags & F_ZERO) && sp->prec < 0)
			zeros += (size_t)sp->width - total;
		else
			pad = (size_t)sp->width - total;
	}

	if (!(sp->flags & F_LEFT))
		emit_pad(st, ' ', pad);
	emit(st, prefix, npre);
	emit_pad(st, '0', zeros);
	emit(st, d, nd);
	if (sp->flags & F_LEFT)
		emit_pad(st, ' ', pad);
}

static intmax_t fetch_signed(va_list *ap, enum fmt_len len)
{
	switch (len) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	case LEN_Z: /* the signed type of size_t's width: ptrdiff_t on every Lith target */
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, int);
	}
}

static uintmax_t fetch_unsigned(va_list *ap, enum fmt_len len)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	case LEN_Z:
		return va_arg(*ap, size_t);
	case LEN_T:
		return (size_t)va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* Length of s, reading no further than max bytes (max < 0: no limit). */
static size_t bounded_len(const char *s, int max)
{
	size_t n = 0;

	while ((max < 0 || n < (size_t)max) && s[n])
		n++;
	return n;
}

static void emit_string(struct fmt_state *st, const struct fmt_spec *sp, const char *s)
{
	/* glibc prints "(null)" only when it fits in the precision, else nothing. */
	if (!s)
		s = sp->prec < 0 || sp->prec >= 6 ? "(null)" : "";
	emit_field(st, sp, s, bounded_len(s, sp->prec));
}

/*
 * %ls in the C locale: each wide character below 0x80 is one byte; anything else has no
 * encoding and fails the call before any of this field is emitted, as in glibc.
 */
static void emit_wstring(struct fmt_state *st, const struct fmt_spec *sp, const __WCHAR_TYPE__ *ws)
{
	char chunk[32];
	size_t n = 0, pad, i;

	if (!ws) {
		emit_string(st, sp, NULL);
		return;
	}
	while ((sp->prec < 0 || n < (size_t)sp->prec) && ws[n]) {
		if ((unsigned long)ws[n] >= 0x80) {
			st->failed = true;
			return;
		}
		n++;
	}
	pad = (size_t)sp->width > n ? (size_t)sp->width - n : 0;
	if (!(sp->flags & F_LEFT))
		emit_pad(st, ' ', pad);
	for (i = 0; i < n;) {
		size_t k = 0;

		while (k < sizeof(chunk) && i < n)
			chunk[k++] = (char)ws[i++];
		emit(st, chunk, k);
	}
	if (sp->flags & F_LEFT)
		emit_pad(st, ' ', pad);
}

static size_t put_decimal(char *buf, int v)
{
	char tmp[12];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	return n;
}

/*
 * An unknown conversion is printed back the way glibc does it: '%', the flags that took
 * effect in a fixed order, the width and precision as numbers ('*' resolved), the
 * conversion letter; length modifiers are dropped. No argument is consumed for it.
 */
static void emit_unknown(struct fmt_state *st, const struct fmt_spec *sp, char conv)
{
	char buf[40];
	size_t n = 0;

	buf[n++] = '%';
	if (sp->flags & F_ALT)
		buf[n++] = '#';
	if (sp->flags & F_GROUP)
		buf[n++] = '\'';
	if (sp->flags & F_PLUS)
		buf[n++] = '+';
	else if (sp->flags & F_SPACE)
		buf[n++] = ' ';
	if (sp->flags & F_LEFT)
		buf[n++] = '-';
	/* glibc drops '0' for a written '-' but keeps it beside a negative '*' width. */
	if ((sp->flags & F_ZERO) && !(sp->flags & F_DASH))
		buf[n++] = '0';
	if (sp->flags & F_I18N)
		buf[n++] = 'I';
	if (sp->width)
		n += put_decimal(buf + n, sp->width);
	if (sp->prec >= 0) {
		buf[n++] = '.';
		n += put_decimal(buf + n, sp->prec);
	}
	buf[n++] = conv;
	emit(st, buf, n);
}

/* Decimal digits at *pp into *val; false if the number exceeds INT_MAX. */
static bool parse_int(const char **pp, int *val)
{
	const char *p = *pp;
	int v = 0;

	while (*p >= '0' && *p <= '9') {
		int d = *p++ - '0';

		if (v > (FMT_INT_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*pp = p;
	*val = v;
	return true;
}

/* p points at the '%'; returns the first character after the directive. */
static const char *do_directive(struct fmt_state *st, const char *p, va_list *ap)
{
	const char *start = p++;
	struct fmt_spec sp = { 0, 0, -1, LEN_NONE };
	char conv;

	for (;; p++) {
		if (*p == '-')
			sp.flags |= F_LEFT | F_DASH;
		else if (*p == '+')
			sp.flags |= F_PLUS;
		else if (*p == ' ')
			sp.flags |= F_SPACE;
		else if (*p == '#')
			sp.flags |= F_ALT;
		else if (*p == '0')
			sp.flags |= F_ZERO;
		else if (*p == '\'')
			sp.flags |= F_GROUP;
		else if (*p == 'I')
			sp.flags |= F_I18N;
		else
			break;
	}

	if (*p == '*') {
		int w = va_arg(*ap, int);

		p++;
		if (w < 0) {
			if (w == -FMT_INT_MAX - 1) {
				st->failed = true;
				return p;
			}
			sp.flags |= F_LEFT;
			w = -w;
		}
		sp.width = w;
	} else if (!parse_int(&p, &sp.width)) {
		st->failed = true;
		return p;
	}

	if (*p == '.') {
		p++;
		if (*p == '*') {
			int pr = va_arg(*ap, int);

			p++;
			sp.prec = pr < 0 ? -1 : pr;
		} else if (!parse_int(&p, &sp.prec)) {
			st->failed = true;
			return p;
		}
	}

	switch (*p) {
	case 'h':
		p++;
		sp.len = LEN_H;
		if (*p == 'h') {
			p++;
			sp.len = LEN_HH;
		}
		break;
	case 'l':
		p++;
		sp.len = LEN_L;
		if (*p == 'l') {
			p++;
			sp.len = LEN_LL;
		}
		break;
	case 'L':
	case 'q':
		p++;
		sp.len = LEN_LL;
		break;
	case 'j':
		p++;
		sp.len = LEN_J;
		break;
	case 'z':
	case 'Z':
		p++;
		sp.len = LEN_Z;
		break;
	case 't':
		p++;
		sp.len = LEN_T;
		break;
	default:
		break;
	}

	conv = *p;
	if (!conv) {
		/* The format ends inside the directive: glibc fails the call. */
		st->failed = true;
		return p;
	}
	p++;

	switch (conv) {
	case 'd':
	case 'i': {
		intmax_t v = fetch_signed(ap, sp.len);
		uintmax_t u = v < 0 ? -(uintmax_t)v : (uintmax_t)v;

		emit_number(st, &sp, u, v < 0, 'd');
		break;
	}
	case 'u':
	case 'o':
	case 'x':
	case 'X':
	case 'b':
	case 'B':
		emit_number(st, &sp, fetch_unsigned(ap, sp.len), false, conv);
		break;
	case 'p': {
		const void *ptr = va_arg(*ap, void *);

		if (ptr)
			emit_number(st, &sp, (uintptr_t)ptr, false, 'p');
		else
			emit_field(st, &sp, "(nil)", 5);
		break;
	}
	case 'C': /* glibc's alias of %lc */
		sp.len = LEN_L;
		/* fall through */
	case 'c':
		if (sp.len == LEN_L) {
			__WINT_TYPE__ wc = va_arg(*ap, __WINT_TYPE__);
			char c = (char)wc;

			if ((unsigned long)wc >= 0x80) {
				st->failed = true;
				break;
			}
			emit_field(st, &sp, &c, 1);
		} else {
			char c = (char)(unsigned char)va_arg(*ap, int);

			emit_field(st, &sp, &c, 1);
		}
		break;
	case 'S': /* glibc's alias of %ls */
		sp.len = LEN_L;
		/* fall through */
	case 's':
		if (sp.len == LEN_L)
			emit_wstring(st, &sp, va_arg(*ap, const __WCHAR_TYPE__ *));
		else
			emit_string(st, &sp, va_arg(*ap, const char *));
		break;
	case '%':
		emit(st, "%", 1); /* glibc ignores width and flags here */
		break;
	case 'n':
		(void)va_arg(*ap, void *); /* unsupported: never store through it */
		break;
	case 'f':
	case 'F':
	case 'e':
	case 'E':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		/* No FP here (see lith/fmt.h): print the directive as written. */
		emit(st, start, (size_t)(p - start));
		break;
	default:
		emit_unknown(st, &sp, conv);
		break;
	}
	return p;
}

int fmt_vcbprintf(fmt_out_t out, void *ctx, const char *fmt, va_list ap)
{
	struct fmt_state st = { out, ctx, 0, false };
	const char *p = fmt;
	va_list args;

	/* A local copy, so helpers can take its address whatever va_list's type is. */
	va_copy(args, ap);
	while (*p && !st.failed) {
		const char *lit = p;

		while (*p && *p != '%')
			p++;
		emit(&st, lit, (size_t)(p - lit));
		if (*p)
			p = do_directive(&st, p, &args);
	}
	va_end(args);
	return st.failed ? -1 : (int)st.count;
}

struct fmt_buf {
	char *buf;
	size_t size;
	size_t pos; /* bytes stored; stays below size, leaving room for the NUL */
};

static void buf_out(void *ctx, const char *s, size_t n)
{
	struct fmt_buf *b = ctx;
	size_t room = b->size > b->pos + 1 ? b->size - b->pos - 1 : 0;

	if (n > room)
		n = room;
	if (n) {
		__builtin_memcpy(b->buf + b->pos, s, n);
		b->pos += n;
	}
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_buf b = { buf, size, 0 };
	int ret = fmt_vcbprintf(buf_out, &b, fmt, ap);

	if (size)
		buf[b.pos] = '\0';
	return ret;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return ret;
}
