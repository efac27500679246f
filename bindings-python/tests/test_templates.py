"""envoi.templates: parsing with positions, validation, rendering per recipient, dates."""

from __future__ import annotations

import pickle
from datetime import date, time

import pytest

import envoi
from envoi import contacts, templates


def test_parse_fields_and_canonical_text() -> None:
    template = templates.Template("Bonjour {{ First_Name | cher client }}, RDV le {{date}} {{first_name|x}}")
    assert template.fields == ["first_name", "date"]
    assert str(template) == "Bonjour {{first_name|cher client}}, RDV le {{date}} {{first_name|x}}"
    assert template.source.startswith("Bonjour {{ First_Name")
    assert template.occurrences() == [("first_name", "cher client", 1, 9), ("date", None, 1, 48),
                                      ("first_name", "x", 1, 57)]
    assert templates.Template(str(template)) == template
    assert pickle.loads(pickle.dumps(template)) == template
    assert eval(repr(template), {"Template": templates.Template}) == template
    assert str(templates.Template(r"Prix: \{{ 5 € }}")) == r"Prix: \{{ 5 € }}"


def test_unclosed_field_points_at_its_braces() -> None:
    with pytest.raises(envoi.TemplateError) as info:
        templates.Template("Bonjour,\nvotre RDV: {{date\nà bientôt")
    error = info.value
    assert (error.code, error.line, error.column, error.excerpt, error.until) == (
        "templates.unclosed_field", 2, 12, "{{date", "end_of_line")
    with pytest.raises(envoi.TemplateError) as info:
        templates.Template("Hi {{name, see {{date}}")
    assert (info.value.until, info.value.until_line, info.value.until_column) == ("next_field", 1, 16)
    with pytest.raises(envoi.TemplateError) as info:
        templates.Template("Hi {{name")
    assert info.value.until == "end_of_text"


def test_empty_and_invalid_names() -> None:
    with pytest.raises(envoi.TemplateError) as info:
        templates.Template("{{ | client }}")
    assert (info.value.code, info.value.line, info.value.column, info.value.excerpt) == (
        "templates.empty_name", 1, 1, "{{ | client }}")
    with pytest.raises(envoi.TemplateError) as info:
        templates.Template("Très cher 😀\nvotre {{ rdv le }}")
    error = info.value
    assert (error.code, error.line, error.column, error.character) == ("templates.invalid_name", 2, 13, " ")
    with pytest.raises(envoi.TemplateError) as info:
        templates.Template("Bonjour {{prénom}}")
    assert (info.value.character, info.value.hint) == ("é", "prenom")
    assert str(info.value).startswith("line 1, column 13: 'é' cannot be in a field name ({{prénom}})")


def test_validate_lists_the_known_fields_and_a_suggestion() -> None:
    template = templates.Template("Bonjour {{first_name}},\n{{ frist_name }} {{date}}")
    templates.Template("Bonjour {{first_name}} {{date}}").validate(["first_name", "date", "email"])
    with pytest.raises(envoi.TemplateError) as info:
        template.validate(["first_name", "last_name", "email"])
    error = info.value
    assert (error.code, error.name, error.line, error.column) == ("templates.unknown_field", "frist_name", 2, 1)
    assert (error.known, error.suggestion) == (["email", "first_name", "last_name"], "first_name")
    # Every unknown use is listed, not only the first.
    assert error.unknown == [
        {"name": "frist_name", "line": 2, "column": 1, "suggestion": "first_name"},
        {"name": "date", "line": 2, "column": 18, "suggestion": None},
    ]
    # A custom field is written as its canonical name.
    templates.Template("{{code_postal}}").validate(["Code postal"])
    assert templates.field_name_for("N° client") == "n_client"
    assert templates.field_name_for("3e") is None


def test_render_from_a_contact_then_extra_then_the_fallback() -> None:
    template = templates.Template("Bonjour {{first_name|client}} ({{code_postal}}), le {{date}}")
    contact = contacts.Contact(first_name="Léa", custom_fields={"Code postal": "1000"})
    assert template.render(contact, {"date": "3 mars"}) == "Bonjour Léa (1000), le 3 mars"
    assert template.render({"code_postal": "9000"}, {"date": "3 mars"}) == "Bonjour client (9000), le 3 mars"
    # A blank value is no value: extra is read, then the fallback.
    assert template.render({"first_name": " ", "code_postal": "1"}, {"first_name": "Jan", "date": "x"}) == (
        "Bonjour Jan (1), le x")
    with pytest.raises(envoi.TemplateError) as info:
        template.render(contact)
    assert (info.value.code, info.value.name, info.value.line, info.value.column) == (
        "templates.missing_value", "date", 1, 53)
    with pytest.raises(TypeError, match="contact"):
        template.render(["Léa"])  # type: ignore[arg-type]


def test_for_sms_the_cost_is_per_recipient() -> None:
    template = templates.Template(
        "Bonjour {{first_name}}, votre rendez-vous chez Garage Dupont est confirme pour demain a 9h30. "
        "Merci d'arriver 10 minutes en avance. Pour annuler: 0475123456"
    )
    assert envoi.sms.analyze(template.render({"first_name": "Ann"})).part_count == 1
    assert envoi.sms.analyze(template.render({"first_name": "Marie-Christine Van den Bossche"})).part_count == 2


@pytest.mark.parametrize(
    ("language", "plain", "with_weekday"),
    [
        ("fr", "3 mars 2026", "mardi 3 mars 2026"),
        ("nl", "3 maart 2026", "dinsdag 3 maart 2026"),
        ("de", "3. März 2026", "Dienstag, 3. März 2026"),
        ("en", "3 March 2026", "Tuesday 3 March 2026"),
    ],
)
def test_dates_in_the_recipients_language(language: str, plain: str, with_weekday: str) -> None:
    day = date(2026, 3, 3)
    assert templates.format_date(day, language) == plain
    assert templates.format_date_with_weekday(day, language) == with_weekday


def test_first_of_the_month_time_and_language_errors() -> None:
    assert templates.format_date(date(2026, 5, 1), "fr") == "1er mai 2026"
    assert templates.format_time(time(9, 5, 59)) == "09:05"
    with pytest.raises(envoi.LanguageError):
        templates.format_date(date(2026, 5, 1), "es")
    with pytest.raises(TypeError):
        templates.format_time("09:05")  # type: ignore[arg-type]
