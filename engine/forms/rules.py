"""A form's expressions: checked at publish, evaluated on every write.

Formulas are computed in dependency order; ``visible_if`` / ``required_if`` decide which
fields may and must hold values; form-level validation rules check values across fields.
The server enforces all of it, so the API obeys the same rules as the UI.
"""

from __future__ import annotations

from typing import Any

from engine.definitions.labels import localized
from engine.definitions.specs import FormSpec
from engine.errors import ErrorDetail
from engine.expressions import CompiledExpression, ExpressionError
from engine.forms.compiled import CompiledForm
from engine.forms.field_types.formula import compiled


def field_kinds(fields: Any) -> dict[str, str]:
    """Field id → field type name, the vocabulary of the form's expressions."""
    return {f.id: f.type for f in fields}


def _where(exc: ExpressionError) -> str:
    return f" (at character {exc.position})" if exc.position else ""


def check_expressions(spec: FormSpec) -> list[ErrorDetail]:
    """Every expression of the form compiles; formulas do not depend on themselves."""
    kinds = field_kinds(spec.fields)
    problems: list[ErrorDetail] = []
    depends: dict[str, set[str]] = {}
    for index, field in enumerate(spec.fields):
        for prop in ("expression", "visible_if", "required_if"):
            source = getattr(field, prop, None)
            if not source:
                continue
            try:
                expression = compiled(source, kinds)
            except ExpressionError as exc:
                problems.append(
                    ErrorDetail(
                        f"/fields/{index}/{prop}",
                        exc.message + _where(exc),
                        "expression",
                        field=field.id,
                    )
                )
                continue
            if prop == "expression":
                depends[field.id] = set(expression.names)
    for index, rule in enumerate(spec.validations):
        try:
            compiled(rule.expression, kinds)
        except ExpressionError as exc:
            problems.append(
                ErrorDetail(
                    f"/validations/{index}/expression", exc.message + _where(exc), "expression"
                )
            )
        for name in rule.fields:
            if name not in kinds:
                problems.append(
                    ErrorDetail(
                        f"/validations/{index}/fields",
                        f"there is no field '{name}'",
                        "unknown_field",
                    )
                )
    cycle = _cycle(depends)
    if cycle:
        index = next(i for i, f in enumerate(spec.fields) if f.id == cycle[0])
        problems.append(
            ErrorDetail(
                f"/fields/{index}/expression",
                "formulas depend on each other in a circle: " + " → ".join([*cycle, cycle[0]]),
                "cycle",
                field=cycle[0],
            )
        )
    return problems


def _cycle(depends: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(depends.get(node, ())):
            if nxt not in depends:
                continue
            if state.get(nxt) == 1:
                return path[path.index(nxt) :]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in depends:
        if node not in state and (found := visit(node)):
            return found
    return None


def formula_order(form: CompiledForm) -> list[str]:
    """Computed fields in an order where every formula comes after what it reads."""
    kinds = field_kinds(f.spec for f in form.fields.values())
    computed = [fid for fid, f in form.fields.items() if f.type.computed]
    reads = {
        fid: set(compiled(form.fields[fid].spec.expression, kinds).names) & set(computed)
        if getattr(form.fields[fid].spec, "expression", None)
        else set()
        for fid in computed
    }
    ordered: list[str] = []
    while reads:
        ready = [fid for fid, needs in reads.items() if needs <= set(ordered)]
        if not ready:  # a cycle; publishing refuses these, so this is only a safety net
            ordered += list(reads)
            break
        for fid in ready:
            ordered.append(fid)
            del reads[fid]
    return ordered


def _true(expression: CompiledExpression, values: dict[str, Any], form: CompiledForm) -> bool:
    try:
        return expression.evaluate(values, tz=form.time_zone) is True
    except ExpressionError:
        return False


def field_states(form: CompiledForm, values: dict[str, Any]) -> dict[str, dict[str, bool]]:
    """Whether each field is visible and required for these values (what a form shows)."""
    kinds = field_kinds(f.spec for f in form.fields.values())
    states: dict[str, dict[str, bool]] = {}
    for fid, field in form.fields.items():
        spec = field.spec
        visible = not spec.visible_if or _true(compiled(spec.visible_if, kinds), values, form)
        required = visible and (
            spec.required
            or bool(spec.required_if and _true(compiled(spec.required_if, kinds), values, form))
        )
        states[fid] = {"visible": visible, "required": required}
    return states


def rule_problems(
    form: CompiledForm, values: dict[str, Any], given: set[str], prefix: str, row: int | None
) -> list[ErrorDetail]:
    """Conditional visibility and requirement, read-only fields and validation rules."""
    if not form.has_rules:
        return []
    kinds = field_kinds(f.spec for f in form.fields.values())
    problems: list[ErrorDetail] = []
    for fid, field in form.fields.items():
        spec = field.spec
        value = values.get(fid)
        empty = value is None or value == "" or value == []
        if spec.read_only and fid in given and not field.type.computed:
            problems.append(
                ErrorDetail(f"{prefix}/{fid}", "is read-only", "read_only", field=fid, row=row)
            )
            continue
        visible = True
        if spec.visible_if:
            visible = _true(compiled(spec.visible_if, kinds), values, form)
            if not visible and fid in given and not empty:
                problems.append(
                    ErrorDetail(
                        f"{prefix}/{fid}",
                        f"is hidden while not ({spec.visible_if}); leave it empty",
                        "hidden",
                        field=fid,
                        row=row,
                    )
                )
                continue
        if visible and empty:
            required = (
                spec.required and spec.visible_if is not None
            )  # plain required: checked on clean
            if spec.required_if and _true(compiled(spec.required_if, kinds), values, form):
                required = True
            if required:
                problems.append(
                    ErrorDetail(f"{prefix}/{fid}", "is required", "required", field=fid, row=row)
                )
    for rule in form.spec.validations:
        expression = compiled(rule.expression, kinds)
        # A rule is checked once the fields it reads hold values; blanks are for `required`.
        if any(values.get(name) in (None, "", []) for name in expression.names):
            continue
        rule_error: str | None = None
        try:
            outcome = expression.evaluate(values, tz=form.time_zone)
        except ExpressionError as exc:
            outcome, rule_error = False, exc.message
        if outcome is False:
            message = localized(rule.message) + (f" ({rule_error})" if rule_error else "")
            targets: list[str | None] = list(rule.fields) or [None]
            for name in targets:
                pointer = f"{prefix}/{name}" if name else prefix
                problems.append(ErrorDetail(pointer, message, "rule", field=name, row=row))
    return problems
