#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Lith's Kconfig front end, over Debian's python3-kconfiglib.

Unlike plain olddefconfig, an assignment that Kconfig would drop (unknown symbol, unmet
dependency, value out of range) is reported with the symbol's name and is an error.

usage: kconfig.py KCONFIG CONFIG COMMAND [ARGS]
  defconfig FRAGMENT...   defaults, then each fragment in order; every assignment must hold
  olddefconfig            complete CONFIG with defaults for new symbols; dropped ones fail
  savedefconfig OUT       write the minimal configuration
  genconfig HEADER MAKEINC  write the C header and the make include (only when they change)
  menuconfig              the interactive menu (needs a terminal)
"""

import os
import re
import sys

try:
    import kconfiglib
except ImportError:
    sys.exit("kconfig: python3-kconfiglib is missing: apt-get install python3-kconfiglib")

ASSIGN = re.compile(r"^(CONFIG_[A-Za-z0-9_]+)=(.*)$")
UNSET = re.compile(r"^# (CONFIG_[A-Za-z0-9_]+) is not set$")


def die(msg):
    sys.stderr.write("kconfig: error: %s\n" % msg)
    sys.exit(1)


def load(kconfig):
    os.environ.setdefault("srctree", os.path.dirname(os.path.abspath(kconfig)))
    try:
        return kconfiglib.Kconfig(kconfig, warn_to_stderr=False)
    except kconfiglib.KconfigError as e:
        die(str(e))


def read_assignments(path):
    """Yield (line number, name without CONFIG_, requested value) for each assignment."""
    with open(path) as f:
        for num, line in enumerate(f, 1):
            line = line.strip()
            m = ASSIGN.match(line)
            if m:
                val = m.group(2)
                if len(val) >= 2 and val[0] == '"' and val[-1] == '"':
                    val = val[1:-1].replace('\\"', '"').replace("\\\\", "\\")
                yield num, m.group(1)[7:], val
                continue
            m = UNSET.match(line)
            if m:
                yield num, m.group(1)[7:], "n"


def why_dropped(kconf, sym, want):
    """Explain in one phrase why sym did not take the value want."""
    if not sym.nodes or not any(node.prompt for node in sym.nodes):
        return "it has no prompt (only a default or a select sets it)"
    if want == "n" and sym.rev_dep is not kconf.n and kconfiglib.expr_value(sym.rev_dep):
        return "it is selected by %s" % kconfiglib.expr_str(sym.rev_dep)
    if kconfiglib.expr_value(sym.direct_dep) == 0:
        return "unmet dependency: depends on %s" % kconfiglib.expr_str(sym.direct_dep)
    if sym.choice and want == "y":
        sel = sym.choice.selection
        return "another choice was taken (%s)" % (("CONFIG_" + sel.name) if sel else "none")
    if sym.type in (kconfiglib.INT, kconfiglib.HEX) and sym.ranges:
        return "outside its range"
    return "Kconfig set it to '%s'" % sym.str_value


def check(kconf, paths, strict_n):
    """Compare each assignment in paths with the final value; return the list of problems."""
    errors = []
    final = {}
    for path in paths:
        for num, name, want in read_assignments(path):
            final[name] = (path, num, want)
    for name, (path, num, want) in final.items():
        where = "%s:%d" % (path, num)
        sym = kconf.syms.get(name)
        if sym is None or not sym.nodes:
            errors.append((True, "%s: CONFIG_%s: unknown symbol" % (where, name)))
            continue
        have = sym.str_value
        if sym.type in (kconfiglib.BOOL, kconfiglib.TRISTATE):
            same = have == want
        elif sym.type == kconfiglib.HEX:
            try:
                same = int(have or "0", 16) == int(want or "0", 16)
            except ValueError:
                same = False
        else:
            same = have == want
        if same:
            continue
        fatal = strict_n or want != "n"
        errors.append((fatal, "%s: CONFIG_%s=%s was dropped (now '%s'): %s" %
                       (where, name, want, have or "n", why_dropped(kconf, sym, want))))
    return errors


def report(errors):
    fatal = False
    for is_fatal, msg in errors:
        sys.stderr.write("kconfig: %s: %s\n" % ("error" if is_fatal else "warning", msg))
        fatal = fatal or is_fatal
    if fatal:
        sys.exit(1)


def write_if_changed(path, text):
    try:
        with open(path) as f:
            if f.read() == text:
                return
    except OSError:
        pass
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def genconfig(kconf, header, makeinc):
    h = ["/* Generated from .config by support/scripts/kconfig.py: do not edit. */",
         "#ifndef LITH_CONFIG_H", "#define LITH_CONFIG_H"]
    mk = ["# Generated from .config by support/scripts/kconfig.py: do not edit."]
    for sym in kconf.unique_defined_syms:
        val = sym.str_value
        if sym.type in (kconfiglib.BOOL, kconfiglib.TRISTATE):
            if val == "n":
                continue
            h.append("#define CONFIG_%s 1" % sym.name)
            mk.append("CONFIG_%s=%s" % (sym.name, val))
        elif sym.type == kconfiglib.STRING:
            esc = val.replace("\\", "\\\\").replace('"', '\\"')
            h.append('#define CONFIG_%s "%s"' % (sym.name, esc))
            mk.append("CONFIG_%s=%s" % (sym.name, val))
        elif sym.type in (kconfiglib.INT, kconfiglib.HEX):
            if val == "":
                continue
            if sym.type == kconfiglib.HEX and not val.lower().startswith("0x"):
                val = "0x" + val
            h.append("#define CONFIG_%s %s" % (sym.name, val))
            mk.append("CONFIG_%s=%s" % (sym.name, val))
    h.append("#endif")
    write_if_changed(header, "\n".join(h) + "\n")
    write_if_changed(makeinc, "\n".join(mk) + "\n")


def write_config(kconf, config):
    kconf.write_config(config, header="# Lith configuration: 'make menuconfig' edits it.\n")


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    kconfig, config, cmd, args = argv[1], argv[2], argv[3], argv[4:]
    kconf = load(kconfig)

    if cmd == "defconfig":
        if not args:
            die("defconfig needs at least one fragment")
        for frag in args:
            if not os.path.isfile(frag):
                die("no such defconfig file: %s" % frag)
            kconf.load_config(frag, replace=False)
        report(check(kconf, args, strict_n=True))
        write_config(kconf, config)
    elif cmd == "olddefconfig":
        if os.path.isfile(config):
            kconf.load_config(config)
            report(check(kconf, [config], strict_n=False))
        write_config(kconf, config)
    elif cmd == "savedefconfig":
        kconf.load_config(config)
        kconf.write_min_config(args[0])
    elif cmd == "genconfig":
        kconf.load_config(config)
        genconfig(kconf, args[0], args[1])
    elif cmd == "menuconfig":
        os.environ["KCONFIG_CONFIG"] = config
        import menuconfig
        menuconfig.menuconfig(kconf)
    else:
        die("unknown command '%s'" % cmd)


if __name__ == "__main__":
    main(sys.argv)
