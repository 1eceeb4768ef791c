"""The JSON Schema generated from the models names the same fields as the written contract."""

from __future__ import annotations

import re

from parallax.models import Report
from tests.conftest import ROOT, shared_dir

CONTRACT_COPY = ROOT / "docs" / "contract.md"
# ../shared/spec/contract.md as given (read-only there), so the check runs without ../shared.
SHARED_CONTRACT_COPY = ROOT / "tests" / "fixtures" / "shared_contract.md"


def _contract_report_fields(text: str | None = None) -> dict[str, set[str]]:
    """Field names per top-level key, read from the report block of the contract (ours by default)."""
    block = (text if text is not None else CONTRACT_COPY.read_text(encoding="utf-8")).split("```")[1]
    fields: dict[str, set[str]] = {"": set()}
    current = ""
    for line in block.splitlines():
        top = re.match(r'^  "(\w+)"', line)
        if top:
            current = top.group(1)
            fields[""].add(current)
            fields.setdefault(current, set())
        for name in re.findall(r'(?<!: )"(\w+)"', line.split("#")[0]):
            fields.setdefault(current, set()).add(name)
    return fields


def _schema_fields(schema: dict, node: dict, seen: set[str] | None = None) -> set[str]:
    """Every property name reachable from ``node`` (through $ref and arrays)."""
    seen = seen or set()
    names: set[str] = set()
    if "$ref" in node:
        ref = node["$ref"].split("/")[-1]
        if ref in seen:
            return names
        seen.add(ref)
        return _schema_fields(schema, schema["$defs"][ref], seen)
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            names |= _schema_fields(schema, node[key], seen)
    for option in node.get("anyOf", []):
        names |= _schema_fields(schema, option, seen)
    for name, sub in node.get("properties", {}).items():
        names.add(name)
        names |= _schema_fields(schema, sub, seen)
    return names


def test_schema_has_every_contract_field() -> None:
    schema = Report.model_json_schema()
    contract = _contract_report_fields()
    assert contract[""] <= set(schema["properties"])
    for top, names in contract.items():
        if not top:
            continue
        have = _schema_fields(schema, schema["properties"][top]) | {top}
        missing = names - have
        assert not missing, f"{top}: contract fields missing from the models: {sorted(missing)}"


def test_contract_names_every_top_level_schema_field() -> None:
    schema = Report.model_json_schema()
    assert set(schema["properties"]) <= _contract_report_fields()[""]


def test_contract_in_docs_extends_the_shared_one() -> None:
    """docs/contract.md may add fields to the shared contract, never drop one."""
    shared = shared_dir() / "spec" / "contract.md"
    if not shared.exists():  # a clone with nothing beside it: the copy cut into tests/fixtures
        shared = SHARED_CONTRACT_COPY
    ours = _contract_report_fields()
    for top, names in _contract_report_fields(shared.read_text(encoding="utf-8")).items():
        missing = names - ours.get(top, set())
        assert not missing, f"{top or 'report'}: missing from docs/contract.md: {sorted(missing)}"


def test_shared_contract_copy_is_current() -> None:
    shared = shared_dir() / "spec" / "contract.md"
    if shared.exists():
        assert SHARED_CONTRACT_COPY.read_text(encoding="utf-8") == shared.read_text(encoding="utf-8")
    assert _contract_report_fields(SHARED_CONTRACT_COPY.read_text(encoding="utf-8"))[""]
