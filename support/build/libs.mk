# SPDX-License-Identifier: BSD-3-Clause
#
# The functions a Makefile.uk uses to register itself, and the rules they expand to.
#
#   $(eval $(call addlib,libfoo))                 a library that is always built
#   $(eval $(call addlib_s,libfoo,$(CONFIG_X)))   built when CONFIG_X=y
#   $(eval $(call addplat_s,xen,$(CONFIG_PLAT_XEN)))     a platform, when enabled
#   $(eval $(call addplatlib,xen,libxenplat))           a library of that platform only
#   $(eval $(call addplatlib_s,xen,libxenfoo,$(CONFIG_Y)))
#
# Then, with LIBFOO the upper-cased name: LIBFOO_BASE is the library's folder,
# LIBFOO_SRCS-y its sources (.c, .S), LIBFOO_CFLAGS-y / LIBFOO_ASFLAGS-y /
# LIBFOO_CINCLUDES-y its private flags; CINCLUDES-y, CFLAGS-y, LDFLAGS-y are global.
# A platform adds <PLAT>_LDSCRIPT, <PLAT>_LDFLAGS-y, <PLAT>_CFLAGS-y (its libraries only)
# and, optionally, <PLAT>_POSTLINK: a function called with (image, debug image).

empty :=
space := $(empty) $(empty)
uc = $(strip $(subst -,_,$(subst a,A,$(subst b,B,$(subst c,C,$(subst d,D,$(subst e,E,$(subst f,F,\
	$(subst g,G,$(subst h,H,$(subst i,I,$(subst j,J,$(subst k,K,$(subst l,L,$(subst m,M,\
	$(subst n,N,$(subst o,O,$(subst p,P,$(subst q,Q,$(subst r,R,$(subst s,S,$(subst t,T,\
	$(subst u,U,$(subst v,V,$(subst w,W,$(subst x,X,$(subst y,Y,$(subst z,Z,$(1)))))))))))))))))))))))))))))

define _lith_register
$(call uc,$(1))_BASE := $(_LITH_DIR)
$(call uc,$(1))_BUILD := $(BUILD)/$(1)
endef

define addlib
$(call _lith_register,$(1))
LITH_LIBS += $(1)
endef

define addlib_s
$(call _lith_register,$(1))
ifeq ($(2),y)
LITH_LIBS += $(1)
endif
endef

define addplat_s
$(call uc,$(1))_BASE := $(_LITH_DIR)
ifeq ($(2),y)
LITH_PLATS += $(1)
endif
endef

define addplatlib
$(call _lith_register,$(2))
LITH_PLATLIBS_$(1) += $(2)
endef

define addplatlib_s
$(call _lith_register,$(2))
ifeq ($(3),y)
LITH_PLATLIBS_$(1) += $(2)
endif
endef

# The object for source $(2) of library $(1): its path below the library's folder is kept.
lith_obj = $(BUILD)/$(1)/$(basename $(patsubst $($(call uc,$(1))_BASE)/%,%,$(abspath $(2)))).o
# Name printed in kernel messages: libvfs -> vfs.
lith_display = $(patsubst lib%,%,$(1))

# buildlib(lib, platform or empty): one compile rule per source. Called, not eval'd.
buildlib = $(foreach src,$($(call uc,$(1))_SRCS-y),$(eval $(call buildsrc,$(1),$(src),$(2))))

define buildsrc
$(1)_OBJS += $(call lith_obj,$(1),$(2))
LITH_DEPFILES += $(call lith_obj,$(1),$(2)).d
$(call lith_obj,$(1),$(2)): $(2) $(CONFIG_MK) | $(ARCH_STAMP)
	$$(call quiet,$(if $(filter %.S,$(2)),AS,CC),$(1)/$(notdir $(2)))
	@mkdir -p $$(@D)
	$(Q)$(CC) $(if $(filter %.S,$(2)),$$(ASFLAGS) $$($(call uc,$(1))_ASFLAGS-y),$$(CFLAGS) \
		$$($(call uc,$(1))_CFLAGS-y)) $(if $(3),$$($(call uc,$(3))_CFLAGS-y)) \
		$$($(call uc,$(1))_CINCLUDES-y) \
		-D__LIBNAME__=\"$(call lith_display,$(1))\" -D__BASENAME__=\"$(notdir $(2))\" \
		-MMD -MP -MF $$@.d -c $(2) -o $$@
endef

# linkplat(platform): <app>_<plat>-<arch>.dbg from every enabled library plus the
# platform's own, then the stripped image.
define linkplat
$(1)_IMAGE := $(BUILD)/$(APP_NAME)_$(1)-$(ARCH)
$(1)_ALLOBJS := $(foreach lib,$(LITH_LIBS) $(LITH_PLATLIBS_$(1)),$$($(lib)_OBJS))

$$($(1)_IMAGE).dbg: $$($(1)_ALLOBJS) $$($(call uc,$(1))_LDSCRIPT)
	$$(call quiet,LD,$$(notdir $$@))
	$(Q)$(CC) $$(LDFLAGS) $$($(call uc,$(1))_LDFLAGS-y) -T $$($(call uc,$(1))_LDSCRIPT) \
		-o $$@ $$($(1)_ALLOBJS) $(LIBGCC)

$$($(1)_IMAGE): $$($(1)_IMAGE).dbg
	$$(call quiet,STRIP,$$(notdir $$@))
	$(Q)$(STRIP) -s -R .comment -o $$@ $$<
	$$(if $$($(call uc,$(1))_POSTLINK),$$(call $(call uc,$(1))_POSTLINK,$$@,$$<))
	@printf '  %-7s %s (%s bytes)\n' IMAGE $$@ $$$$(stat -c %s $$@)
endef
