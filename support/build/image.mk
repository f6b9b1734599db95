# SPDX-License-Identifier: BSD-3-Clause
#
# Configured build: included by the root Makefile once A= names an application.
# It syncs .config into a C header and a make include, reads every Makefile.uk, compiles
# each enabled library once and links one image per enabled platform.

include $(LITH_ROOT)/support/build/libs.mk

# --- configuration ---------------------------------------------------------------------
$(CONFIG): | $(KCONFIG_OUT)/extlibs.uk
	@echo "No .config in $(A): starting from defaults ('make menuconfig' changes them)"
	$(Q)$(KCONFIG_SCRIPT) olddefconfig

$(CONFIG_MK): $(CONFIG) $(KCONFIG_DEPS) $(KCONFIG_OUT)/extlibs.uk
	$(call quiet,CONFIG,$(CONFIG_H))
	$(Q)$(KCONFIG_SCRIPT) olddefconfig
	$(Q)$(KCONFIG_SCRIPT) genconfig $(CONFIG_H) $(CONFIG_MK)
	$(Q)touch $(CONFIG_MK)

include $(CONFIG_MK)

# --- architecture and toolchain ----------------------------------------------------------
ARCH := $(if $(CONFIG_ARCH_ARM64),arm64,x86_64)
HOST_ARCH := $(shell uname -m | sed -e 's/aarch64/arm64/')
ifneq ($(CONFIG_CROSS_COMPILE),)
CROSS_COMPILE := $(CONFIG_CROSS_COMPILE)
else ifeq ($(ARCH)-$(HOST_ARCH),arm64-x86_64)
CROSS_COMPILE := aarch64-linux-gnu-
else ifeq ($(ARCH)-$(HOST_ARCH),x86_64-arm64)
CROSS_COMPILE := x86_64-linux-gnu-
endif
CC := $(CROSS_COMPILE)gcc
OBJCOPY := $(CROSS_COMPILE)objcopy
STRIP := $(CROSS_COMPILE)strip
LIBGCC := $(shell $(CC) -print-libgcc-file-name 2>/dev/null)

# The build folder holds one architecture's objects: refuse to mix two. Checked in a
# recipe, after make has re-read an up-to-date configuration.
ARCH_STAMP := $(BUILD)/.arch

# --- flags every library gets ------------------------------------------------------------
OPT_FLAGS-$(CONFIG_OPTIMIZE_PERF) += -O2
OPT_FLAGS-$(CONFIG_OPTIMIZE_SIZE) += -Os
OPT_FLAGS-$(CONFIG_OPTIMIZE_DEBUG) += -Og
OPT_FLAGS-$(CONFIG_DEBUG_SYMBOLS) += -g

COMMON_FLAGS := -ffreestanding -fno-stack-protector -fno-pie -fno-common -fno-plt \
	-ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
	-nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-include $(CONFIG_H) -I$(BUILD)/include -I$(LITH_ROOT)/include \
	$(OPT_FLAGS-y)
WARN_FLAGS := -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	-Werror=implicit-function-declaration -Werror=incompatible-pointer-types
CFLAGS-y :=
ASFLAGS-y :=
CINCLUDES-y :=
LDFLAGS-y :=

# --- read every Makefile.uk ----------------------------------------------------------------
LITH_LIBS :=
LITH_PLATS :=
LITH_LIBDIRS := $(LITH_ROOT)/arch/$(ARCH) \
	$(patsubst %/Makefile.uk,%,$(sort $(wildcard $(LITH_ROOT)/platforms/*/Makefile.uk))) \
	$(patsubst %/Makefile.uk,%,$(sort $(wildcard $(LITH_ROOT)/libs/*/Makefile.uk))) \
	$(L) $(A)
$(foreach d,$(LITH_LIBDIRS),$(if $(wildcard $(d)/Makefile.uk),,\
	$(error $(d) has no Makefile.uk: is it a Lith library or application?)))
$(foreach d,$(LITH_LIBDIRS),$(eval _LITH_DIR := $(d))$(eval include $(d)/Makefile.uk))

CFLAGS := $(COMMON_FLAGS) $(WARN_FLAGS) $(ARCH_CFLAGS-y) $(CFLAGS-y) $(CINCLUDES-y)
ASFLAGS := $(COMMON_FLAGS) -D__ASSEMBLY__ $(ARCH_ASFLAGS-y) $(ASFLAGS-y) $(CINCLUDES-y)
LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-z,noexecstack \
	-Wl,-z,max-page-size=4096 $(if $(CONFIG_LINK_GC_SECTIONS),-Wl$(comma)--gc-sections) \
	$(ARCH_LDFLAGS-y) $(LDFLAGS-y)

# --- compile ---------------------------------------------------------------------------------
$(foreach lib,$(LITH_LIBS),$(call buildlib,$(lib),))
$(foreach p,$(LITH_PLATS),$(foreach lib,$(LITH_PLATLIBS_$(p)),$(call buildlib,$(lib),$(p))))

# --- link one image per platform --------------------------------------------------------------
APP_NAME := $(if $(CONFIG_APP_NAME),$(CONFIG_APP_NAME),$(notdir $(A)))
LITH_IMAGES := $(foreach p,$(LITH_PLATS),$(BUILD)/$(APP_NAME)_$(p)-$(ARCH))
$(foreach p,$(LITH_PLATS),$(eval $(call linkplat,$(p))))

all: $(LITH_IMAGES)
	$(if $(strip $(LITH_PLATS)),,@echo "error: no platform selected: 'make menuconfig'," \
		"Platform Configuration" >&2; exit 1)

$(ARCH_STAMP): $(CONFIG_MK)
	@mkdir -p $(@D)
	@if [ -f $@ ] && [ "$$(cat $@)" != $(ARCH) ]; then \
		echo "error: $(BUILD) holds objects built for $$(cat $@), and .config now" \
			"selects $(ARCH): run 'make clean' first" >&2; exit 1; fi
	@echo $(ARCH) >$@

print-%:
	@echo '$($*)'

-include $(LITH_DEPFILES)
