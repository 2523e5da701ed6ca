"""The shipped CBS list of municipalities (1 January 2026): complete, and read as CBS wrote it."""

from __future__ import annotations

from logeerhuis_app.house.municipalities import (
    municipality_label,
    municipality_name,
    municipality_names,
)


def test_the_list_holds_every_municipality_of_2026_once():
    names = municipality_names()
    assert len(names) == 342  # CBS: 342 municipalities on 1 January 2026
    assert all(len(code) == 4 and code.isdigit() for code in names)
    assert len(set(names.values())) == 342


def test_names_are_read_as_cbs_writes_them():
    assert municipality_name("0308") == "Baarn"
    assert municipality_name("0363") == "Amsterdam"
    assert municipality_name("0518") == "'s-Gravenhage"
    assert municipality_name("0820") == "Nuenen, Gerwen en Nederwetten"  # a comma in the CSV
    assert municipality_name("1900") == "Súdwest-Fryslân"
    assert municipality_name("1992") == "Voorne aan Zee"  # formed 1 January 2023
    assert municipality_name(" 0893 ") == "Bergen (L.)"


def test_a_code_that_is_no_municipality_stays_a_code():
    assert municipality_name("0457") is None  # Weesp: part of Amsterdam since 24 March 2022
    assert municipality_name("") is None
    assert municipality_label("0457") == "CBS-code 0457"
    assert municipality_label("0307") == "Amersfoort"
