# SPDX-License-Identifier: BSD-3-Clause
# An application Makefile in two lines, for apps that do not need the tutorial's spelled-out
# form (see apps/helloworld/Makefile):
#	LITH_ROOT ?= <path to the core>
#	include $(LITH_ROOT)/support/build/app.mk
# LIBS lists extra library folders, ':'-separated.
LITH_ROOT ?= $(UK_ROOT)
LIBS ?=

all:
	@$(MAKE) --no-print-directory -C $(LITH_ROOT) A=$(CURDIR) L=$(LIBS)

$(filter-out all,$(MAKECMDGOALS)):
	@$(MAKE) --no-print-directory -C $(LITH_ROOT) A=$(CURDIR) L=$(LIBS) $@

.PHONY: all $(MAKECMDGOALS)
