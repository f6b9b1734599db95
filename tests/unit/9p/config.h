/* SPDX-License-Identifier: BSD-3-Clause */
/* The configuration the host builds of libs/9p see. */
#define CONFIG_LIB9P 1
