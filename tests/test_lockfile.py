"""The hash-pinned lock files agree with pyproject.toml and with each other,
and hold every dependency, transitive ones included.

Offline: the closure is checked against the metadata of the packages installed
in this environment (scripts/test installs it from requirements-dev.lock).
`scripts/lock --check` re-resolves against the package index as well.
"""

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
HASH = re.compile(r"--hash=(sha256:[0-9a-f]{64})")


def read_lock(name: str) -> dict[str, tuple[str, frozenset[str]]]:
    """{canonical name: (version, hashes)} from a pip requirements lock file."""
    entries: dict[str, tuple[str, frozenset[str]]] = {}
    current = None
    for line in (ROOT / name).read_text().splitlines():
        pin = PIN.match(line)
        if pin:
            current = canonicalize_name(pin.group(1))
            entries[current] = (pin.group(2).rstrip(" \\;"), frozenset())
        for digest in HASH.findall(line):
            version, hashes = entries[current]
            entries[current] = (version, hashes | {digest})
    return entries


BASE = read_lock("requirements.lock")
DEV = read_lock("requirements-dev.lock")


def direct_requirements(extras: tuple[str, ...] = ()) -> list[Requirement]:
    requirements = [Requirement(text) for text in PYPROJECT["dependencies"]]
    for extra in extras:
        requirements += [Requirement(text) for text in PYPROJECT["optional-dependencies"][extra]]
    return requirements


@pytest.mark.parametrize(
    ("lock", "extras"),
    [(BASE, ()), (DEV, ("dev",))],
    ids=["requirements.lock", "requirements-dev.lock"],
)
def test_every_pyproject_pin_is_in_the_lock_at_that_version(lock, extras):
    for requirement in direct_requirements(extras):
        name = canonicalize_name(requirement.name)
        assert name in lock, f"{requirement} is not locked: run scripts/lock"
        assert requirement.specifier.contains(lock[name][0], prereleases=True), (
            f"pyproject wants {requirement}, the lock has {lock[name][0]}: run scripts/lock"
        )


def test_every_locked_package_is_pinned_with_hashes():
    for lock in (BASE, DEV):
        missing = [name for name, (_, hashes) in lock.items() if not hashes]
        assert not missing, f"no hashes for {missing}"


def test_dev_lock_runs_exactly_what_production_runs():
    for name, entry in BASE.items():
        assert DEV.get(name) == entry, f"{name} differs between the two lock files"


def test_lock_holds_every_transitive_dependency_of_what_is_installed():
    """Walk the dependency graph from pyproject.toml through the installed
    packages' own metadata: every package reached must be locked, at the
    version installed, satisfying every requirement on it."""
    seen: set[tuple[str, str]] = set()
    todo = [(req, "conflictwatch (pyproject.toml)") for req in direct_requirements(("dev",))]
    while todo:
        requirement, wanted_by = todo.pop()
        name = canonicalize_name(requirement.name)
        assert name in DEV, f"{name} (needed by {wanted_by}) is missing from the lock"
        version = DEV[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{wanted_by} needs {requirement}, the lock has {version}"
        )
        installed = metadata.version(name)
        assert installed == version, (
            f"{name} {installed} is installed but the lock says {version}: "
            "reinstall with pip install --require-hashes -r requirements-dev.lock"
        )
        for extra in ("", *sorted(requirement.extras)):
            if (name, extra) in seen:
                continue
            seen.add((name, extra))
            for text in metadata.requires(name) or []:
                dependency = Requirement(text)
                if dependency.marker is None or dependency.marker.evaluate({"extra": extra}):
                    todo.append((dependency, f"{name}{f'[{extra}]' if extra else ''}"))
    assert len(seen) >= len(DEV) * 0.9  # the walk really went through the lock
