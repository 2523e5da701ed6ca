"""The planner's stay dialogs and papers: check-in and out, intake, week list and PDFs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.planning.stays import NewStay, create_stay
from tests.ui import planner_support
from tests.ui.planner_support import _stays

# The fixtures live in planner_support.py, shared with the other half of the planner tests.
house, planner = planner_support.house, planner_support.planner


def test_the_week_list_is_saved_as_a_pdf_without_bsn(
    qtbot, planner, house, prompter, context, tmp_path
):
    import io

    from pypdf import PdfReader

    from logeerhuis_app.house.guests import get_guest

    anna = get_guest(context.db, house["anna"].id)
    save_guest(context.db, GuestData(**{**anna.__dict__, "bsn": "111222333"}))
    planner.first_day = date(2026, 3, 9)
    planner.refresh()
    target = tmp_path / "weeklijst.pdf"
    prompter.files.append(target)
    qtbot.mouseClick(planner.week_list_button, Qt.MouseButton.LeftButton)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Weeklijst week 11" in text
    assert "Anna Smit" in text and "Linde" in text
    assert "111222333" not in text
    assert prompter.messages[-1] == ("open", "document", str(target))


def _complete_intake(context, stay_id):
    from logeerhuis_app.domain.intake import ITEMS, Answer
    from logeerhuis_app.intake.intake import save_intake

    good = {i.key: Answer(i.good[0] if i.good else "ja", date(2026, 3, 1), "Ria") for i in ITEMS}
    good["wzd_art21"] = Answer("nvt", date(2026, 3, 1), "Ria")
    save_intake(context.db, stay_id, good)


def test_check_in_and_an_early_check_out_free_the_remaining_nights(
    planner, house, prompter, context, press
):
    from logeerhuis_app.db.models import Night

    stay_id = house["stay"].id
    _complete_intake(context, stay_id)
    actions = iter(["check_in", "check_out"])

    def act(dialog):
        action = next(actions)
        if action == "check_out":
            dialog.form.fields["departure"].setText("11-03-2026")  # two nights early
        press(dialog, f"action_{action}")

    prompter.dialog_handler = act
    planner.open_stay(stay_id)
    assert _stays(context)[0][4] == "aanwezig"
    planner.open_stay(stay_id)
    assert _stays(context)[0][2:5] == (date(2026, 3, 10), date(2026, 3, 11), "vertrokken")
    with context.db.session() as s:
        days = [
            n.day for n in s.query(Night).filter(Night.stay_id == stay_id, Night.active.is_(True))
        ]
    assert days == [date(2026, 3, 10)]
    # The freed nights can be booked by someone else straight away.
    create_stay(
        context.db,
        NewStay(house["piet"].id, house["linde"].id, date(2026, 3, 11), date(2026, 3, 13)),
    )


def test_an_open_intake_holds_check_in_back_and_an_override_is_kept(
    qtbot, planner, house, prompter, context, press
):
    from logeerhuis_app.intake.intake import get_intake

    stay_id = house["stay"].id
    assert planner.grid.stay_by_id(stay_id).intake == "onvolledig"
    attempts = []

    def check_in(dialog):
        attempts.append(dialog.message.text())
        if len(attempts) > 2:
            dialog.reject()
            return
        press(dialog, "action_check_in")

    # 1. Nothing filled in: the unknown resuscitation policy stops it, no override offered.
    prompter.dialog_handler = check_in
    planner.open_stay(stay_id)
    assert "reanimatiebeleid is nog onbekend" in attempts[1]
    assert _stays(context)[0][4] == "bevestigd"

    # 2. Fill in the checklist through the dialog, but leave the nursing handover open.
    def fill(dialog):
        dialog.default_staff.setText("Ria")
        for key, row in dialog.rows.items():
            if key == "handover_nursing":
                continue
            good = row.item.good[0] if row.item.good else "ja"
            row.answer.setCurrentIndex(row.answer.findData("nvt" if key == "wzd_art21" else good))
        row = dialog.rows["medical_responsibility"]
        row.answer.setCurrentIndex(row.answer.findData("so"))
        assert not dialog.save()  # the SO's name is missing
        assert "specialist ouderengeneeskunde" in row.error.text()
        row.note.setText("Dr. A. Bakker, SO")
        assert dialog.save()
        dialog.accept()

    prompter.dialog_handler = fill
    planner.open_intake(stay_id, "Anna Smit")
    intake = get_intake(context.db, stay_id)
    assert intake.state.open_items["inchecken"] == ("handover_nursing",)
    assert intake.answers["medical_responsibility"].note == "Dr. A. Bakker, SO"
    assert planner.grid.stay_by_id(stay_id).intake == "onvolledig"

    # 3. Check-in is refused; the coordinator overrides with a reason, and it goes through.
    prompter.confirm_answer = True
    prompter.texts.append("Overdracht komt vanmiddag per mail")
    prompter.dialog_handler = lambda dialog: press(dialog, "action_check_in")
    planner.open_stay(stay_id)
    assert _stays(context)[0][4] == "aanwezig"
    [kept] = get_intake(context.db, stay_id).overrides
    assert (kept.gate, kept.reason, kept.given_by) == (
        "inchecken",
        "Overdracht komt vanmiddag per mail",
        "coördinator",
    )
    assert "verpleegkundige overdracht ontvangen" in kept.open_items


def _pdf_text(path) -> str:
    import io

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(path.read_bytes())).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())  # wrapped lines joined


def test_intake_form_and_statement_pdfs_from_the_checklist(
    planner, house, prompter, context, tmp_path
):
    from logeerhuis_app.ui.planner.intake_dialog import IntakeDialog

    stay_id = house["stay"].id
    dialog = IntakeDialog(context, stay_id, "Anna Smit")
    row = dialog.rows["resuscitation"]
    row.answer.setCurrentIndex(row.answer.findData("nee"))
    row.note.setText("Wilsverklaring bij de huisarts")
    dialog.default_staff.setText("Ria")
    form, statement = tmp_path / "intake.pdf", tmp_path / "verklaring.pdf"
    prompter.files += [form, statement]
    dialog.form_pdf()
    dialog.statement_pdf()
    text = _pdf_text(form)
    assert (
        "Anna Smit" in text
        and "Niet reanimeren" in text
        and "Wilsverklaring bij de huisarts" in text
    )
    assert "Verklaring logeerzorg" in _pdf_text(statement)
    assert [m[2] for m in prompter.messages if m[0] == "open"] == [str(form), str(statement)]
    dialog.close()


def test_departure_documents_from_the_stay_dialog(
    planner, house, prompter, context, tmp_path, press
):
    from logeerhuis_app.planning import planning

    _complete_intake(context, house["stay"].id)
    from datetime import datetime

    planning.check_in(context.db, house["stay"].id, when=datetime(2026, 3, 10, 14))
    planner.refresh()
    actions = iter(["doc_departure", "doc_evaluation", None])

    def act(dialog):
        action = next(actions)
        if action is None:
            dialog.reject()
        else:
            press(dialog, f"action_{action}")

    checklist, letter = tmp_path / "vertrek.pdf", tmp_path / "evaluatie.pdf"
    prompter.files += [checklist, letter]
    prompter.dialog_handler = act
    planner.open_stay(house["stay"].id)
    assert "Anna Smit" in _pdf_text(checklist)
    assert "10-03-2026" in _pdf_text(letter) or "10 maart 2026" in _pdf_text(letter)
