/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9P2000.L messages: building requests and checking replies. Pure code: no allocation,
 * no I/O, so the host unit tests and the fuzzer run it as it is.
 *
 * Every reply is checked before anything in it is used: the size field must equal the
 * bytes received and fit the buffer, the type must answer the request (or be Rlerror),
 * the tag must match, every field must lie inside the message and the message must end
 * exactly where its last field does. Anything else is -EIO; a count larger than what was
 * asked for is -EIO too. Strings and data are returned as pointers into the reply buffer.
 */
#ifndef P9_CODEC_H
#define P9_CODEC_H

#include <lith/essentials.h>

enum p9_type {
	P9_TLERROR = 6,
	P9_RLERROR,
	P9_TSTATFS = 8,
	P9_RSTATFS,
	P9_TLOPEN = 12,
	P9_RLOPEN,
	P9_TLCREATE = 14,
	P9_RLCREATE,
	P9_TSYMLINK = 16,
	P9_RSYMLINK,
	P9_TMKNOD = 18,
	P9_RMKNOD,
	P9_TRENAME = 20,
	P9_RRENAME,
	P9_TREADLINK = 22,
	P9_RREADLINK,
	P9_TGETATTR = 24,
	P9_RGETATTR,
	P9_TSETATTR = 26,
	P9_RSETATTR,
	P9_TXATTRWALK = 30,
	P9_RXATTRWALK,
	P9_TXATTRCREATE = 32,
	P9_RXATTRCREATE,
	P9_TREADDIR = 40,
	P9_RREADDIR,
	P9_TFSYNC = 50,
	P9_RFSYNC,
	P9_TLOCK = 52,
	P9_RLOCK,
	P9_TGETLOCK = 54,
	P9_RGETLOCK,
	P9_TLINK = 70,
	P9_RLINK,
	P9_TMKDIR = 72,
	P9_RMKDIR,
	P9_TRENAMEAT = 74,
	P9_RRENAMEAT,
	P9_TUNLINKAT = 76,
	P9_RUNLINKAT,
	P9_TVERSION = 100,
	P9_RVERSION,
	P9_TAUTH = 102,
	P9_RAUTH,
	P9_TATTACH = 104,
	P9_RATTACH,
	P9_TFLUSH = 108,
	P9_RFLUSH,
	P9_TWALK = 110,
	P9_RWALK,
	P9_TREAD = 116,
	P9_RREAD,
	P9_TWRITE = 118,
	P9_RWRITE,
	P9_TCLUNK = 120,
	P9_RCLUNK,
	P9_TREMOVE = 122,
	P9_RREMOVE,
};

#define P9_HDR	     7 /* size[4] type[1] tag[2] */
#define P9_NOTAG     0xffff
#define P9_NOFID     0xffffffffu
#define P9_MAXWELEM  16
#define P9_VERSION_L "9P2000.L"
#define P9_READ_HDR  (P9_HDR + 4)	  /* Rread: header + count[4] */
#define P9_WRITE_HDR (P9_HDR + 4 + 8 + 4) /* Twrite: header + fid[4] offset[8] count[4] */
/* What servers (Linux's v9fs convention, diod, QEMU) reserve for headers in a read or write:
 * at most msize - P9_IOHDRSZ data bytes per request. */
#define P9_IOHDRSZ 24

/* Tgetattr request_mask / Rgetattr valid bits. */
#define P9_GETATTR_MODE	  0x00000001ull
#define P9_GETATTR_NLINK  0x00000002ull
#define P9_GETATTR_UID	  0x00000004ull
#define P9_GETATTR_GID	  0x00000008ull
#define P9_GETATTR_RDEV	  0x00000010ull
#define P9_GETATTR_ATIME  0x00000020ull
#define P9_GETATTR_MTIME  0x00000040ull
#define P9_GETATTR_CTIME  0x00000080ull
#define P9_GETATTR_INO	  0x00000100ull
#define P9_GETATTR_SIZE	  0x00000200ull
#define P9_GETATTR_BLOCKS 0x00000400ull
#define P9_GETATTR_BASIC  0x000007ffull

/* Tsetattr valid bits. */
#define P9_SETATTR_MODE 0x00000001u
#define P9_SETATTR_SIZE 0x00000008u

#define P9_QTDIR 0x80

struct p9_qid {
	uint8_t type;
	uint32_t version;
	uint64_t path;
};

struct p9_attr {
	uint64_t valid;
	struct p9_qid qid;
	uint32_t mode, uid, gid;
	uint64_t nlink, rdev, size, blksize, blocks;
	uint64_t atime_sec, atime_nsec, mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
};

