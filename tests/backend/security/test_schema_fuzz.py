"""The outside probe, kept: schemathesis fuzzes every operation of the OpenAPI schema against the real app.

SQLite and a real Redis, no browser pool (portal routes answer their declared 503). Bounded for CI: a few
examples per operation plus a short stateful run; every response must be declared by the schema and none may
be a server error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck
from schemathesis import Case
from schemathesis.checks import CheckFunction, not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.core.transport import Response
from schemathesis.generation.modes import GenerationMode
from schemathesis.schemas import BaseSchema
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.backend.security.conftest import PASSWORD, LiveApi, live_api

EXAMPLES_PER_OPERATION = 8
# A schema-valid body may still name nothing usable in the caller's state (no account chosen and none active):
# the API answers 422 with what to send, which this check would count as refusing valid data.
# Without a browser pool the portal routes answer their declared 503; any undeclared status (a 500 is declared
# nowhere) still fails `status_code_conformance`, and the tally below counts real server errors.
EXCLUDED_CHECKS: list[CheckFunction] = [positive_data_acceptance, not_a_server_error]
FUZZ_SETTINGS = hypothesis.settings(
    max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
    suppress_health_check=list(HealthCheck), phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)


@dataclass
class Tally:
    """What the probe did, for the closing figures."""

    operations: set[str] = field(default_factory=set)
    requests: int = 0
    unavailable: int = 0  # the declared 503 of portal routes on a server without browsers
    server_errors: list[str] = field(default_factory=list)

    def count(self, case: Case[Any], response: Response) -> None:
        self.operations.add(case.operation.label)
        self.requests += 1
        if response.status_code == 503:
            self.unavailable += 1
        elif response.status_code >= 500:
            self.server_errors.append(f"{case.operation.label} -> {response.status_code}")


@dataclass
class Target:
    """The served app, a logged-in admin's token (re-issued after a logout) and the tally."""

    api: LiveApi
    username: str
    token: str = ""
    tally: Tally = field(default_factory=Tally)

    def log_in(self) -> None:
        tokens = self.api.client().post("/auth/login", data={"username": self.username, "password": PASSWORD})
        assert tokens.status_code == 200, tokens.text
        self.token = tokens.json()["access_token"]

    def headers(self) -> dict[str, str]:
        if self.api.client(self.token).get("/auth/me").status_code != 200:
            self.log_in()  # the fuzzer logged itself out (or revoked its own auth session)
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    tmp: Path = tmp_path_factory.mktemp("fuzz")
    # Throttling would turn the fuzzer's own logins into 429s; it has its own tests.
    with live_api(tmp, login_failures_per_username=10**6, login_failures_per_address=10**6) as api:
        pool = api.services.portal_pool
        if pool is not None:  # no browsers: generated credentials must never reach a real portal
            pool.shutdown()
            api.services.portal_pool = None
        fuzz_target = Target(api=api, username=api.add_user("admin"))
        fuzz_target.log_in()
        yield fuzz_target
        tally = fuzz_target.tally
        print(f"\nschema fuzzing: {len(tally.operations)} operations, {tally.requests} requests, "
              f"{len(tally.server_errors)} server errors, {tally.unavailable} declared 503s")


@pytest.fixture(scope="module")
def api_schema(target: Target) -> BaseSchema:
    return schemathesis.openapi.from_url(f"{target.api.server.url}/openapi.json")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_answers_as_declared(api_schema: BaseSchema, target: Target, mode: GenerationMode) -> None:
    failures: list[str] = []
    for result in api_schema.get_all_operations():
        assert isinstance(result, Ok), result
        operation = result.ok()

        @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
        @FUZZ_SETTINGS
        def probe(case: Case[Any]) -> None:
            response = case.call(headers=target.headers())
            target.tally.count(case, response)
            case.validate_response(response, excluded_checks=EXCLUDED_CHECKS)

        try:
            probe()
        except hypothesis.errors.Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE  # no input of this operation can be made invalid
        except Exception as exc:  # gather every operation's failure, then report them together
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
    assert not target.tally.server_errors


def test_stateful_sequences_answer_as_declared(api_schema: BaseSchema, target: Target) -> None:
    machine = api_schema.as_state_machine()
    nonconforming: list[str] = []

    class Sequences(machine):  # type: ignore[valid-type, misc]
        def get_call_kwargs(self, case: Case[Any]) -> dict[str, Any]:
            return {"headers": target.headers()}

        def after_call(self, response: Response, case: Case[Any]) -> None:
            target.tally.count(case, response)

        def validate_response(self, response: Response, case: Case[Any], additional_checks: Any = None,
                              **kwargs: Any) -> None:
            try:
                case.validate_response(response, excluded_checks=EXCLUDED_CHECKS, transport_kwargs=kwargs)
            except Exception as exc:  # kept, so a replay that hypothesis abandons cannot hide it
                nonconforming.append(f"{case.operation.label} -> {response.status_code}: {exc}")
                raise

    before = target.tally.requests
    settings = hypothesis.settings(max_examples=15, stateful_step_count=6, deadline=None, derandomize=True,
                                   database=None, suppress_health_check=list(HealthCheck),
                                   phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate])
    try:
        Sequences.run(settings=settings)
    except hypothesis.errors.FlakyStrategyDefinition as exc:
        # The sequences draw from what the server answered before (bundles of ids); on a loaded machine a
        # replayed sequence can meet other answers and hypothesis gives up on it. That is no finding about the
        # API: the server errors and undeclared statuses are still counted and asserted below.
        print(f"\nstateful sequences cut short by hypothesis: {type(exc).__name__}")
    print(f"\nstateful sequences: {target.tally.requests - before} requests")
    assert target.tally.requests > before
    assert not nonconforming, "\n".join(nonconforming)
    assert not target.tally.server_errors
