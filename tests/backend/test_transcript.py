"""Long threads stay cheap: each turn adds about the same to the checkpoints, and the history stays whole."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.language_models import LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.runnables import RunnableConfig, RunnableLambda
from langchain_core.tools import StructuredTool
from langgraph.prebuilt import ToolRuntime
from langgraph.types import Command, interrupt
from sqlalchemy import create_engine, func, select

from backend.database import build_engine, build_session_factory
from backend.migrate import upgrade_to_head
from backend.models import ConversationMessage, ConversationThread, User
from backend.threads.transcript import SqlTranscript
from Graph import AgentRunner, build_graph, open_checkpointer
from Graph.messages import KEEP_TURNS
from Graph.transcript import whole_conversation
from Graph.turns import history
from tests.backend.checkpoint_growth import CHECKPOINTS, SMALL_TALK, converse, small_talk_api
from tests.Graph.support import make_context
from tests.support.services import fresh_postgres_database, sqlite_url

EARLY, LATE = 20, 80


def test_a_long_thread_adds_as_much_per_turn_late_as_early(tmp_path: Path) -> None:
    with small_talk_api(tmp_path) as http:
        growth = converse(http, LATE, tmp_path / CHECKPOINTS)
        history = http.get(f"/threads/{growth.thread_id}").json()["messages"]
    assert growth.by_turn(EARLY) > 10_000  # the measure sees the turns' messages at all
    # Storing the whole message list in every checkpoint made turn 80 add about four times what turn 20 added.
    assert growth.ratio(LATE, EARLY) < 1.5, growth.added
    users = [m["content"] for m in history if m["role"] == "user"]
    assert users == [SMALL_TALK[i % len(SMALL_TALK)] for i in range(LATE)]
    assert [m["role"] for m in history] == ["user", "assistant"] * LATE
    assert all(m["content"] for m in history)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "postgres":
        with fresh_postgres_database() as url:
            yield url
    else:
        yield sqlite_url(tmp_path)


def stored_messages(database_url: str, thread_id: str) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as db:
            query = select(func.count()).where(ConversationMessage.thread_id == thread_id)
            return int(db.execute(query).scalar_one())
    finally:
        engine.dispose()


def test_the_whole_thread_survives_a_restart_and_goes_with_the_thread(database_url: str, tmp_path: Path) -> None:
    turns = KEEP_TURNS + 3
    with small_talk_api(tmp_path, database_url) as http:
        thread_id = converse(http, turns).thread_id
    assert stored_messages(database_url, thread_id) == 2 * 3  # the three oldest turns left the state
    with small_talk_api(tmp_path, database_url) as http:  # the app restarted
        http.post("/ask", json={"message": "and one more", "thread_id": thread_id}).raise_for_status()
        history = http.get(f"/threads/{thread_id}").json()["messages"]
        assert [m["content"] for m in history if m["role"] == "user"][-2:] == [SMALL_TALK[(turns - 1) % 4],
                                                                             "and one more"]
        assert len(history) == 2 * (turns + 1)
        assert http.delete(f"/threads/{thread_id}").status_code == 204
    assert stored_messages(database_url, thread_id) == 0


@pytest.fixture
def transcript(tmp_path: Path) -> Iterator[SqlTranscript]:
    """The app's transcript on a migrated SQLite database holding threads `t` and `b`."""
    engine = build_engine(sqlite_url(tmp_path))
    upgrade_to_head(engine)
    factory = build_session_factory(engine)
    with factory() as db:
        user = User(username="transcribed", password_hash="unused")
        db.add(user)
        db.flush()
        db.add_all([ConversationThread(id=thread_id, user_id=user.id) for thread_id in ("t", "b")])
        db.commit()
    yield SqlTranscript(factory)
    engine.dispose()


