"""How a use case's result reaches the model."""

from __future__ import annotations

from portal_service import ContainerTimeline, MilestoneOut, PortalSessionRef
from Tools.common import for_model


def test_the_model_reads_container_for_the_number_and_no_empty_file_list() -> None:
    result = ContainerTimeline(portal_session=PortalSessionRef(portal_session_id="p1"), container_number="MSDU5772413",
                               trade_type="IMPORT", passed_pregate=True, detection_method="milestone",
                               next_move="DROP EMPTY", milestones=[MilestoneOut(name="Pregate", date="N/A",
                                                                                reached=True)])
    data = for_model(result)
    assert data["container_number"] == "MSDU5772413"  # the same key as the API's
    assert data["milestones"] == [{"name": "Pregate", "date": "N/A", "reached": True}]
    assert "files" not in data and "portal_session" not in data
