"""Row texts become records without the browser."""

from __future__ import annotations

from EModal.parsing import container_from_cells, container_from_row_text, split_row_text
from EModal.records import CONTAINER_COLUMNS, AppointmentSlot, Container

ROW = (
    "keyboard_arrow_right\nMSDU5772413L\tIMPORT\tIN YARD\t NO\tTTI-1007-88006 396220\tCONFIRMED\tACCEPTED\t"
    "TTI\tITS\tTTI\tMSCU\tMSC ANNA\t9702089\tGO537N\t40GP\n$125.00\ninfo\n10/01/2025 - 10/05/2025\n"
    "PRIORITY\nmore_vert"
)


class TestRowText:
    def test_fifteen_cells_then_three_lines(self) -> None:
        container = container_from_row_text(ROW)
        assert container.container_number == "MSDU5772413"
        assert container.load_letter == "L"
        assert container.holds == "NO"
        assert container.pregate_ticket == "TTI-1007-88006 396220"
        assert container.vessel_code == "9702089"
        assert container.size_type == "40GP"
        assert container.fees == "$125.00"
        assert container.lfd_gtd == "10/01/2025 - 10/05/2025"
        assert container.tags == "PRIORITY"

    def test_missing_tags_and_masked_ticket(self) -> None:
        text = (
            "HMMU9048448E\tIMPORT\tGATE IN\t YES\t**********\tCOMPLETED\tCONFIRMED\tITS\tITS\tITS\tHDMU\t"
            "HMM OSLO\t9702090\t517E\t4510\n$0.00\nN/A\nmore_vert"
        )
        container = container_from_row_text(text)
        assert container.container_number == "HMMU9048448"
        assert container.load_letter == "E"
        assert container.has_holds
        assert container.has_pregate_ticket
        assert container.lfd_gtd == "N/A"
        assert container.tags == ""

    def test_unknown_container_reads_na(self) -> None:
        text = "CAIU7181746\t" + "\t".join(["N/A"] * 14) + "\nN/A\nN/A\nN/A"
        container = container_from_row_text(text)
        assert container.container_number == "CAIU7181746"
        assert not container.is_known

    def test_split_gives_eighteen_values(self) -> None:
        assert len(split_row_text(ROW)) == len(CONTAINER_COLUMNS)


class TestCells:
    def test_cells_with_icon_words(self) -> None:
        cells = ["keyboard_arrow_right MSCU5165756L", "IMPORT", "IN YARD", " NO", "N/A"] + ["x"] * 13
        container = container_from_cells(cells)
        assert container.container_number == "MSCU5165756"
        assert container.as_row()[1:4] == ["IMPORT", "IN YARD", "NO"]
        assert isinstance(container, Container)


class TestSlotText:
    def test_parsed(self) -> None:
        slot = AppointmentSlot.parse("Thursday 10/02/2025  07:00 - 12:00")
        assert (slot.date, slot.start, slot.end) == ("10/02/2025", "07:00", "12:00")
        assert slot.starts_at is not None and slot.starts_at.hour == 7

    def test_unparsed_kept(self) -> None:
        assert AppointmentSlot.parse("No Appointments Available").date == ""
