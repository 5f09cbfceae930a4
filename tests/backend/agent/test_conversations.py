"""Whole conversations through HTTP: the offline model, the sandbox portal, real headless Chromium."""

from __future__ import annotations

import io
import re
import threading
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from tests.backend.agent.conftest import DISPATCH1, SOLVER_KEY, Dispatcher, Portal, Stack
from tests.support.sandbox import chaos
from tests.support.services import ApiServer, wait_until

pytestmark = pytest.mark.browser

PREGATED, ACTIONABLE = "MSDU5772413", "MSCU5165756"


def _names(turn: dict[str, Any]) -> list[str]:
    return [call["name"] for call in turn["tool_calls"]]


def _free_container(portal: Portal) -> str:
    """An import of dispatch1 ready to pick up at ITS with no appointment yet (each booking test takes its own)."""
    taken = {n for a in portal.state.appointments("dispatch1") if a.status == "SCHEDULED" for n in a.containers}
    for container in portal.state.data["dispatch1"].containers:
        if (container.known and container.trade_type == "IMPORT" and not container.holds
                and not container.pregate_ticket and not container.reached("Pregate") and container.destination == "ITS"
                and container.number not in taken | {ACTIONABLE}):
            return str(container.number)
    raise AssertionError("the sandbox has no free import at ITS")


class TestAnswers:
    def test_ready_to_pick_up_is_a_filtered_table(self, maria: Dispatcher) -> None:
        turn = maria.ask("which of my containers are ready to pick up?")
        assert "list_containers" in _names(turn)
        assert "| Container |" in turn["answer"] and ACTIONABLE in turn["answer"]
        rows = [line for line in turn["answer"].splitlines() if line.startswith("| ") and "IMPORT" in line]
        assert rows and all("IN YARD" in row and "| NO |" in row for row in rows)

    def test_pregate_with_timeline_screenshot(self, maria: Dispatcher) -> None:
        turn = maria.ask(f"has {PREGATED} passed pregate?")
        assert turn["answer"].startswith("Yes") and PREGATED in turn["answer"]
        screenshot = next(f for f in turn["files"] if f["kind"] == "screenshot")
        image = maria.http.get(screenshot["url"])
        assert image.status_code == 200 and image.content.startswith(b"\x89PNG")

    def test_invalid_container_number_is_explained(self, maria: Dispatcher) -> None:
        turn = maria.ask("has MSDU5772414 passed pregate?")
        assert "MSDU5772414" in turn["answer"] and "check digit" in turn["answer"].lower()

    def test_excel_export(self, maria: Dispatcher) -> None:
        turn = maria.ask("export my containers to excel")
        excel = next(f for f in turn["files"] if f["filename"].endswith(".xlsx"))
        sheet = load_workbook(io.BytesIO(maria.http.get(excel["url"]).content)).active
        assert sheet is not None and sheet.max_row > 30
        assert next(c.value for c in sheet[1]) == "Container #"

    def test_full_check_reports_actionable_containers(self, maria: Dispatcher) -> None:
        asked = maria.ask("run the full container check")
        # Slots need a truck: one question first, with the plates the account used before as likely answers.
        assert "run_container_check" not in _names(asked) and "truck" in asked["answer"].lower()
        turn = maria.ask(f"truck {DISPATCH1.plates[0]}", thread_id=asked["thread_id"])
        assert "run_container_check" in _names(turn)
        assert ACTIONABLE in turn["answer"]
        assert any(f["filename"].endswith(".xlsx") for f in turn["files"])

    def test_stream_sends_tool_steps_tokens_and_final(self, maria: Dispatcher) -> None:
        events = maria.stream(f"has {PREGATED} passed pregate?")
        kinds = [name for name, _ in events]
        assert kinds[0] == "thread" and kinds[-1] == "final"
        assert kinds.index("tool_start") < kinds.index("tool_end") < kinds.index("final")
        assert "token" in kinds
        streamed = "".join(data["text"] for name, data in events if name == "token")
        assert streamed.strip() == events[-1][1]["answer"].strip()


