/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hello without a C library: the smallest image that goes through the whole boot, for
 * the KVM smoke test (an image built without SSE) and the boot benchmarks.
 */
#include <plat/console.h>

int main(int argc, char *argv[])
{
	static const char msg[] = "Hello world!\n";

	plat_console_write(msg, sizeof(msg) - 1);
	return 0;
}
