"""Every error compile_expression reports: its words for the admin and its position."""

from __future__ import annotations

import pytest

from engine.expressions import ExpressionError, compile_expression
from engine.expressions.limits import MAX_DEPTH, MAX_NODES, MAX_SOURCE_LENGTH
from tests.unit.expressions.helpers import FIELDS, compile_fails


def test_error_carries_message_position_and_source() -> None:
    error = compile_fails("quantity * qty")
    assert isinstance(error, ValueError)
    assert error.message == "unknown field 'qty'; fields are: " + ", ".join(sorted(FIELDS))
    assert error.position == 12
    assert error.source == "quantity * qty"
    assert str(error) == f"{error.message} (at character 12)"


def test_the_briefs_example_message() -> None:
    error = compile_fails("qty * 2", {"quantity": "integer", "unit_price": "decimal"})
    assert error.message == "unknown field 'qty'; fields are: quantity, unit_price"
    assert error.position == 1


def test_error_without_position_prints_only_the_message() -> None:
    error = compile_fails("")
    assert error.position is None
    assert str(error) == "the expression is empty"


@pytest.mark.parametrize("source", ["", "   ", "\n\t "])
def test_empty_expression(source: str) -> None:
    assert compile_fails(source).message == "the expression is empty"


def test_source_over_the_length_limit() -> None:
    source = "1 + " * 500 + "1"
    assert len(source) > MAX_SOURCE_LENGTH
    error = compile_fails(source)
    assert error.message == (
        f"the expression is too long: {len(source):,} characters, at most 2,000 are allowed"
    )


def test_source_at_the_length_limit_is_fine() -> None:
    source = "'" + "a" * (MAX_SOURCE_LENGTH - 2) + "'"
    assert compile_expression(source, {}).evaluate({}) == "a" * (MAX_SOURCE_LENGTH - 2)


def test_null_character() -> None:
    assert compile_fails("1\x00").message == "the expression contains a null character"


def test_non_text_source() -> None:
    assert compile_fails(123).message == "the expression must be text"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("source", "message", "position"),
    [
        ("quantity +", "syntax error: the expression ends too early", 10),
        ("quantity quantity", "syntax error: unexpected 'quantity'", 10),
        ("quantity + * 2", "syntax error: unexpected '*'", 12),
        ("quantity = 1", "syntax error: '=' is not allowed; use '==' to compare values", 10),
        ("quantity == = 1", "syntax error: '=' is not allowed; use '==' to compare values", 13),
        ("ROUND(1,", "syntax error: '(' was never closed", 6),
        ("'abc", "syntax error: unterminated string literal (detected at line 1)", 1),
        (r"'\d'", r"syntax error: invalid escape sequence '\d'", 1),
        ("5a", "syntax error: invalid decimal literal", 1),
        ("import os", "syntax error: unexpected 'import'", 1),
        ("quantity; 1", "syntax error: unexpected ';'", 9),
        ("quantity\n+ 1", "syntax error: unexpected '+'", 10),
        ("1 if quantity", "syntax error: expected 'else' after 'if' expression", 1),
        ("  )", "syntax error: unmatched ')'", 3),
    ],
)
def test_syntax_errors(source: str, message: str, position: int) -> None:
    error = compile_fails(source)
    assert (error.message, error.position) == (message, position)


def test_too_many_parentheses_is_a_syntax_error() -> None:
    error = compile_fails("(" * 250 + "1" + ")" * 250)
    assert error.message.startswith("syntax error: too many nested parentheses")


def test_nested_too_deeply() -> None:
    error = compile_fails("-" * (MAX_DEPTH + 5) + "1")
    assert error.message == f"the expression is nested too deeply (at most {MAX_DEPTH} levels)"
    assert error.position == MAX_DEPTH + 1


def test_long_sum_is_nested_too_deeply() -> None:
    error = compile_fails("quantity + " * MAX_DEPTH + "1")
    assert error.message.startswith("the expression is nested too deeply")


def test_nesting_at_the_limit_is_fine() -> None:
    assert compile_expression("-" * (MAX_DEPTH - 1) + "1", {}).evaluate({}) == -1


def test_too_many_parts() -> None:
    source = "[" + ",".join(["1"] * MAX_NODES) + "]"
    error = compile_fails(source)
    assert error.message == (
        f"the expression is too big: {MAX_NODES + 1} parts, at most {MAX_NODES} are allowed"
    )


def test_unknown_field_suggests_a_close_name() -> None:
    error = compile_fails("quantty * 2")
    assert error.message.startswith(
        "unknown field 'quantty' (did you mean 'quantity'?); fields are: "
    )


def test_unknown_field_with_no_fields() -> None:
    assert compile_fails("x", {}).message == "unknown field 'x'; there are no fields to use"