class TestBooking:
    def test_approved_booking_lands_in_my_appointments(self, maria: Dispatcher, portal: Portal) -> None:
        before = len(portal.state.appointments("dispatch1"))
        turn = maria.ask(f"find me a slot at ITS Long Beach tomorrow morning for {ACTIONABLE} truck "
                         f"{DISPATCH1.plates[0]} and book it")
        assert turn["confirmation"] is not None
        assert turn["confirmation"]["container"] == ACTIONABLE
        assert len(portal.state.appointments("dispatch1")) == before  # nothing booked before approval
        done = maria.resume(turn["thread_id"], "approve")
        number = re.search(r"\b\d{8}\b", done["answer"])
        assert number, done["answer"]
        assert portal.state.find_appointment(number.group()) is not None
        assert len(portal.state.appointments("dispatch1")) == before + 1
        listed = maria.ask("show my appointments", thread_id=turn["thread_id"])
        assert number.group() in listed["answer"]

    def test_rejected_booking_books_nothing(self, maria: Dispatcher, portal: Portal) -> None:
        number = _free_container(portal)
        before = len(portal.state.appointments("dispatch1"))
        slots = maria.ask(f"find me a slot for {number} tomorrow, truck {DISPATCH1.plates[1]}")
        assert slots["confirmation"] is None and "check_appointments" in _names(slots)
        turn = maria.ask("book the first one", thread_id=slots["thread_id"])  # relies on the thread's memory
        assert turn["confirmation"] is not None and turn["confirmation"]["container"] == number
        rejected = maria.resume(turn["thread_id"], "reject")
        assert "not booked" in rejected["answer"].lower() or "rejected" in rejected["answer"].lower()
        assert [c["status"] for c in rejected["tool_calls"] if c["name"] == "book_appointment"] == ["rejected"]
        assert len(portal.state.appointments("dispatch1")) == before

    def test_typed_replies_while_a_booking_waits(self, maria: Dispatcher, portal: Portal) -> None:
        number = _free_container(portal)
        before = len(portal.state.appointments("dispatch1"))
        thread_id = maria.http.post("/threads", json={}).json()["id"]
        maria.ask(f"find me a slot for {number} tomorrow, truck {DISPATCH1.plates[2]}", thread_id=thread_id)
        assert maria.ask("book the first one", thread_id=thread_id)["confirmation"] is not None
        waiting = maria.ask("which of my containers have holds?", thread_id=thread_id)
        assert waiting["answer"].startswith("This booking is still waiting for your decision")
        assert waiting["confirmation"] is not None and waiting["confirmation"]["container"] == number
        events = maria.stream("no, don't book it", thread_id)
        ends = [(data["name"], data["status"]) for name, data in events if name == "tool_end"]
        assert ends == [("book_appointment", "rejected")]
        final = events[-1][1]
        assert events[-1][0] == "final" and final["answer"].startswith("Not booked") and final["confirmation"] is None
        assert len(portal.state.appointments("dispatch1")) == before
        detail = maria.http.get(f"/threads/{thread_id}").json()
        assert detail["pending_confirmation"] is None
        messages = detail["messages"]
        assert all(m["content"].strip() or m["tool_calls"] for m in messages)  # no empty assistant message
        assert {"role": "user", "content": "no, don't book it"}.items() <= messages[-2].items()
        booked = [c for m in messages for c in m["tool_calls"] if c["name"] == "book_appointment"]
        assert [c["status"] for c in booked] == ["rejected"]
        # A second try in the same thread, approved by typing.
        assert maria.ask("book the first one", thread_id=thread_id)["confirmation"] is not None
        done = maria.ask("yes, go ahead", thread_id=thread_id)
        appointment = re.search(r"\b\d{8}\b", done["answer"])
        assert appointment and portal.state.find_appointment(appointment.group()) is not None, done["answer"]
        assert len(portal.state.appointments("dispatch1")) == before + 1
        history = maria.http.get(f"/threads/{thread_id}").json()["messages"]
        assert [m["content"] for m in history if m["role"] == "user"][-1] == "yes, go ahead"
        # The container now has its appointment: a new check offers nothing, and says why.
        again = maria.ask(f"find me a slot for {number} tomorrow, truck {DISPATCH1.plates[2]}")
        assert f"already has appointment **#{appointment.group()}**" in again["answer"]

    def test_resume_without_pending_booking_is_409(self, maria: Dispatcher) -> None:
        turn = maria.ask("help")
        response = maria.http.post("/ask", json={"thread_id": turn["thread_id"], "resume": "approve"})
        assert response.status_code == 409


class TestThreads:
    def test_thread_history_title_and_isolation(self, maria: Dispatcher, omar: Dispatcher) -> None:
        turn = maria.ask(f"has {PREGATED} passed pregate?", thread_id=maria.http.post("/threads", json={}).json()["id"])
        detail = maria.http.get(f"/threads/{turn['thread_id']}").json()
        assert detail["title"].startswith("has MSDU5772413")
        assert [m["role"] for m in detail["messages"]][:1] == ["user"]
        assert any(m["role"] == "assistant" and PREGATED in m["content"] for m in detail["messages"])
        assert detail["files"]
        for method, path, body in [("GET", f"/threads/{turn['thread_id']}", None),
                                   ("POST", "/ask", {"message": "hello", "thread_id": turn["thread_id"]}),
                                   ("POST", f"/threads/{turn['thread_id']}/cancel", None),
                                   ("GET", detail["files"][0]["url"], None)]:
            assert omar.http.request(method, path, json=body).status_code == 404, path
        omar_turn = omar.ask("which of my containers are ready to pick up?")
        maria_rows = set(re.findall(r"\b[A-Z]{4}\d{7}\b", maria.ask("list all my containers")["answer"]))
        omar_rows = set(re.findall(r"\b[A-Z]{4}\d{7}\b", omar_turn["answer"]))
        assert omar_rows and not omar_rows & maria_rows

    def test_delete_thread_removes_its_conversation(self, maria: Dispatcher) -> None:
        turn = maria.ask("help", thread_id=maria.http.post("/threads", json={}).json()["id"])
        assert maria.http.delete(f"/threads/{turn['thread_id']}").status_code == 204
        assert maria.http.get(f"/threads/{turn['thread_id']}").status_code == 404

    def test_default_thread_is_kept_per_auth_session(self, maria: Dispatcher) -> None:
        first = maria.ask("help")
        second = maria.ask("help")
        assert first["thread_id"] == second["thread_id"]

    def test_bad_input_is_a_clear_422(self, maria: Dispatcher) -> None:
        for body in ({}, {"message": ""}, {"message": "hi", "resume": "approve"}, {"resume": "approve"},
                     {"message": "x" * 5000}):
            response = maria.http.post("/ask", json=body)
            assert response.status_code == 422, body
            assert response.json()["error"]["message"].startswith("Fix these fields")