/* One Rreaddir entry; name points into the reply and is not NUL-terminated. */
struct p9_dirent {
	struct p9_qid qid;
	uint64_t offset;
	uint8_t type;
	const char *name;
	uint16_t namelen;
};

/* A message being built or read: pos runs over data[0..size); err sticks. */
struct p9_buf {
	uint8_t *data;
	uint32_t size;
	uint32_t pos;
	bool err;
};

/* --- requests: each builds a whole message into buf (capacity cap); its length or -errno
 * (-E2BIG when it does not fit, -EINVAL for a bad argument such as a long name). --- */
int p9_tversion(void *buf, uint32_t cap, uint32_t msize, const char *version);
int p9_tattach(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint32_t afid,
	       const char *uname, const char *aname, uint32_t n_uname);
int p9_twalk(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint32_t newfid,
	     unsigned int nwname, const char *const *names);
int p9_tlopen(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint32_t flags);
int p9_tlcreate(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, const char *name,
		uint32_t flags, uint32_t mode, uint32_t gid);
int p9_tread(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint64_t off, uint32_t count);
/* Twrite with its count bytes of data copied in after the header. */
int p9_twrite(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint64_t off, const void *data,
	      uint32_t count);
/* Twrite's header only (P9_WRITE_HDR bytes, its size counting the data): for a transport
 * that sends the count bytes of data from where they are (request_zc). */
int p9_twrite_hdr(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint64_t off,
		  uint32_t count);
int p9_tclunk(void *buf, uint32_t cap, uint16_t tag, uint32_t fid);
int p9_tremove(void *buf, uint32_t cap, uint16_t tag, uint32_t fid);
int p9_trename(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint32_t dfid,
	       const char *name);
int p9_tgetattr(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint64_t mask);
int p9_tsetattr(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint32_t valid, uint32_t mode,
		uint64_t size);
int p9_treaddir(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint64_t off, uint32_t count);
int p9_tmkdir(void *buf, uint32_t cap, uint16_t tag, uint32_t dfid, const char *name, uint32_t mode,
	      uint32_t gid);
int p9_tunlinkat(void *buf, uint32_t cap, uint16_t tag, uint32_t dfid, const char *name,
		 uint32_t flags);
int p9_trenameat(void *buf, uint32_t cap, uint16_t tag, uint32_t olddfid, const char *oldname,
		 uint32_t newdfid, const char *newname);
int p9_tfsync(void *buf, uint32_t cap, uint16_t tag, uint32_t fid, uint32_t datasync);

/*
 * The common checks of a reply of len bytes to a request of type ttype with tag:
 * 0 with *body set over the fields after the header, -errno from an Rlerror (its
 * code must be 1-4095), or -EIO.
 */
int p9_reply(const void *msg, uint32_t len, uint8_t ttype, uint16_t tag, struct p9_buf *body);

/*
 * An Rread received split (request_zc): its first bytes in hdr, which holds at most
 * P9_READ_HDR of them, and its data straight in the caller's buffer; len is the whole
 * reply's length as the transport reported it. The checks of p9_reply() (an Rlerror must
 * lie within hdr), then count <= asked and len == P9_READ_HDR + count. 0 with *count set,
 * -errno from an Rlerror, or -EIO.
 */
int p9_rread_split(const void *hdr, uint32_t len, uint16_t tag, uint32_t asked, uint32_t *count);

/* --- reply bodies: 0 or -EIO; each checks that nothing follows its last field --- */
int p9_rversion(struct p9_buf *b, uint32_t *msize, const char **version, uint16_t *vlen);
int p9_rqid(struct p9_buf *b, struct p9_qid *qid); /* Rattach, Rmkdir */
/* Rwalk: at most nwname qids. */
int p9_rwalk(struct p9_buf *b, unsigned int nwname, struct p9_qid *qids, unsigned int *nwqid);
int p9_ropen(struct p9_buf *b, struct p9_qid *qid, uint32_t *iounit); /* Rlopen, Rlcreate */
/* Rread / Rreaddir: count <= asked; *data points at the count bytes. */
int p9_rdata(struct p9_buf *b, uint32_t asked, const uint8_t **data, uint32_t *count);
int p9_rwrite(struct p9_buf *b, uint32_t asked, uint32_t *count);
int p9_rgetattr(struct p9_buf *b, struct p9_attr *attr);
int p9_rempty(
	struct p9_buf *b); /* Rclunk, Rremove, Rrename, Rsetattr, Runlinkat, Rrenameat, Rfsync */

/* Walk the entries of Rreaddir data: 1 with *ent filled, 0 at the end, -EIO if malformed. */
int p9_dirent_next(struct p9_buf *dirbuf, struct p9_dirent *ent);

#endif /* P9_CODEC_H */
