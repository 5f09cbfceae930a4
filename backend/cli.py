"""The `emodal-agent` command: serve, sandbox, demo, ask, create-admin, create-user, invite, migrate."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pydantic import ValidationError

from backend.config import Settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        raise SystemExit(f"emodal-agent: configuration refused: {problems}") from None


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from backend.app import create_app
    from backend.services import portal_pool_refusal

    settings = _load_settings()
    refusal = portal_pool_refusal(settings)
    if refusal:
        raise SystemExit(f"emodal-agent: configuration refused: {refusal}")
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0


def _migrate(_args: argparse.Namespace) -> int:
    from backend.database import build_engine
    from backend.migrate import upgrade_to_head

    settings = _load_settings()
    engine = build_engine(settings.sqlalchemy_url)
    upgrade_to_head(engine)
    engine.dispose()
    print(f"database schema is up to date ({engine.url.render_as_string(hide_password=True)})")
    return 0


def _password(args: argparse.Namespace, env_name: str) -> str | None:
    """The password from the option, the environment or a prompt; None (after saying why) when too short."""
    password: str = args.password or os.environ.get(env_name) or getpass.getpass("Password: ")
    if len(password) < 8:
        print("emodal-agent: the password needs at least 8 characters", file=sys.stderr)
        return None
    return password


def _in_database(work: Callable[[Session, Settings], int]) -> int:
    """Run `work` in one unit of work on the migrated database; an `AppError` becomes exit status 2."""
    from backend.database import build_engine, build_session_factory, unit_of_work
    from backend.errors import AppError
    from backend.migrate import upgrade_to_head

    settings = _load_settings()
    engine = build_engine(settings.sqlalchemy_url)
    upgrade_to_head(engine)
    try:
        status = 0
        for db in unit_of_work(build_session_factory(engine)):
            status = work(db, settings)
        return status
    except AppError as exc:
        print(f"emodal-agent: {exc.message}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()


def _create_admin(args: argparse.Namespace) -> int:
    from backend.auth.service import create_user, find_user
    from backend.security.passwords import hash_password

    password = _password(args, "EMODAL_AGENT_ADMIN_PASSWORD")
    if password is None:
        return 2

    def work(db: Session, _settings: Settings) -> int:
        user = find_user(db=db, username=args.username)
        if user is None:
            create_user(db=db, username=args.username, password=password, role="admin")
            print(f"admin '{args.username.lower()}' created")
        else:
            user.role, user.password_hash = "admin", hash_password(password)
            print(f"'{args.username.lower()}' is now an admin with the new password")
        return 0

    return _in_database(work)


def _create_user(args: argparse.Namespace) -> int:
    from backend.audit import record_action
    from backend.auth.service import create_user

    password = _password(args, "EMODAL_AGENT_USER_PASSWORD")
    if password is None:
        return 2

    def work(db: Session, _settings: Settings) -> int:
        user = create_user(db=db, username=args.username, password=password, role=args.role)
        record_action(db, user_id=user.id, action="cli_user_created", role=args.role)
        print(f"{args.role} '{user.username}' created")
        return 0

    return _in_database(work)


def _invite(args: argparse.Namespace) -> int:
    from backend.audit import record_action
    from backend.auth.invitations import issue_invitation
    from backend.auth.service import find_user

    def work(db: Session, settings: Settings) -> int:
        admin = find_user(db=db, username=args.by)
        if admin is None or admin.role != "admin":
            print(f"emodal-agent: '{args.by}' is not an administrator", file=sys.stderr)
            return 2
        issued = issue_invitation(db=db, created_by_user_id=admin.id, role=args.role,
                                  valid_days=args.days or settings.invitation_days)
        record_action(db, user_id=admin.id, action="admin_invitation_issued",
                      invitation_id=issued.invitation.id, role=args.role, via="cli")
        print(f"invitation code (single use, expires {issued.invitation.expires_at:%Y-%m-%d %H:%M} UTC): "
              f"{issued.code}")
        return 0

    return _in_database(work)


def _sandbox(args: argparse.Namespace) -> int:
    from backend.demo import run_sandbox

    return run_sandbox(args)


def _demo(args: argparse.Namespace) -> int:
    import signal
    import threading

    from backend.demo import DEMO_PASSWORD, DEMO_USERNAME, SAMPLE_QUESTION, start_demo

    settings = _load_settings()
    print("starting the E-Modal sandbox and the API (SQLite, offline model)...", flush=True)
    try:
        stack = start_demo(settings, host=args.host, port=args.port, captcha_delay=args.captcha_delay,
                           sandbox_port=args.sandbox_port, sandbox_https_port=args.sandbox_https_port)
    except RuntimeError as exc:
        print(f"emodal-agent demo: {exc}", file=sys.stderr)
        return 1
    print(f"\nemodal-agent is running: open {stack.url}/ and log in as {DEMO_USERNAME} / {DEMO_PASSWORD}")
    print(f"sandbox portal: https://ecp2.emodal.com/login mapped to {stack.sandbox.host_map} "
          f"(solver and switches: {stack.sandbox.url}; accounts and solver key: README, 'The sandbox')")
    print(f"\nsample question: {SAMPLE_QUESTION}", flush=True)
    # Ctrl-C only sets this: a second one (a terminal and `uv run` may both deliver it) cannot cut the
    # shutdown short.
    interrupted = threading.Event()
    signal.signal(signal.SIGINT, lambda _signum, _frame: interrupted.set())
    try:
        print(stack.ask(SAMPLE_QUESTION)["answer"], flush=True)
        print("\nserving until Ctrl-C", flush=True)
        interrupted.wait()
        print("\nstopping", flush=True)
    finally:
        stack.stop()
    return 0


def _ask(args: argparse.Namespace) -> int:
    import tempfile
    from pathlib import Path

    import httpx

    if not args.demo:
        client = httpx.Client(base_url=args.url, timeout=600)
        try:
            login = client.post("/auth/login", data={"username": args.username, "password": args.password or ""})
            if login.status_code != 200:
                print("emodal-agent ask: login failed; give --username and --password of a user of that API",
                      file=sys.stderr)
                return 2
            client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
            response = client.post("/ask", json={"message": args.question})
        except httpx.HTTPError as exc:
            print(f"emodal-agent ask: cannot reach {args.url} ({exc}); start it with 'emodal-agent serve'",
                  file=sys.stderr)
            return 2
        body = response.json()
        print(body["answer"] if response.status_code == 200 else body["error"]["message"])
        return 0 if response.status_code == 200 else 1

    from backend.demo import data_dir_for_one_question, free_port, start_demo

    logging.getLogger().setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="emodal-agent-ask-") as folder:
        settings = data_dir_for_one_question(_load_settings(), Path(folder))
        stack = start_demo(settings, host="127.0.0.1", port=free_port(), captcha_delay=0)
        try:
            print(stack.ask(args.question)["answer"])
        except RuntimeError as exc:
            print(f"emodal-agent ask: {exc}", file=sys.stderr)
            return 1
        finally:
            stack.stop()
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command line, one subcommand per job."""
    parser = argparse.ArgumentParser(prog="emodal-agent", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the API and the web chat")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(handler=_serve)

    sandbox = commands.add_parser("sandbox", help="run the E-Modal look-alike portal and captcha solver")
    from backend.demo import add_sandbox_arguments

    add_sandbox_arguments(sandbox)
    sandbox.set_defaults(handler=_sandbox)

    demo = commands.add_parser("demo", help="run the product on its embedded defaults (sandbox portal)")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--sandbox-port", type=int, default=8099, help="port of the sandbox portal (0: any free)")
    demo.add_argument("--sandbox-https-port", type=int, default=0,
                      help="port of the sandbox's HTTPS listener for the real host names (0: any free)")
    demo.add_argument("--captcha-delay", type=float, default=3.0, help="seconds the sandbox solver takes")
    demo.set_defaults(handler=_demo)

    ask = commands.add_parser("ask", help="answer one question and exit")
    ask.add_argument("question")
    ask.add_argument("--demo", action="store_true", help="against a sandbox portal with a demo account")
    ask.add_argument("--url", default="http://127.0.0.1:8000", help="a running API (without --demo)")
    ask.add_argument("--username", default=os.environ.get("EMODAL_AGENT_USERNAME", ""))
    ask.add_argument("--password", default=os.environ.get("EMODAL_AGENT_PASSWORD", ""))
    ask.set_defaults(handler=_ask)

    admin = commands.add_parser("create-admin", help="create an administrator (or promote a user)")
    admin.add_argument("--username", required=True)
    admin.add_argument("--password", help="else EMODAL_AGENT_ADMIN_PASSWORD, else asked for")
    admin.set_defaults(handler=_create_admin)

    create = commands.add_parser("create-user", help="create a user (registration may be closed)")
    create.add_argument("--username", required=True)
    create.add_argument("--password", help="else EMODAL_AGENT_USER_PASSWORD, else asked for")
    create.add_argument("--role", choices=("user", "admin"), default="user")
    create.set_defaults(handler=_create_user)

    invite = commands.add_parser("invite", help="print a single-use invitation code for registering")
    invite.add_argument("--by", required=True, help="the administrator issuing it")
    invite.add_argument("--role", choices=("user", "admin"), default="user")
    invite.add_argument("--days", type=int, help="days the code stays valid (default: the setting)")
    invite.set_defaults(handler=_invite)

    migrate = commands.add_parser("migrate", help="bring the database schema up to date")
    migrate.set_defaults(handler=_migrate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("alembic", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    raise SystemExit(main())
