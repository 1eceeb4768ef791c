"""The licence of every package parallax installs, and whether an MIT package may ship with it.

Usage: python scripts/licences.py   (prints one line per package; exit status 1 on a problem)

The runtime closure: ``[project].dependencies`` of pyproject.toml (with the extras they name,
``dask[distributed]``, ``psycopg[binary]``), then each installed distribution's ``Requires-Dist``
recursively, environment markers evaluated here (the dev extras are not shipped and not checked).
A licence is read from ``License-Expression`` (SPDX), else the ``License ::`` classifiers, else a
short ``License`` field.

Policy (``scripts/licences.toml`` holds the exceptions, each with its reason):

* permissive licences (MIT, BSD, Apache, ISC, PSF, Zlib, CC0, Unlicense) and file-level
  copyleft (MPL) pass;
* GPL and AGPL fail: an MIT package cannot ship depending on them;
* LGPL passes only for a package listed under ``[lgpl]``: parallax imports it at run time, as a
  separately installed, unmodified distribution a user can replace (dynamic linking in the
  LGPL's sense); nothing LGPL is vendored, copied or statically linked;
* a licence the metadata does not state in a form read here fails unless the package is listed
  under ``[unknown]`` with what its licence is and where that was checked;
* an SPDX ``OR`` passes when one alternative does (``MPL-1.1 OR GPL-2.0-only``), ``AND`` when
  every part does.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.markers import UndefinedEnvironmentName
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
EXCEPTIONS = ROOT / "scripts" / "licences.toml"

_PERMISSIVE = re.compile(
    r"^(MIT|MIT-0|X11|BSD|0BSD|BSD-\d-Clause(-\w+)?|Apache(-\d\.\d)?|ISC|PSF(-\d\.\d)?|Python-\d\.\d|"
    r"CNRI-Python|Zlib|CC0-1\.0|Unlicense|HPND|ZPL-\d\.\d|MPL(-\d\.\d)?|Public Domain)$",
    re.IGNORECASE,
)
# Classifier names and free-text ``License`` fields, as packages write them, to SPDX-like ids.
_ALIASES = {
    "mit license": "MIT",
    "the mit license": "MIT",
    "bsd license": "BSD",
    "3-clause bsd license": "BSD-3-Clause",
    "the bsd 2-clause license": "BSD-2-Clause",
    "new bsd license": "BSD-3-Clause",
    "apache 2.0": "Apache-2.0",
    "apache license 2.0": "Apache-2.0",
    "apache software license": "Apache",
    "apache license, version 2.0": "Apache-2.0",
    "isc license": "ISC",
    "isc license (iscl)": "ISC",
    "mozilla public license 2.0 (mpl 2.0)": "MPL-2.0",
    "python software foundation license": "PSF",
    "public domain": "Public Domain",
    "the unlicense (unlicense)": "Unlicense",
    "zope public license": "ZPL-2.1",
    "gnu general public license v3 (gplv3)": "GPL-3.0",
    "gnu general public license v2 (gplv2)": "GPL-2.0",
    "gnu affero general public license v3": "AGPL-3.0",
    "gnu lesser general public license v3 (lgplv3)": "LGPL-3.0",
    "gnu lesser general public license v2 or later (lgplv2+)": "LGPL-2.0-or-later",
}


@dataclass
class Package:
    name: str
    version: str
    licence: str  # as found (SPDX expression, classifier names or the License field)
    source: str  # which metadata field said so
    verdict: str  # "ok", "lgpl", "allowed" (listed as an exception) or "FAIL: why"


def runtime_closure(pyproject: Path = ROOT / "pyproject.toml") -> dict[str, metadata.Distribution]:
    """Every installed distribution the package needs at run time, by canonical name."""
    wanted = [Requirement(d) for d in tomllib.loads(pyproject.read_text())["project"]["dependencies"]]
    extras: dict[str, set[str]] = {}
    found: dict[str, metadata.Distribution] = {}
    while wanted:
        requirement = wanted.pop()
        name = canonicalize_name(requirement.name)
        if name in extras and set(requirement.extras) <= extras[name]:
            continue
        extras[name] = extras.get(name, set()) | set(requirement.extras)
        try:
            found[name] = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            continue  # not installed on this platform (its marker said so) or optional
        for line in found[name].requires or []:
            dependency = Requirement(line)
            if dependency.marker is not None and not any(
                _marker_holds(dependency, extra) for extra in extras[name] | {""}
            ):
                continue
            wanted.append(dependency)
    return found


def _marker_holds(requirement: Requirement, extra: str) -> bool:
    assert requirement.marker is not None
    try:
        return bool(requirement.marker.evaluate({"extra": extra}))
    except UndefinedEnvironmentName:
        return False


def licence_of(dist: metadata.Distribution) -> tuple[str, str]:
    """(licence, field) from the distribution's metadata; ("", "none") when it states none."""
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip(), "License-Expression"
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    named = [c for c in classifiers if c != "OSI Approved"]
    if named:
        return " AND ".join(_ALIASES.get(c.lower(), c) for c in named), "Classifier"
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 60:
        return _ALIASES.get(text.lower(), text), "License"
    return "", "none"


def _term_verdict(term: str) -> str:
    term = term.strip().strip("()").strip()
    if re.match(r"^A?GPL|GNU (Affero )?General", term, re.IGNORECASE):
        return "FAIL: GPL"
    if re.match(r"^LGPL|GNU Lesser", term, re.IGNORECASE):
        return "lgpl"
    if _PERMISSIVE.match(term.removesuffix("+").removesuffix("-or-later").removesuffix("-only")):
        return "ok"
    return "FAIL: unknown licence"


def verdict(licence: str) -> str:
    """ok / lgpl / FAIL: … for an SPDX-like expression (OR: the best alternative; AND: the worst part)."""
    if not licence:
        return "FAIL: no licence in the metadata"
    rank = {"ok": 0, "lgpl": 1, "FAIL: unknown licence": 2, "FAIL: GPL": 3}
    alternatives = []
    for alternative in re.split(r"\s+OR\s+", licence):
        parts = [_term_verdict(p) for p in re.split(r"\s+AND\s+|\s+WITH\s+", alternative)]
        alternatives.append(max(parts, key=rank.__getitem__))
    return min(alternatives, key=rank.__getitem__)


def check(exceptions_path: Path = EXCEPTIONS) -> list[Package]:
    exceptions = tomllib.loads(exceptions_path.read_text(encoding="utf-8"))
    lgpl, unknown = exceptions.get("lgpl", {}), exceptions.get("unknown", {})
    packages = []
    for name, dist in sorted(runtime_closure().items()):
        licence, source = licence_of(dist)
        result = verdict(licence)
        if result == "lgpl":
            result = "lgpl" if name in lgpl else "FAIL: LGPL without a reason in scripts/licences.toml [lgpl]"
        elif result.startswith("FAIL: unknown") or result.startswith("FAIL: no licence"):
            result = "allowed" if name in unknown else result + " (add it to scripts/licences.toml [unknown])"
        packages.append(Package(name, dist.version, licence or "?", source, result))
    return packages


def main() -> int:
    packages = check()
    for p in packages:
        print(f"{p.name:<28} {p.version:<12} {p.verdict:<8} {p.licence}  [{p.source}]")
    failures = [p for p in packages if p.verdict.startswith("FAIL")]
    print(f"{len(packages)} runtime packages, {len(failures)} problem(s)", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
