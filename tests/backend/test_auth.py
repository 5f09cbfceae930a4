"""Registration, login, refresh rotation, logout and token attacks, through HTTP."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

from jose import jwt

from backend.security.tokens import TokenService
from tests.backend.conftest import Api, LoggedInUser


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


class TestRegisterAndLogin:
    def test_register_login_me(self, api: Api) -> None:
        username, password = api.register()
        tokens = api.login(username, password)
        assert tokens["token_type"] == "bearer"
        claims = jwt.get_unverified_claims(tokens["access_token"])
        assert {"sub", "sid", "jti", "iat", "exp"} <= set(claims)
        assert claims["sid"] == tokens["auth_session_id"]
        me = api.client(tokens["access_token"]).get("/auth/me")
        assert me.status_code == 200
        assert me.json()["username"] == username
        assert me.json()["auth_session_id"] == tokens["auth_session_id"]

    def test_unicode_and_very_long_passwords_work(self, api: Api) -> None:
        for password in ("pässwörd-日本語-🚚🚚", "x" * 5000):
            username, _ = api.register(password=password)
            assert api.login(username, password)["access_token"]
            wrong = api.client().post("/auth/login", data={"username": username, "password": password[:-1]})
            assert wrong.status_code == 401

    def test_duplicate_username_is_409(self, api: Api) -> None:
        username, _ = api.register()
        response = api.client().post("/auth/register", json={"username": username, "password": "another pass"})
        assert response.status_code == 409
        assert "already taken" in response.json()["error"]["message"]

    def test_bad_registration_says_what_to_fix(self, api: Api) -> None:
        response = api.client().post("/auth/register", json={"username": "ab", "password": "short"})
        assert response.status_code == 422
        error = response.json()["error"]
        assert error["code"] == "invalid_input"
        assert "username" in error["message"] and "password" in error["message"]
        not_json = api.client().post("/auth/register", content=b"{oops", headers={"content-type": "application/json"})
        assert not_json.status_code == 422

    def test_wrong_password_and_unknown_user_look_the_same(self, api: Api) -> None:
        username, _ = api.register()
        wrong = api.client().post("/auth/login", data={"username": username, "password": "nope nope"})
        unknown = api.client().post("/auth/login", data={"username": "nobody-here", "password": "nope nope"})
        assert wrong.status_code == unknown.status_code == 401
        assert wrong.json() == unknown.json()


class TestRefreshAndLogout:
    def test_refresh_rotates_and_old_refresh_token_stops_working(self, api: Api, user: LoggedInUser) -> None:
        first = api.client().post("/auth/refresh", json={"refresh_token": user.tokens["refresh_token"]})
        assert first.status_code == 200
        rotated = first.json()
        assert rotated["auth_session_id"] == user.auth_session_id
        assert rotated["refresh_token"] != user.tokens["refresh_token"]
        assert api.client(rotated["access_token"]).get("/auth/me").status_code == 200

    def test_refresh_reuse_revokes_the_whole_family(self, api: Api, user: LoggedInUser) -> None:
        rotated = api.client().post("/auth/refresh", json={"refresh_token": user.tokens["refresh_token"]}).json()
        reuse = api.client().post("/auth/refresh", json={"refresh_token": user.tokens["refresh_token"]})
        assert reuse.status_code == 401
        assert "already used" in reuse.json()["error"]["message"]
        # Every token of the family is dead now, including the newest pair.
        assert api.client(rotated["access_token"]).get("/auth/me").status_code == 401
        again = api.client().post("/auth/refresh", json={"refresh_token": rotated["refresh_token"]})
        assert again.status_code == 401

    def test_logout_revokes_access_and_refresh_tokens(self, api: Api, user: LoggedInUser) -> None:
        assert user.client.post("/auth/logout").status_code == 204
        assert user.client.get("/auth/me").status_code == 401
        refresh = api.client().post("/auth/refresh", json={"refresh_token": user.tokens["refresh_token"]})
        assert refresh.status_code == 401

    def test_access_token_cannot_refresh(self, api: Api, user: LoggedInUser) -> None:
        response = api.client().post("/auth/refresh", json={"refresh_token": user.tokens["access_token"]})
        assert response.status_code == 401


class TestTokenAttacks:
    def test_alg_none_is_rejected(self, api: Api, user: LoggedInUser) -> None:
        claims = jwt.get_unverified_claims(user.tokens["access_token"])
        forged = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."
        response = api.client(forged).get("/auth/me")
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"

    def test_wrong_key_is_rejected(self, api: Api, user: LoggedInUser) -> None:
        claims = jwt.get_unverified_claims(user.tokens["access_token"])
        forged = jwt.encode(claims, "some-other-key", algorithm="HS256")
        assert api.client(forged).get("/auth/me").status_code == 401

    def test_other_hmac_algorithm_is_rejected(self, api: Api, user: LoggedInUser) -> None:
        claims = jwt.get_unverified_claims(user.tokens["access_token"])
        forged = jwt.encode(claims, api.settings.secret_key, algorithm="HS512")
        assert api.client(forged).get("/auth/me").status_code == 401

    def test_tampered_payload_is_rejected(self, api: Api, user: LoggedInUser) -> None:
        header, _payload, signature = user.tokens["access_token"].split(".")
        claims = jwt.get_unverified_claims(user.tokens["access_token"])
        claims["sub"] = str(int(claims["sub"]) + 1)
        assert api.client(f"{header}.{_b64(claims)}.{signature}").get("/auth/me").status_code == 401

    def test_expired_token_is_rejected(self, api: Api, user: LoggedInUser) -> None:
        issuer = TokenService(secret_key=api.settings.secret_key, algorithm=api.settings.jwt_algorithm,
                              access_ttl=timedelta(seconds=-5), refresh_ttl=timedelta(seconds=-5))
        expired = issuer.issue(user_id=user.user_id, auth_session_id=user.auth_session_id, token_type="access")
        response = api.client(expired).get("/auth/me")
        assert response.status_code == 401
        assert "expired" in response.json()["error"]["message"]

    def test_missing_and_garbage_tokens(self, api: Api) -> None:
        assert api.client().get("/auth/me").status_code == 401
        assert api.client("not-a-jwt").get("/auth/me").status_code == 401