def test_unknown_field_lists_at_most_thirty_fields() -> None:
    fields = {f"field_{index:02d}": "text" for index in range(45)}
    message = compile_fails("nope", fields).message
    assert message.endswith("field_29, ... (45 fields in all)")
    assert "field_30" not in message


def test_field_names_are_case_sensitive() -> None:
    assert compile_fails("Quantity").message.startswith("unknown field 'Quantity'")


@pytest.mark.parametrize(
    ("source", "message", "position"),
    [
        ("ROUNF(quantity)", "unknown function 'ROUNF'; did you mean ROUND?", 1),
        ("frobnicate(1)", "unknown function 'frobnicate'", 1),
        ("1 + eval('1')", "unknown function 'eval'", 5),
        ("quantity(1)", "'quantity' is a field, not a function", 1),
        ("TODAY + 1", "TODAY is a function: call it with parentheses, like TODAY()", 1),
        ("today", "TODAY is a function: call it with parentheses, like TODAY()", 1),
        ("__import__('os')", "'__import__' is not allowed: names cannot start with '__'", 1),
        ("__builtins__", "'__builtins__' is not allowed: names cannot start with '__'", 1),
        ("(1)(2)", "only the functions of the list can be called, by their name", 1),
    ],
)
def test_names_and_functions(source: str, message: str, position: int) -> None:
    error = compile_fails(source)
    assert (error.message, error.position) == (message, position)


def test_a_dunder_name_is_refused_even_when_it_is_a_field() -> None:
    error = compile_fails("__class__", {"__class__": "text"})
    assert error.message == "'__class__' is not allowed: names cannot start with '__'"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("ROUND()", "ROUND takes 1 to 2 arguments: ROUND(number, digits?); it was given 0"),
        ("ROUND(1, 2, 3)", "ROUND takes 1 to 2 arguments: ROUND(number, digits?); it was given 3"),
        ("TODAY(1)", "TODAY takes no arguments: TODAY(); it was given 1"),
        ("ABS(1, 2)", "ABS takes exactly 1 argument: ABS(number); it was given 2"),
        ("MID('a', 1)", "MID takes exactly 3 arguments: MID(text, start, count); it was given 2"),
        ("SUM()", "SUM takes at least 1 argument: SUM(number, ...); it was given 0"),
        (
            "IFS(true)",
            "IFS takes at least 2 arguments: IFS(condition1, value1, condition2, value2, ..., "
            "default?); it was given 1",
        ),
    ],
)
def test_wrong_argument_counts(source: str, message: str) -> None:
    error = compile_fails(source)
    assert (error.message, error.position) == (message, 1)


def test_keyword_arguments_are_refused() -> None:
    error = compile_fails("ROUND(1.5, digits=1)")
    assert error.message == "ROUND takes its arguments in order, without names; remove 'digits='"
    assert error.position == 12


def test_double_star_arguments_are_refused() -> None:
    error = compile_fails("ROUND(**tags)")
    assert error.message == "ROUND takes its arguments in order, without names; remove '**'"


def test_star_arguments_are_refused() -> None:
    error = compile_fails("SUM(*tags)")
    assert (error.message, error.position) == ("'*' is not allowed", 5)


