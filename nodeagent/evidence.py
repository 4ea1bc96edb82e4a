"""Hardware evidence from a command the operator configures (``--evidence-command``), run once per
nonce the gateway asks about.

The command runs without a shell, with these in its environment besides the agent's own:

- ``SOVGW_REPORT_DATA``: 64 hex digits, SHA-256(nonce || descriptor digest). An SEV-SNP guest puts
  these 32 bytes, then 32 zero bytes, into the 64-byte REPORT_DATA of its report request.
- ``SOVGW_NONCE`` and ``SOVGW_DESCRIPTOR_SHA256``: what the report data was computed from.

It prints the quote on standard output and exits 0. For ``sev-snp`` the quote is base64 of
``{"report": base64 of the 1184-byte report, "vcek": PEM, "ask": PEM}`` (the gateway's
``gateway/routing/sev_snp.py`` reads it). With virtee's ``snpguest`` inside the guest, for example::

    #!/bin/sh -e
    cd "$(mktemp -d)"
    { printf %s "$SOVGW_REPORT_DATA" | xxd -r -p; head -c 32 /dev/zero; } > request.bin
    snpguest report report.bin request.bin && snpguest certificates pem .
    jq -cn --rawfile vcek vcek.pem --rawfile ask ask.pem \\
       --arg report "$(base64 -w0 report.bin)" '{$report, $vcek, $ask}' | base64 -w0

A command that fails, exceeds ``timeout_s`` or prints something that is not base64 gives no
evidence: the agent answers 503 and the gateway takes the node out of routing. What the command
writes to standard error is not passed on or logged (it may hold anything).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import os
import signal
from dataclasses import dataclass
from datetime import UTC, datetime

from domain.nodes import Evidence, EvidenceType, report_data


class EvidenceUnavailable(Exception):
    """The command gave no evidence; the message says why, without its output."""


@dataclass(frozen=True)
class EvidenceCommand:
    argv: tuple[str, ...]
    type: EvidenceType = "sev-snp"
    timeout_s: float = 10.0

    async def evidence(self, nonce: str, descriptor_sha256: str) -> Evidence:
        data = report_data(nonce, descriptor_sha256)
        env = {
            **os.environ,
            "SOVGW_REPORT_DATA": data,
            "SOVGW_NONCE": nonce,
            "SOVGW_DESCRIPTOR_SHA256": descriptor_sha256,
        }
        try:
            process = await asyncio.create_subprocess_exec(
                *self.argv,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.DEVNULL,
                start_new_session=True,  # its own process group: a timeout ends its children too
            )
        except OSError as e:
            raise EvidenceUnavailable(f"the evidence command cannot be started ({e.strerror})") from None
        try:
            async with asyncio.timeout(self.timeout_s):
                out, _ = await process.communicate()
        except TimeoutError:
            raise EvidenceUnavailable(f"the evidence command took over {self.timeout_s:g} s") from None
        finally:  # timed out, or the agent stopping: the command and its children end with it
            if process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                await process.wait()
        if process.returncode != 0:
            raise EvidenceUnavailable(f"the evidence command exited with {process.returncode}")
        quote = out.strip()
        try:
            base64.b64decode(quote, validate=True)
        except (binascii.Error, ValueError):
            raise EvidenceUnavailable("the evidence command's output is not base64") from None
        if not quote:
            raise EvidenceUnavailable("the evidence command printed nothing")
        return Evidence(
            type=self.type,
            nonce=nonce,
            descriptor_sha256=descriptor_sha256,
            report_data=data,
            issued_at=datetime.now(UTC),
            quote=quote.decode("ascii"),
        )