def scripted(messages: LanguageModelInput) -> AIMessage:
    """Asks for `hold_booking` when told to book, relays a tool's result, else answers in kind."""
    assert isinstance(messages, list)  # the graph hands the model its list of messages
    last = messages[-1]
    assert isinstance(last, BaseMessage)
    if isinstance(last, ToolMessage):
        return AIMessage(content=f"booking {last.content}")
    if last.content == "book it":
        return AIMessage(content="", tool_calls=[{"name": "hold_booking", "args": {}, "id": f"call-{len(messages)}",
                                                  "type": "tool_call"}])
    return AIMessage(content=f"re: {last.content}")


def hold_booking(runtime: ToolRuntime) -> str:
    """Wait for the dispatcher's approval."""
    return str(interrupt({"action": "book_appointment"}))


def test_a_booking_waits_and_resumes_while_old_turns_leave_the_state(transcript: SqlTranscript,
                                                                     tmp_path: Path) -> None:
    tool = StructuredTool.from_function(hold_booking)
    config: RunnableConfig = {"configurable": {"thread_id": "b"}}
    context = make_context(None, tmp_path / "files", "b")
    with open_checkpointer("sqlite:///unused", tmp_path) as checkpointer:
        graph = build_graph(RunnableLambda(scripted), checkpointer, [tool], transcript=transcript, keep_turns=2)
        for text in ("one", "two", "three", "book it"):
            graph.invoke({"messages": [HumanMessage(text)]}, config, context=context)
        waiting = graph.get_state(config)
        assert [i.value for i in waiting.interrupts] == [{"action": "book_appointment"}]
        assert [m.content for m in waiting.values["messages"] if isinstance(m, HumanMessage)] == ["three", "book it"]
        graph.invoke(Command(resume="approved"), config, context=context)
        window = graph.get_state(config).values["messages"]
    assert window[-1].content == 'booking "approved"'  # the tool result is JSON
    whole = whole_conversation(transcript.messages("b"), window)
    assert [m.content for m in whole if isinstance(m, HumanMessage)] == ["one", "two", "three", "book it"]
    assert [m.content for m in transcript.messages("b")] == ["one", "re: one", "two", "re: two"]


def test_a_dangling_call_is_closed_and_history_stays_whole(transcript: SqlTranscript, tmp_path: Path) -> None:
    context = make_context(None, tmp_path / "files", "t")
    asked = [f"question {index}" for index in range(KEEP_TURNS + 2)]
    with open_checkpointer("sqlite:///unused", tmp_path) as checkpointer:
        runner = AgentRunner(model=RunnableLambda(scripted), checkpointer=checkpointer, transcript=transcript)
        for question in asked:
            runner.ask(message=question, context=context)
        # As if the process died after the model asked for a tool and before the tool answered.
        dangling = AIMessage(content="", tool_calls=[{"name": "session_status", "args": {}, "id": "lost",
                                                      "type": "tool_call"}])
        runner.graph.update_state({"configurable": {"thread_id": "t"}}, {"messages": [dangling]}, as_node="agent")
        assert runner.ask(message="still there?", context=context).answer == "re: still there?"
        asked.append("still there?")
        for index in range(KEEP_TURNS):  # until the repaired call has left the state for the transcript
            asked.append(f"later {index}")
            runner.ask(message=asked[-1], context=context)
        window = runner.graph.get_state({"configurable": {"thread_id": "t"}}).values["messages"]
        shown = runner.history("t")
    assert sum(isinstance(m, HumanMessage) for m in window) == KEEP_TURNS
    assert [m.content for m in shown if m.role == "user"] == asked
    lost = [c for m in shown for c in m.tool_calls if c.id == "lost"]
    assert [c.status for c in lost] == ["interrupted"]
    assert any(isinstance(m, ToolMessage) and m.tool_call_id == "lost" for m in transcript.messages("t"))
    transcript.append("t", transcript.messages("t"))  # archiving again stores nothing twice
    assert len(shown) == len(history(transcript.messages("t") + window))