@pytest.mark.parametrize(
    ("source", "message", "position"),
    [
        (
            "quantity.real",
            "'.real' is not allowed: expressions cannot read attributes; "
            "refer to a field by its id alone",
            9,
        ),
        (
            "name.upper()",
            "'.upper' is not allowed: expressions cannot read attributes; "
            "refer to a field by its id alone",
            5,
        ),
        ("name[0]", "only lists can be indexed with [...]; use LEFT, RIGHT or MID for text", 1),
        ("quantity[0]", "only lists can be indexed with [...]; use LEFT, RIGHT or MID for text", 1),
        ("tags[0:2]", "slices ([a:b]) are not allowed; use LEFT, RIGHT or MID for text", 6),
        ("tags['a']", "a list index must be a whole number, not text", 6),
        ("[tags]", "lists inside lists are not allowed", 2),
        ("[[1], 2]", "lists inside lists are not allowed", 2),
        ("lambda: 1", "lambda functions are not allowed", 1),
        ("[x for x in tags]", "comprehensions ('for ... in ...') are not allowed", 1),
        ("{x for x in tags}", "comprehensions ('for ... in ...') are not allowed", 1),
        ("{x: 1 for x in tags}", "comprehensions ('for ... in ...') are not allowed", 1),
        ("SUM(x for x in tags)", "comprehensions ('for ... in ...') are not allowed", 4),
        ("f'{name}'", "f-strings are not allowed; use CONCAT(...) and TEXT(...)", 1),
        ("(n := 1)", "':=' is not allowed; expressions cannot assign values", 2),
        ("(1, 2)", "tuples are not allowed; write a list in square brackets: [a, b]", 1),
        ("{'a': 1}", "dictionaries ({key: value}) are not allowed", 1),
        ("{1, 2}", "sets ({a, b}) are not allowed; write a list in square brackets: [a, b]", 1),
        ("b'abc'", "byte strings (b'...') are not allowed; use plain text", 1),
        ("2j", "imaginary numbers are not allowed", 1),
        ("...", "Ellipsis is not allowed", 1),
        ("quantity is null", "'is' is not allowed; use '==' (for example: quantity == null)", 1),
        (
            "quantity is not null",
            "'is not' is not allowed; use '!=' (for example: quantity != null)",
            1,
        ),
        ("quantity & 1", "'&' is not allowed; use 'and'", 1),
        ("quantity | 1", "'|' is not allowed; use 'or'", 1),
        ("quantity ^ 2", "'^' is not allowed; use '**' for powers", 1),
        ("quantity << 2", "'<<' is not allowed", 1),
        ("quantity >> 2", "'>>' is not allowed", 1),
        ("tags @ tags", "'@' is not allowed", 1),
        ("~quantity", "'~' is not allowed; use 'not'", 1),
    ],
)
def test_disallowed_syntax(source: str, message: str, position: int) -> None:
    error = compile_fails(source)
    assert (error.message, error.position) == (message, position)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "name + 1",
            "cannot add text and number with '+'; use CONCAT(...) to join text with other values",
        ),
        (
            "quantity - name",
            "cannot subtract number and text with '-'; use NUMBER(text) to turn text into a number",
        ),
        ("active + 1", "cannot add yes/no and number with '+'"),
        (
            "received_on + 1",
            "cannot add date and number with '+'; use ADD_DAYS(date, days) or "
            "ADD_MONTHS(date, months)",
        ),
        (
            "due_on - received_on",
            "cannot subtract date and date with '-'; use DAYS_BETWEEN(start, end), "
            "HOURS_BETWEEN(start, end) or ADD_DAYS(date, -days)",
        ),
        (
            "shipped_at - packed_at",
            "cannot subtract date and time and date and time with '-'; "
            "use DAYS_BETWEEN(start, end), HOURS_BETWEEN(start, end) or ADD_DAYS(date, -days)",
        ),
        ("name < 1", "cannot compare text and number with '<'"),
        (
            "shipped_at >= received_on",
            "cannot compare date and time and date with '>='; use DATE_OF(...) to take the "
            "date of a date and time",
        ),
        ("tags < tags", "cannot compare list and list with '<'"),
        ("-name", "cannot negate text with '-'"),
        ("+name", "cannot use '+' on text"),
        (
            "1 in name",
            "cannot look for number in text with 'in'; only text can be found in text",
        ),
        ("1 in quantity", "'in' needs a list or text on its right, not number"),
        (
            "ROUND(quantity) + name",
            "cannot add number and text with '+'; use CONCAT(...) to join text with other values",
        ),
        (
            "IF(active, 1, 2) + 'x'",
            "cannot add number and text with '+'; use CONCAT(...) to join text with other values",
        ),
        ("1 < quantity < name", "cannot compare number and text with '<'"),
    ],
)
def test_kinds_that_never_go_together_fail_at_compile(source: str, message: str) -> None:
    error = compile_fails(source)
    assert (error.message, error.position) == (message, 1)


@pytest.mark.parametrize(
    "source",
    [
        "location + 1",  # unknown kind: checked when evaluated
        "IF(active, name, quantity) + 1",
        "tags[0] + 1",
        "null + name",
        "COALESCE(quantity, null) * 2",
        "quantity == name",  # never equal, but a fair question
        "name in tags",
        "'a' * quantity",
    ],
)
def test_kinds_that_may_go_together_compile(source: str) -> None:
    compile_expression(source, FIELDS)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("1e30", "the number 1e30 is too large: numbers must stay below 10^30"),
        (
            "-1000000000000000000000000000000",
            "the number 1000000000000000000000000000000 is too "
            "large: numbers must stay below 10^30",
        ),
        ("1e400", "the number 1e400 is too large: numbers must stay below 10^30"),
    ],
)
def test_number_literals_are_bounded(source: str, message: str) -> None:
    error = compile_fails(source)
    assert error.message == message


def test_expressions_without_fields_are_evaluated_at_compile() -> None:
    error = compile_fails("1 + 1 / 0")
    assert (error.message, error.position) == ("division by zero", 5)


def test_expressions_with_the_clock_are_not_evaluated_at_compile() -> None:
    compiled = compile_expression("IF(YEAR(TODAY()) > 2000, 1 / 0, 1)", {})
    with pytest.raises(ExpressionError, match="division by zero"):
        compiled.evaluate({})


@pytest.mark.parametrize(
    ("source", "position"),
    [
        ("   qty", 4),
        ("\n\n  qty", 5),
        ("'é' + qty", 7),
        ("'日本語' + qty", 9),
        ("CONCAT('é',\n  qty)", 15),
    ],
)
def test_positions_count_characters_from_one(source: str, position: int) -> None:
    assert compile_fails(source).position == position
