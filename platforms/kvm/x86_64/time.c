/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm time. Monotonic time is the TSC since the first instruction (entry.S), so a boot
 * trace needs nothing more. The TSC frequency comes from the CPU or the hypervisor when
 * they say it (CPUID 0x15, the hypervisor timing leaf 0x40000010, kvmclock's scale, CPUID
 * 0x16), else from a 2 ms count of the PIT. It is found on first use, not at boot: an
 * image that never asks the time never waits. Wall clock: the CMOS RTC, read once.
 * One-shot timer: the LAPIC (TSC-deadline mode when offered, else one-shot count).
 */
#include <lith/print.h>
#include <plat/time.h>
#include <arch/x86.h>
#include "kvm/kvm.h"

#define PIT_HZ			 1193182ULL
#define PIT_CALIB_MS		 2
#define MSR_KVM_SYSTEM_TIME_NEW	 0x4b564d01
#define KVM_FEATURE_CLOCKSOURCE2 (1U << 3)

static uint64_t tsc_hz;
static uint64_t ns_mult;    /* ns = ticks * ns_mult >> 32 */
static uint64_t tsc_mult;   /* ticks = ns * tsc_mult >> 24 */
static uint64_t lapic_mult; /* LAPIC ticks = ns * lapic_mult >> 24 */
static uint64_t wall_base;  /* wall clock minus monotonic, in ns */
static void (*timer_fn)(void);
static uint64_t timer_deadline;

struct pvclock {
	uint32_t version, pad0;
	uint64_t tsc_timestamp, system_time;
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags, pad[2];
};

static uint64_t kvmclock_hz(void)
{
	static volatile struct pvclock pv __aligned(64);
	uint64_t hz;

	x86_wrmsr(MSR_KVM_SYSTEM_TIME_NEW, (uintptr_t)&pv | 1);
	if (!pv.tsc_to_system_mul)
		return 0;
	/* ns = (ticks << shift) * mul >> 32, so ticks per second = 1e9 << 32 / mul >> shift. */
	hz = (NSEC_PER_SEC << 32) / pv.tsc_to_system_mul;
	hz = pv.tsc_shift >= 0 ? hz >> pv.tsc_shift : hz << -pv.tsc_shift;
	x86_wrmsr(MSR_KVM_SYSTEM_TIME_NEW, 0);
	return hz;
}

static uint64_t cpuid_hz(const char **src)
{
	uint32_t max = x86_cpuid(0, 0).a;
	struct x86_cpuid c;

	if (max >= 0x15) {
		c = x86_cpuid(0x15, 0);
		if (c.a && c.b && c.c) {
			*src = "CPUID 0x15";
			return (uint64_t)c.c * c.b / c.a;
		}
	}
	if (x86_cpuid(1, 0).c & (1U << 31)) {
		uint32_t hv_max;

		c = x86_cpuid(0x40000000, 0);
		hv_max = c.a;
		if (hv_max >= 0x40000010 && hv_max < 0x40000100 && x86_cpuid(0x40000010, 0).a) {
			*src = "hypervisor CPUID 0x40000010";
			return x86_cpuid(0x40000010, 0).a * 1000ULL;
		}
		/* "KVMKVMKVM\0\0\0" */
		if (c.b == 0x4b4d564b && c.c == 0x564b4d56 && c.d == 0x4d && hv_max >= 0x40000001 &&
		    (x86_cpuid(0x40000001, 0).a & KVM_FEATURE_CLOCKSOURCE2)) {
			*src = "kvmclock";
			return kvmclock_hz();
		}
	}
	if (max >= 0x16 && x86_cpuid(0x16, 0).a) {
		*src = "CPUID 0x16 (nominal)";
		return x86_cpuid(0x16, 0).a * 1000000ULL;
	}
	return 0;
}

static uint16_t pit_count0(void)
{
	uint8_t lo;

	x86_outb(0x43, 0x00); /* latch channel 0 */
	lo = x86_inb(0x40);
	return lo | (uint16_t)x86_inb(0x40) << 8;
}

/*
 * Count TSC (and LAPIC timer) ticks while PIT channel 0 counts PIT_CALIB_MS. Channel 0,
 * read back by latching, because microvm has no port 0x61 to gate channel 2. Its
 * interrupt is masked. Returns 0 when no PIT counts (the loops are bounded).
 */
static uint64_t pit_hz(void)
{
	const uint16_t want = PIT_HZ * PIT_CALIB_MS / 1000;
	uint16_t c0, done = 0;
	uint64_t t0, t1;
	unsigned int i;

	x86_outb(0x43, 0x34); /* channel 0, lo/hi byte, mode 2 (rate generator) */
	x86_outb(0x40, 0xff);
	x86_outb(0x40, 0xff);
	c0 = pit_count0();
	for (i = 0; i < 100000 && pit_count0() == c0; i++)
		;
	kvm_lapic_calib_start();
	t0 = x86_rdtsc();
	c0 = pit_count0();
	for (i = 0; i < 10000000 && done < want; i++)
		done = (uint16_t)(c0 - pit_count0());
	t1 = x86_rdtsc();
	if (done < want)
		return 0;
	kvm_lapic_calib_end(PIT_HZ, done);
	return (t1 - t0) * PIT_HZ / done;
}