class TestConcurrencyAndRestart:
    def test_second_ask_on_a_busy_thread_is_409_and_cancel_stops_the_run(
        self, maria: Dispatcher, portal: Portal
    ) -> None:
        thread_id = maria.http.post("/threads", json={}).json()["id"]
        chaos(portal.url, "latency", seconds=1.5)
        results: list[Any] = []
        try:
            worker = threading.Thread(target=lambda: results.append(maria.stream("list all my containers", thread_id)))
            worker.start()
            wait_until(lambda: maria.http.get(f"/threads/{thread_id}").json()["running"], timeout=30, what="run")
            busy = maria.http.post("/ask", json={"message": "help", "thread_id": thread_id})
            assert busy.status_code == 409
            assert maria.http.post(f"/threads/{thread_id}/cancel").json() == {"cancelled": True}
            worker.join(timeout=120)
        finally:
            chaos(portal.url, "latency", seconds=0)
        final = results[0][-1]
        assert final[0] == "final" and "stopped" in final[1]["answer"].lower()
        assert not maria.http.get(f"/threads/{thread_id}").json()["running"]
        assert maria.ask("help", thread_id=thread_id)["answer"]  # the thread still works afterwards

    def test_restart_in_the_middle_of_a_thread(
        self, stack: Stack, api: ApiServer, omar: Dispatcher, maria: Dispatcher
    ) -> None:
        slots = omar.ask("find me a slot at ITS Long Beach tomorrow for EGHU5244851")
        stack.stop(api)
        restarted = stack.start()
        omar.rebase(restarted.url)
        maria.rebase(restarted.url)
        history = omar.http.get(f"/threads/{slots['thread_id']}").json()["messages"]
        assert any(m["role"] == "assistant" for m in history)
        follow_up = omar.ask("and has it passed pregate?", thread_id=slots["thread_id"])
        assert "EGHU5244851" in follow_up["answer"]

    def test_no_secret_in_any_checkpoint(self, stack: Stack, omar: Dispatcher) -> None:
        omar.ask("which of my containers are ready to pick up?")
        raw = b"".join(p.read_bytes() for p in stack.settings.data_dir.glob("checkpoints.db*"))
        assert raw
        for secret in (DISPATCH1.password, SOLVER_KEY):
            assert secret.encode() not in raw


def test_no_secret_in_the_logs_of_a_portal_login(
    stack: Stack, api: ApiServer, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    lena = Dispatcher(stack.servers[-1].url, "lena-dispatch", DISPATCH1)  # whichever server runs now
    lena.http.post("/sessions/current/disconnect")  # the next question logs in again, captcha included
    turn = lena.ask(f"has {PREGATED} passed pregate?")
    assert turn["answer"].startswith("Yes")
    assert "in.php" in caplog.text or "res.php" in caplog.text or "captcha" in caplog.text.lower()
    leaks = [r.name + ": " + r.getMessage()[:300] for r in caplog.records
             if SOLVER_KEY in r.getMessage() or DISPATCH1.password in r.getMessage()]
    assert not leaks


def test_a_new_login_acts_through_the_only_account_without_a_pick(maria: Dispatcher) -> None:
    tokens = maria.http.post("/auth/login", data={"username": "maria-dispatch", "password": "agent-test-pass"}).json()
    with httpx.Client(base_url=maria.http.base_url, timeout=300,  # whichever server runs now
                      headers={"Authorization": f"Bearer {tokens['access_token']}"}) as again:
        assert again.get("/sessions/current").json()["active_account"]["username"] == DISPATCH1.username
        turn = again.post("/ask", json={"message": f"has {PREGATED} passed pregate?"}).json()
        assert turn["answer"].startswith("Yes") and turn["tool_calls"][0]["status"] == "success"
