/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Xen platform's own interfaces: between its files, and for Xen front-end drivers
 * (which live with the platform, as DESIGN.md says event channels and xenbus do).
 * Libraries use the headers of include/plat instead.
 */
#ifndef XENPLAT_XEN_H
#define XENPLAT_XEN_H

#include <lith/essentials.h>
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>

#if CONFIG_XEN_PVH
/* PVH: guest-physical memory is identity-mapped; frames are guest frames (gfn). */
#define XEN_VIRT_BASE 0UL
#else
/* Pseudo-physical frame n is mapped at XEN_VIRT_BASE + n * PAGE_SIZE (x86_64/xen.lds). */
#define XEN_VIRT_BASE 0xffffffff80000000UL
#endif

/* x86 page table entry bits. 64-bit PV kernels run in ring 3: their pages are "user". */
#define PTE_P	  0x001UL
#define PTE_RW	  0x002UL
#define PTE_USER  0x004UL
#define PTE_A	  0x020UL
#define PTE_D	  0x040UL
#define PTE_PS	  0x080UL
#define PTE_ADDR  0x000ffffffffff000UL
#define PTE_PV_RW (PTE_P | PTE_RW | PTE_USER | PTE_A | PTE_D)
#define PTE_PV_RO (PTE_P | PTE_USER | PTE_A)

extern start_info_t *xen_start_info;
extern shared_info_t *xen_shared_info;
/* The p2m: machine frame of each pseudo-physical frame (start_info's mfn_list). */
extern unsigned long *xen_p2m;
/* Pages mapped at XEN_VIRT_BASE (at most start_info's nr_pages). */
extern unsigned long xen_nr_mapped;

static inline unsigned long xen_virt_to_pfn(const void *va)
{
	return ((uintptr_t)va - XEN_VIRT_BASE) >> PAGE_SHIFT;
}

static inline void *xen_pfn_to_virt(unsigned long pfn)
{
	return (void *)(XEN_VIRT_BASE + (pfn << PAGE_SHIFT));
}

static inline unsigned long xen_mfn_to_pfn(unsigned long mfn)
{
#if CONFIG_XEN_PVH
	return mfn;
#else
	return ((const unsigned long *)MACH2PHYS_VIRT_START)[mfn];
#endif
}

static inline void *xen_mfn_to_virt(unsigned long mfn)
{
	return xen_pfn_to_virt(xen_mfn_to_pfn(mfn));
}

/*
 * The frame number a peer or Xen uses for a page of ours (PV: machine frame; PVH: guest
 * frame); ~0UL when va is outside the mapped memory.
 */
static inline unsigned long xen_virt_to_mfn(const void *va)
{
#if CONFIG_XEN_PVH
	return xen_virt_to_pfn(va) < xen_nr_mapped ? xen_virt_to_pfn(va) : ~0UL;
#else
	if ((uintptr_t)va < XEN_VIRT_BASE || xen_virt_to_pfn(va) >= xen_nr_mapped)
		return ~0UL;
	return xen_p2m[xen_virt_to_pfn(va)];
#endif
}

/* --- set-up steps, in xen_pv_start() / PVH x86_start64() order ------------------------- */
void xen_console_setup(void *ring, evtchn_port_t port);
void xen_events_init(void);
void xen_time_init(void);
#if !CONFIG_XEN_PVH
void xen_traps_init(void);
/* Map all of memory, add the free part to bi; returns the number of free pages. */
struct plat_bootinfo;
unsigned long xen_mm_init(struct plat_bootinfo *bi);
#endif
void xen_xenstore_setup(void *ring, evtchn_port_t port);

/* Wait (bounded) until the console back-end has consumed everything written. */
void xen_console_drain(void);
/* Write through HYPERVISOR_console_io: only debug builds of Xen print a domU's writes. */
void xen_console_emergency(const char *s, size_t len);

/* --- event channels: a port number is the event number of plat/events.h ------------------ */
int xen_evtchn_bind_virq(unsigned int virq, evtchn_port_t *port);
int xen_evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port);
int xen_evtchn_bind_interdomain(domid_t remote, evtchn_port_t remote_port, evtchn_port_t *port);
int xen_evtchn_close(evtchn_port_t port);
/* Clear a port's pending bit; returns whether it was set. */
bool xen_evtchn_clear_pending(evtchn_port_t port);
/* Block (events disabled) until port is pending or the Xen system time deadline (0: none). */
void xen_evtchn_poll(evtchn_port_t port, uint64_t deadline);

/* --- time --------------------------------------------------------------------------- */
/* Xen system time (ns since the host booted): the base of timer deadlines. */
uint64_t xen_system_time(void);
/* Nanoseconds since the image's first instruction (for the boot-time trace). */
uint64_t xen_ns_since_entry(void);

/* --- grant tables (set up by the first grant, or explicitly) --------------------------- */
int xen_gnttab_init(void);
int xen_gnttab_grant(domid_t peer, unsigned long mfn, bool readonly, grant_ref_t *ref);
int xen_gnttab_revoke(grant_ref_t ref);
/* The entry of ref (for tests and debugging). */
const grant_entry_v1_t *xen_gnttab_entry(grant_ref_t ref);
unsigned int xen_gnttab_nr_frames(void);

#endif /* XENPLAT_XEN_H */
