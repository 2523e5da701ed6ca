"""A real SMTP server on 127.0.0.1 (aiosmtpd), started by the test, and an in-memory keyring.

The server keeps what arrives (envelope and parsed message); it can ask for a user name and
password, advertise a size limit, refuse big messages, or speak TLS with a certificate made
for the test (openssl), which the client trusts through SSL_CERT_FILE.
"""

from __future__ import annotations

import email
import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from email.message import Message
from email.policy import default
from pathlib import Path

from keyring.backend import KeyringBackend

USER, PASSWORD = "administratie@delinde.nl", "juist-wachtwoord-42"


class MemoryKeyring(KeyringBackend):
    """The tests' keyring: a dict, so no test touches the PC's own keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> Message:
        return email.message_from_bytes(self.data, policy=default)

    def attachments(self) -> dict[str, bytes]:
        return {
            part.get_filename(): part.get_payload(decode=True)
            for part in self.message.iter_attachments()
        }


@dataclass
class _Handler:
    refuse_with: str = ""  # e.g. "552 5.3.4 Bericht te groot": refuse after DATA
    received: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        if self.refuse_with:
            return self.refuse_with
        self.received.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        )
        return "250 OK"


def _authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
    from aiosmtpd.smtp import AuthResult, LoginPassword

    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == USER.encode()
        and auth_data.password == PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)


class SmtpServer:
    """aiosmtpd's Controller on 127.0.0.1 with a free port; `stop()` at the end."""

    def __init__(
        self,
        *,
        auth: bool = False,
        size_limit: int | None = 33554432,
        refuse_with: str = "",
        tls_context=None,  # type: ignore[no-untyped-def]
        implicit_tls: bool = False,
    ) -> None:
        from aiosmtpd.controller import Controller

        self.handler = _Handler(refuse_with)
        self.port = free_port()
        options: dict = {"data_size_limit": size_limit}
        if auth:
            options |= {
                "authenticator": _authenticator,
                "auth_required": True,
                # aiosmtpd sees TLS only after STARTTLS; with SSL from the start it is there.
                "auth_require_tls": tls_context is not None and not implicit_tls,
            }
        if tls_context is not None and not implicit_tls:
            options |= {"tls_context": tls_context, "require_starttls": True}
        if implicit_tls:
            options["ssl_context"] = tls_context
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **options)
        self.controller.start()

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def stop(self) -> None:
        self.controller.stop()


def make_certificate(folder: Path) -> tuple[Path, Path] | None:
    """A self-signed certificate for 127.0.0.1 (cert, key), or None without openssl."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = folder / "server.pem", folder / "server.key"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key
