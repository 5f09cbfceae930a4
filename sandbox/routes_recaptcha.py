"""The reCAPTCHA v2 look-alike on the identity site: `api.js`, the anchor and challenge frames, audio, verify.

Google serves these from www.google.com; here they come from the identity host under Google's own paths
(`/recaptcha/api.js`, `/recaptcha/api2/anchor`, `/recaptcha/api2/bframe`), so selectors that look for
`iframe[src*='recaptcha/api2/anchor']` and `iframe[src*='api2/bframe']` find them. The internal calls
(`anchor/click`, `reload`, `userverify`, `payload`) are *guesses* at Google's protocol, which nobody here has seen.
"""

from __future__ import annotations

from importlib import resources

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from sandbox.catalog import SITE_KEY
from sandbox.web import state_of, template


def _static(name: str) -> str:
    return (resources.files("sandbox") / "static" / "recaptcha" / name).read_text(encoding="utf-8")


def _js(name: str) -> Response:
    return Response(_static(name), media_type="text/javascript")


async def api_js(request: Request) -> Response:
    """The loader script: renders every `div.g-recaptcha` and registers it in `___grecaptcha_cfg`."""
    return _js("api.js")


async def anchor(request: Request) -> Response:
    """The anchor frame: the "I'm not a robot" checkbox `#recaptcha-anchor`."""
    return HTMLResponse(template("recaptcha_anchor.html").template)


async def bframe(request: Request) -> Response:
    """The challenge frame: image tiles, and the audio challenge behind `#recaptcha-audio-button`."""
    return HTMLResponse(template("recaptcha_bframe.html").template)


async def frame_js(request: Request) -> Response:
    """The scripts of the two frames."""
    return _js(request.path_params["name"] + ".js")


async def click(request: Request) -> Response:
    """A checkbox click: passes at once (with a token) or asks for a challenge, as the seeded draw says."""
    if request.query_params.get("k") != SITE_KEY:
        return JSONResponse({"error": "invalid site key"}, status_code=400)
    desk = state_of(request).recaptcha
    if desk.click_needs_challenge():
        return JSONResponse({"challenge": True})
    return JSONResponse({"challenge": False, "token": desk.issue()})


async def reload(request: Request) -> Response:
    """A new audio challenge: its id and the address of its sound file."""
    challenge = state_of(request).recaptcha.new_audio_challenge()
    return JSONResponse({"id": challenge.challenge_id,
                         "audio": f"/recaptcha/api2/payload/audio.wav?c={challenge.challenge_id}"})


async def payload(request: Request) -> Response:
    """The sound file of a challenge still open."""
    challenge = state_of(request).recaptcha.challenges.get(request.query_params.get("c", ""))
    if challenge is None:
        return Response(status_code=404)
    return Response(challenge.audio, media_type="audio/wav")


async def userverify(request: Request) -> Response:
    """Check an audio answer: a token, or a refusal (the frame then loads a new challenge)."""
    body = await request.json()
    token = state_of(request).recaptcha.verify(str(body.get("c", "")), str(body.get("response", "")))
    return JSONResponse({"token": token} if token else {"error": "incorrect-captcha-sol"})


ROUTES = [
    Route("/recaptcha/api.js", api_js, methods=["GET"]),
    Route("/recaptcha/api2/anchor", anchor, methods=["GET"]),
    Route("/recaptcha/api2/bframe", bframe, methods=["GET"]),
    Route("/recaptcha/api2/js/{name:str}.js", frame_js, methods=["GET"]),
    Route("/recaptcha/api2/anchor/click", click, methods=["POST"]),
    Route("/recaptcha/api2/reload", reload, methods=["POST"]),
    Route("/recaptcha/api2/payload/audio.wav", payload, methods=["GET"]),
    Route("/recaptcha/api2/userverify", userverify, methods=["POST"]),
]
