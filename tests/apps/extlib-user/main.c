/* SPDX-License-Identifier: BSD-3-Clause */
#include <greet/greet.h>

int main(int argc, char *argv[])
{
	greet();
	return 0;
}
