#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Style and lint of every C file: the project's formatter and cppcheck agree with it.
exec "$(dirname "$0")/../../support/scripts/check.sh"
