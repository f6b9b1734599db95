/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sleeps until console input arrives and echoes the first line. Nothing else can wake
 * the CPU (no timer is armed), so reaching the echo proves that the UART's receive
 * interrupt travels through the interrupt controller to the CPU.
 */
#include <plat/console.h>
#include <plat/events.h>

static void say(const char *s, size_t n)
{
	plat_console_write(s, n);
}

int main(int argc, char *argv[])
{
	char line[64];
	size_t n = 0;
	int wakeups = 0;

	say("waiting for input\n", 18);
	plat_events_disable();
	while (n < sizeof(line)) {
		int got = plat_console_read(line + n, sizeof(line) - n);

		if (got > 0) {
			n += got;
			if (line[n - 1] == '\n' || line[n - 1] == '\r')
				break;
			continue;
		}
		plat_idle();
		wakeups++;
	}
	plat_events_enable();
	say("got: ", 5);
	say(line, n);
	if (line[n - 1] != '\n')
		say("\n", 1);
	say(wakeups ? "woken by an interrupt\n" : "input was there at once\n", wakeups ? 22 : 24);
	return 0;
}
