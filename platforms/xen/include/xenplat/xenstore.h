/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xenstore client. Paths without a leading '/' are relative to the domain's own
 * /local/domain/<domid>. Every call is synchronous: it writes the request on the ring and
 * waits (polling the event channel, bounded) for the answer, so it works with events
 * disabled, before any scheduler and at power-off. Watch events arriving meanwhile are
 * queued for xs_read_watch(). Errors are -errno values (xenstored's error names mapped back).
 */
#ifndef XENPLAT_XENSTORE_H
#define XENPLAT_XENSTORE_H

#include <lith/essentials.h>

typedef uint32_t xs_transaction_t;
#define XS_NO_TRANSACTION 0

/* Read a value into buf (NUL-terminated); returns its length or -errno (-E2BIG: too long). */
int xs_read(xs_transaction_t tx, const char *path, char *buf, size_t len);
/* Read a decimal integer value; -EINVAL if it is not one. */
int xs_read_int(xs_transaction_t tx, const char *path, long *value);
int xs_write(xs_transaction_t tx, const char *path, const char *value);
int xs_mkdir(xs_transaction_t tx, const char *path);
int xs_rm(xs_transaction_t tx, const char *path);
/* Children of path as consecutive NUL-terminated names in buf; returns their number. */
int xs_directory(xs_transaction_t tx, const char *path, char *buf, size_t len);

/* Transactions: xs_transaction_end(tx, false) commits and returns -EAGAIN to retry. */
int xs_transaction_start(xs_transaction_t *tx);
int xs_transaction_end(xs_transaction_t tx, bool abort);

/* Watches: xenstored fires each watch once when set, then on every change under path. */
int xs_watch(const char *path, const char *token);
int xs_unwatch(const char *path, const char *token);
/*
 * Wait until a watch fires or timeout_ns passes (0: only what is queued); stores the path
 * that changed and the watch's token. Returns 0, or -ETIMEDOUT.
 */
int xs_read_watch(char *path, size_t path_len, char *token, size_t token_len, uint64_t timeout_ns);

/* xenstored's name of an error ("ENOENT"), from -errno. */
const char *xs_strerror(int err);

/* Our domain id (read once from xenstore), or -errno. */
int xs_domid(void);

#endif /* XENPLAT_XENSTORE_H */
