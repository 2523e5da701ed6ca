"""Reading a WMO301 without a database: the structure and formats checked in code, the rules
within one message, the WMO302 answer's shape, and fuzzing: whatever the bytes, the reader
either gives the message or a Dutch MessageFormatError, nothing else (issue 21)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from logeerhuis_app.documents.claims.iwmo_reading import (
    MAX_MESSAGE_BYTES,
    MessageFormatError,
    message_kind,
    parse_message,
)
from logeerhuis_app.documents.claims.wmo301 import parse_wmo301, render_wmo301
from logeerhuis_app.documents.claims.wmo302 import answer_codes, render_wmo302
from logeerhuis_app.domain.allocation_messages import message_problems
from tests.wmo301_messages import HEADER, KNOWN, PRODUCT, STANDARDS, message, wmo301, xsd_errors

TODAY = date(2026, 7, 2)


def _read(data: bytes):
    root = parse_message(data)
    assert message_kind(root) == "WMO301"
    return parse_wmo301(root)


def _refused(data: bytes) -> str:
    with pytest.raises(MessageFormatError) as caught:
        _read(data)
    return str(caught.value)


def test_what_the_program_writes_it_reads_back_and_the_xsd_accepts():
    original = message(end=None, frequency="4", volume=6, comment="Logeren")
    data = render_wmo301(original)
    assert _read(data) == original
    assert xsd_errors(data) in ([], None)


def test_the_standards_own_example_is_read_and_its_rules_refused():
    example = STANDARDS / "example-WMO301.xml"
    if not example.exists():
        pytest.skip("iWmo reference files not present in ../shared")
    read = _read(example.read_bytes())
    assert (read.header.sender, read.client.last_name, read.products[0].number) == (
        "0384", "Wit", "101")  # fmt: skip
    texts = [p.text for p in message_problems(read, TODAY)]
    assert "Toewijzing 101: de eenheid 01 is geen etmaal (14); logeerzorg wordt in etmalen " \
        "toegewezen." in texts  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (b">414<", b">999<", "De BerichtCode is 999; een WMO301 heeft 414"),
        (b"<wmo301:BerichtVersie>3<", b"<wmo301:BerichtVersie>4<", "niet van iWmo-versie 3.2"),
        (b">0308<", b">308<", "'Afzender' in de Header heeft geen geldige waarde ('308')"),
        (b">999900006<", b">99990000<", "Het element 'Bsn' in Client heeft geen geldige waarde."),
        (b"<wmo301:Geslacht>1<", b"<wmo301:Geslacht>7<", "Het element 'Geslacht' in Client"),
        (b"2026-12-31", b"2026-13-01", "'Einddatum' in ToegewezenProduct 1 is geen bestaande"),
        (b">123456789<", b">1234567890<", "'ToewijzingNummer' in ToegewezenProduct 1 is groter"),
        (b"<iwmo:Categorie>04<", b"<iwmo:Categorie>40<", "Productcategorie 40"),
        (b"<iwmo:Frequentie>6<", b"<iwmo:Frequentie>3<", "Het element 'Frequentie' in Omvang"),
        (b"<wmo301:Geslacht>", b"<wmo301:Kleur>rood</wmo301:Kleur><wmo301:Geslacht>",
         "Onbekend element 'Kleur' in Client"),
        (b"<wmo301:Geslacht>1</wmo301:Geslacht>",
         b"<wmo301:Geslacht>1</wmo301:Geslacht><wmo301:Geslacht>1</wmo301:Geslacht>",
         "Het element 'Geslacht' staat meer dan eens in Client"),
        (b"<wmo301:Client>", b"<wmo301:Client>los", "staat tekst op een plek"),
        (b"<wmo301:Ingangsdatum>2026-01-01</wmo301:Ingangsdatum>", b"",
         "Het element 'Ingangsdatum' ontbreekt in ToegewezenProduct 1"),
        (b"<iwmo:Achternaam>Bos</iwmo:Achternaam>", b"<iwmo:Achternaam> </iwmo:Achternaam>",
         "Het element 'Achternaam' in Geslachtsnaam heeft geen geldige waarde"),
    ],
)  # fmt: skip
def test_a_format_fault_is_named_in_dutch(old, new, words):
    data = wmo301()
    assert old in data
    assert words in _refused(data.replace(old, new, 1))


def test_the_bsn_is_never_repeated_in_a_refusal():
    assert "99990000" not in _refused(wmo301().replace(b">999900006<", b">99990000<"))


def test_unsafe_huge_empty_and_foreign_files_are_refused_unread():
    bomb = (b"<?xml version='1.0'?><!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'>"
            b"<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]><l>&b;</l>")  # fmt: skip
    assert "DTD" in _refused(bomb)
    external = b"<?xml version='1.0'?><!DOCTYPE l SYSTEM 'http://example.com/x.dtd'><l/>"
    assert "DTD" in _refused(external)
    assert "te groot" in _refused(wmo301() + b" " * MAX_MESSAGE_BYTES)
    assert "leeg" in _refused(b"  \n")
    assert "geen leesbaar XML-bericht" in _refused(wmo301()[:-40])
    ijw = wmo301().replace(b"iwmo/3_2/wmo301", b"ijw/3_2/jw301")
    assert "iStandaard ijw" in _refused(ijw)
    assert "geen iWmo 3.2-bericht" in _refused(b"<factuur/>")


@pytest.mark.parametrize(
    ("product", "words"),
    [
        ({"end": date(2025, 12, 1)}, "de einddatum ligt vóór de ingangsdatum (CS003)"),
        ({"reason": "01"}, "reden wijziging 01 wordt niet meer gebruikt (CS336)"),
        ({"reason": "13"}, "(CS335)"),
        ({"frequency": "2", "end": None}, "bij een omvang per week hoort een einddatum (CD076)"),
        ({"frequency": "1"}, "per week, per maand of in totaal toegewezen (CS338)"),
        ({"volume": None}, "de omvang (volume, eenheid, frequentie) ontbreekt (CD041)"),
        ({"volume": None, "budget": 50000}, "een toewijzing met een budget"),
        ({"unit": "04"}, "de eenheid 04 is geen etmaal"),
    ],
)
def test_the_rules_within_a_toewijzing_give_retourcode_0001(product, words):
    [problem] = message_problems(message(**product), TODAY)
    assert problem.code == "0001" and problem.where == "product:0" and words in problem.text


def test_the_rules_on_the_client_and_the_header():
    bad_bsn = message(client=replace(KNOWN, bsn="123456789"))
    [problem] = message_problems(bad_bsn, TODAY)
    assert (problem.code, problem.where) == ("0001", "client") and "123456789" not in problem.text
    future = message(header=replace(HEADER, dated=date(2026, 7, 3)))
    assert [(p.code, p.where) for p in message_problems(future, TODAY)] == [("8848", "header")]
    twice = replace(message(), products=(PRODUCT, PRODUCT))
    assert "twee keer" in message_problems(twice, TODAY)[0].text
    assert message_problems(message(), TODAY) == []


def test_the_answer_follows_iv028():
    data = wmo301()
    approved = render_wmo302(data, identification="R1", made_on=TODAY)
    assert answer_codes(approved) == {"header": []}
    assert b"wmo301" not in approved and b"<wmo302:IdentificatieRetour>R1<" in approved
    assert b"<wmo302:DagtekeningRetour>2026-07-02<" in approved
    technical = render_wmo302(data, identification="R2", made_on=TODAY, header_codes=["0001"])
    assert answer_codes(technical) == {"header": ["0001"]}
    per_class = render_wmo302(data, identification="R3", made_on=TODAY, header_codes=["0200"],
                              product_codes=[["S329"]])  # fmt: skip
    assert answer_codes(per_class) == {"header": ["0200"], "client": ["0200"],
                                       "product:123456789": ["S329"]}  # fmt: skip
    root = etree.fromstring(per_class)
    order = [etree.QName(c).localname for c in root.find("{*}Header")]
    assert order[-5:] == ["XsdVersie", "IdentificatieRetour", "DagtekeningRetour",
                          "XsdVersieRetour", "RetourCodes"]  # fmt: skip
    assert [etree.QName(c).localname for c in root.find("{*}Client")][-1] == "RetourCodes"


# -- fuzzing ---------------------------------------------------------------------------------
def _only_dutch_refusals(data: bytes) -> None:
    try:
        read = _read(data)
    except MessageFormatError as exc:
        assert str(exc) and str(exc)[0].isupper()
        return
    except AssertionError:  # message_kind said another kind: fine, the dispatcher refuses it
        return
    message_problems(read, TODAY)  # the rules run on whatever was read


@given(st.binary(max_size=2000))
def test_random_bytes_give_only_dutch_refusals(data):
    _only_dutch_refusals(data)


@given(st.data())
def test_mutated_valid_messages_give_a_message_or_a_dutch_refusal(draw):
    data = bytearray(wmo301())
    for _ in range(draw.draw(st.integers(1, 4))):
        at = draw.draw(st.integers(0, len(data) - 1))
        action = draw.draw(st.sampled_from(["delete", "insert", "replace", "cut"]))
        chunk = draw.draw(st.binary(min_size=1, max_size=12))
        if action == "delete":
            del data[at : at + len(chunk)]
        elif action == "insert":
            data[at:at] = chunk
        elif action == "replace":
            data[at : at + len(chunk)] = chunk
        else:
            del data[at:]
        if not data:
            data = bytearray(b" ")
    _only_dutch_refusals(bytes(data))


_TEXTS = st.one_of(st.text(max_size=30), st.from_regex(r"[0-9\-:+. ]{0,14}", fullmatch=True))


@given(st.data())
def test_changed_element_texts_give_a_message_or_a_dutch_refusal(draw):
    root = etree.fromstring(wmo301())
    elements = [e for e in root.iter() if len(e) == 0]
    for _ in range(draw.draw(st.integers(1, 3))):
        element = draw.draw(st.sampled_from(elements))
        action = draw.draw(st.sampled_from(["text", "remove", "duplicate"]))
        if action == "text":
            text = draw.draw(_TEXTS)
            element.text = "".join(c for c in text if c.isprintable() and c not in "\x00")
        elif action == "remove" and element.getparent() is not None:
            element.getparent().remove(element)
            elements.remove(element)
        elif element.getparent() is not None:
            element.addnext(etree.fromstring(etree.tostring(element)))
    _only_dutch_refusals(etree.tostring(root))
