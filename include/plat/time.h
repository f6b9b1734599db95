/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform interface: clocks and the one-shot timer.
 * xen: vcpu_time_info + set_timer_op / VIRQ_TIMER; kvm: TSC or kvmclock + LAPIC/PIT or the
 * generic timer; linuxu: clock_gettime + a POSIX timer delivering a signal.
 */
#ifndef PLAT_TIME_H
#define PLAT_TIME_H

#include <stdint.h>

#define NSEC_PER_USEC 1000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_SEC  1000000000ULL

/* Nanoseconds since an arbitrary point at boot; never goes backwards. */
uint64_t plat_time_monotonic_ns(void);

/* Nanoseconds since the Unix epoch (0 if the platform has no wall clock). */
uint64_t plat_time_wall_ns(void);

/*
 * Arm the one-shot timer to fire at monotonic time deadline_ns (0 disarms it). When it
 * fires, the handler set below runs in event context, with events disabled.
 */
void plat_timer_set(uint64_t deadline_ns);
void plat_timer_handler(void (*fn)(void));

#endif /* PLAT_TIME_H */
