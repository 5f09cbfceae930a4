"""`emodal-agent sandbox` / `python -m sandbox`: serve the portal look-alike and the solver on one port."""

from __future__ import annotations

import argparse
import threading

import uvicorn

from sandbox.accounts import DEFAULT_ACCOUNTS
from sandbox.app import create_sandbox_app
from sandbox.config import SandboxConfig
from sandbox.recaptcha import CHALLENGE_MODES
from sandbox.server import SandboxServer
from sandbox.state import SandboxState


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the sandbox's command-line options."""
    defaults = SandboxConfig()
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8099, help="port to bind (default 8099)")
    parser.add_argument("--seed", type=int, default=defaults.seed, help="seed of the generated data")
    parser.add_argument("--containers", type=int, default=defaults.containers_per_account,
                        help="containers per account (up to 10000)")
    parser.add_argument("--captcha-delay", type=float, default=defaults.captcha_delay_seconds,
                        help="seconds before the solver answers a task")
    parser.add_argument("--idle-minutes", type=float, default=defaults.login_idle_minutes,
                        help="minutes a portal login survives without activity")
    parser.add_argument("--chaos-token", default=None, help="enable /_chaos/... endpoints with this X-Chaos-Token")
    parser.add_argument("--solver-key", default=defaults.solver_api_key, help="API key the solver accepts")
    parser.add_argument("--recaptcha-challenge", choices=CHALLENGE_MODES, default=defaults.recaptcha_challenge,
                        help="whether a captcha checkbox click opens a challenge (default: seeded draw)")
    parser.add_argument("--https-port", type=int, default=None,
                        help="also serve the real https://*.emodal.com names on this port (self-signed; 0: any)")
    parser.add_argument("--blocked-region", action="store_true", help="answer every portal page with 403 Forbidden")


def config_from(args: argparse.Namespace) -> SandboxConfig:
    """The sandbox config the parsed options describe."""
    return SandboxConfig(
        seed=args.seed,
        containers_per_account=max(1, min(10_000, args.containers)),
        captcha_delay_seconds=max(0.0, args.captcha_delay),
        login_idle_minutes=args.idle_minutes,
        chaos_token=args.chaos_token or None,
        blocked_region=bool(args.blocked_region),
        solver_api_key=args.solver_key,
        recaptcha_challenge=args.recaptcha_challenge,
    )


def banner(config: SandboxConfig, base_url: str) -> str:
    """What the sandbox prints at start: accounts, solver key, addresses."""
    lines = [f"E-Modal sandbox at {base_url}", "accounts:"]
    for account in DEFAULT_ACCOUNTS:
        note = "  (locked: shows 'account locked')" if account.locked else ""
        lines.append(f"  {account.username} / {account.password}  {account.company}{note}")
    lines += [
        f"solver API key: {config.solver_api_key}  (2captcha protocol at {base_url}/in.php and /res.php)",
        f"login: {base_url}/login   containers: {base_url}/containers",
        f"chaos endpoints: {'enabled' if config.chaos_token else 'disabled'}",
        f"EMODAL_AGENT_PORTAL_BASE_URL={base_url} EMODAL_AGENT_CAPTCHA_BASE_URL={base_url}",
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Build the data, print the banner and serve until interrupted."""
    config = config_from(args)
    if args.https_port is not None:
        return _run_with_host_names(config, args)
    app = create_sandbox_app(config, SandboxState(config))
    print(banner(config, f"http://{args.host}:{args.port}"), flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _run_with_host_names(config: SandboxConfig, args: argparse.Namespace) -> int:
    """Serve plain HTTP and the real host names over HTTPS until Ctrl-C."""
    server = SandboxServer(config, host=args.host, port=args.port, https=True, https_port=args.https_port)
    server.start()
    print(banner(config, server.url), flush=True)
    print(f"real host names: https://ecp2.emodal.com/login via {server.host_map}\n"
          f"EMODAL_AGENT_PORTAL_HOST_MAP={server.host_map}  (Chromium: --host-resolver-rules="
          f"\"{server.host_resolver_rules}\" --ignore-certificate-errors)", flush=True)
    stop = threading.Event()
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
