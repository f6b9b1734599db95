# SPDX-License-Identifier: BSD-3-Clause
#
# Lith's build. An application folder's Makefile calls this one:
#	$(MAKE) -C $(LITH_ROOT) A=<app folder> L=<extra library folders, ':'-separated>
# Targets: all (default), menuconfig, defconfig, olddefconfig, savedefconfig, clean,
# distclean, help. V=1 shows every command. Parallel by default.

LITH_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
LITH_VERSION := 0.1.0
LITH_CODENAME := Basalt

ifeq ($(filter -j% j% --jobs%,$(MAKEFLAGS)),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 2)
endif
MAKEFLAGS += --no-builtin-rules --no-print-directory
.SUFFIXES:

ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @printf '  %-7s %s\n' $(1) $(2)
endif

ifeq ($(A),)
ifneq ($(MAKECMDGOALS),help)
$(error No application: run make in an application folder, or pass A=<app folder> ('make help'))
endif
endif

.DEFAULT_GOAL := all
A := $(abspath $(A))
L := $(foreach l,$(subst :, ,$(L)),$(abspath $(l)))
BUILD := $(if $(O),$(abspath $(O)),$(A)/build)
CONFIG := $(A)/.config
KCONFIG_OUT := $(BUILD)/kconfig
CONFIG_H := $(BUILD)/include/lith/config.h
CONFIG_MK := $(KCONFIG_OUT)/config.mk
PYTHON := /usr/bin/python3

export LITH_ROOT LITH_VERSION
export LITH_APP := $(A)
export LITH_APP_NAME := $(notdir $(A))
export LITH_BUILD := $(BUILD)

KCONFIG_SCRIPT := $(PYTHON) $(LITH_ROOT)/support/scripts/kconfig.py $(LITH_ROOT)/Config.uk $(CONFIG)
KCONFIG_DEPS := $(LITH_ROOT)/Config.uk $(wildcard $(LITH_ROOT)/*/*/Config.uk $(A)/Config.uk) \
	$(foreach l,$(L),$(l)/Config.uk)
KCONFIG_TARGETS := menuconfig defconfig olddefconfig savedefconfig
NOCONFIG_TARGETS := $(KCONFIG_TARGETS) clean distclean help

# External libraries join the "Library Configuration" menu through a generated file.
$(KCONFIG_OUT)/extlibs.uk: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' $(foreach l,$(L),'source "$(l)/Config.uk"') >$@.tmp
	@cmp -s $@.tmp $@ 2>/dev/null || mv $@.tmp $@; rm -f $@.tmp

menuconfig: $(KCONFIG_OUT)/extlibs.uk
	$(Q)$(KCONFIG_SCRIPT) menuconfig

# make defconfig [DEFCONFIG=file[,file...]]: the app's 'defconfig' when none is named.
DEFCONFIG ?= $(A)/defconfig
defconfig: $(KCONFIG_OUT)/extlibs.uk
	$(Q)$(KCONFIG_SCRIPT) defconfig $(subst $(comma), ,$(DEFCONFIG))
	@echo "Configuration written to $(CONFIG)"

olddefconfig: $(KCONFIG_OUT)/extlibs.uk
	$(Q)$(KCONFIG_SCRIPT) olddefconfig

savedefconfig: $(KCONFIG_OUT)/extlibs.uk
	$(Q)$(KCONFIG_SCRIPT) savedefconfig $(A)/defconfig.saved
	@echo "Minimal configuration written to $(A)/defconfig.saved"

clean:
	$(Q)rm -rf $(BUILD)

distclean: clean
	$(Q)rm -f $(CONFIG) $(CONFIG).old $(A)/defconfig.saved

help:
	@echo 'In an application folder:'
	@echo '  make menuconfig      choose architecture, platforms and libraries'
	@echo '  make defconfig       configure from ./defconfig (or DEFCONFIG=file[,fragment...])'
	@echo '  make olddefconfig    complete .config with defaults for new options'
	@echo '  make savedefconfig   write the minimal configuration to defconfig.saved'
	@echo '  make                 build build/<app>_<plat>-<arch> for each chosen platform'
	@echo '  make clean           remove build/ (needed after an architecture change)'
	@echo '  make distclean       remove build/ and .config'
	@echo 'Variables: V=1 (show commands), O=<build folder>, L=<lib folder>[:<lib folder>...]'

comma := ,
.PHONY: all $(NOCONFIG_TARGETS) FORCE
FORCE:

ifeq ($(filter $(NOCONFIG_TARGETS),$(MAKECMDGOALS)),)
ifneq ($(A),)
include $(LITH_ROOT)/support/build/image.mk
endif
endif
