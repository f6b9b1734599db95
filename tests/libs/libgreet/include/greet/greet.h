/* SPDX-License-Identifier: BSD-3-Clause */
/* An out-of-tree library: its exported header. */
#ifndef GREET_H
#define GREET_H

void greet(void);

#endif /* GREET_H */