static void calibrate(void)
{
	static bool busy;
	const char *src = NULL;
	uint64_t hz;

	/* Messages printed meanwhile ask the time: they get 0 rather than recursion. */
	if (busy)
		return;
	busy = true;
	hz = cpuid_hz(&src);

	if (!hz) {
		src = "PIT calibration";
		hz = pit_hz();
	}
	if (!hz)
		hz = 1000000000ULL; /* keeps time moving; cannot happen on a PC */
	tsc_mult = (hz << 24) / NSEC_PER_SEC;
	ns_mult = (NSEC_PER_SEC << 32) / hz;
	tsc_hz = hz;
	lith_pr_info("time: TSC at %llu kHz (%s)\n", (unsigned long long)hz / 1000, src);
}

uint64_t kvm_tsc_hz(void)
{
	if (!tsc_hz)
		calibrate();
	return tsc_hz;
}

uint64_t kvm_ns_to_tsc(uint64_t ns)
{
	kvm_tsc_hz();
	return (unsigned __int128)ns * tsc_mult >> 24;
}

uint64_t plat_time_monotonic_ns(void)
{
	uint64_t t = x86_rdtsc() - x86_entry_tsc;

	if (unlikely(!ns_mult)) {
		calibrate();
		if (!ns_mult)
			return 0;
	}
	return (unsigned __int128)t * ns_mult >> 32;
}

static uint8_t cmos(uint8_t reg)
{
	x86_outb(0x70, reg);
	return x86_inb(0x71);
}

static unsigned int bcd(uint8_t v, bool binary)
{
	return binary ? v : (v >> 4) * 10 + (v & 0xf);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; months 1-12). */
static uint64_t days_from_civil(unsigned int y, unsigned int m, unsigned int d)
{
	unsigned int era, yoe, doy, doe;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (uint64_t)era * 146097 + doe - 719468;
}

static void read_rtc(void)
{
	unsigned int sec, min, hour, day, mon, year, i;
	uint8_t b, h;
	bool bin;

	/* Wait out an update in progress (at most ~2 ms once a second). */
	for (i = 0; i < 100000 && (cmos(0x0a) & 0x80); i++)
		;
	b = cmos(0x0b);
	bin = b & 0x04;
	sec = bcd(cmos(0x00), bin);
	min = bcd(cmos(0x02), bin);
	h = cmos(0x04);
	hour = bcd(h & 0x7f, bin);
	if (!(b & 0x02) && (h & 0x80))
		hour = (hour % 12) + 12;
	day = bcd(cmos(0x07), bin);
	mon = bcd(cmos(0x08), bin);
	year = bcd(cmos(0x09), bin) + 2000;
	wall_base = ((days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec) *
		     NSEC_PER_SEC) -
		    plat_time_monotonic_ns();
	lith_pr_info("time: wall clock from the CMOS RTC: %u-%02u-%02u %02u:%02u:%02u UTC\n", year,
		     mon, day, hour, min, sec);
}

uint64_t plat_time_wall_ns(void)
{
	if (!wall_base)
		read_rtc();
	return wall_base + plat_time_monotonic_ns();
}

void plat_timer_handler(void (*fn)(void))
{
	timer_fn = fn;
}

static void program(uint64_t deadline)
{
	uint64_t now, ticks;

	if (kvm_tsc_deadline()) {
		kvm_lapic_timer_arm(0); /* sets the LVT to TSC-deadline mode */
		x86_wrmsr(X86_MSR_TSC_DEADLINE, x86_entry_tsc + kvm_ns_to_tsc(deadline) + 1);
		return;
	}
	if (!kvm_lapic_hz) {
		/* The TSC frequency came from CPUID: measure the LAPIC timer for 1 ms. */
		uint64_t end = x86_rdtsc() + kvm_tsc_hz() / 1000;

		kvm_lapic_calib_start();
		while (x86_rdtsc() < end)
			;
		kvm_lapic_calib_end(1000, 1);
	}
	if (!lapic_mult)
		lapic_mult = (kvm_lapic_hz << 24) / NSEC_PER_SEC;
	now = plat_time_monotonic_ns();
	ticks = deadline > now ? (unsigned __int128)(deadline - now) * lapic_mult >> 24 : 0;
	kvm_lapic_timer_arm(MAX(ticks, 1));
}

void plat_timer_set(uint64_t deadline_ns)
{
	kvm_tsc_hz();
	kvm_irq_init();
	timer_deadline = deadline_ns;
	if (deadline_ns)
		program(deadline_ns);
	else if (kvm_tsc_deadline())
		x86_wrmsr(X86_MSR_TSC_DEADLINE, 0);
	else
		kvm_lapic_timer_arm(0);
}

void kvm_timer_interrupt(void)
{
	if (!timer_deadline)
		return;
	/* The LAPIC count rounds: fire only once the deadline is really past. */
	if (plat_time_monotonic_ns() < timer_deadline) {
		program(timer_deadline);
		return;
	}
	timer_deadline = 0;
	if (timer_fn)
		timer_fn();
}
