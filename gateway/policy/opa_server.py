"""The OPA server backend: evaluations from a running OPA through opa-python-client's async client."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from opa_client import AsyncOpaClient
from opa_client.errors import PolicyNotFoundError

from gateway.policy import metrics
from gateway.policy.backend import ENTRYPOINT, Evaluation, parse_result
from gateway.policy.errors import PolicyEngineError, engine_failure
from gateway.policy.source import (
    REFERENCE_PATH,
    PolicySourceError,
    Stamp,
    compute_revision,
    declares_sovgw_package,
    is_test_module,
    load_policy_source,
    source_stamp,
)

log = logging.getLogger(__name__)

NAME = "opa"
_PACKAGE = "sovgw/residency"
_RULE = "decision"


class OpaServerBackend:
    """Evaluations from OPA's ``/v1/data/sovgw/residency/decision``, failing closed.

    One aiohttp session per backend (connection reuse), the bearer token from the config, and a
    hard ``timeout_s`` around each call (the client's own timeout applies per attempt, and it
    retries once on a dropped keep-alive connection, so the outer bound is what a request waits at
    most). Every failure raises a :class:`PolicyEngineError`; nothing here ever allows.

    The revision is not taken on trust: every ``reload_interval_s`` the backend reads back what the
    server has loaded (policy texts from ``/v1/policies``, data from ``/v1/data/sovgw/reference``)
    and hashes it exactly as the embedded backend hashes the files (:func:`compute_revision`). When
    ``watched_dir`` is set (the directory OPA watches, mounted here too) and the server keeps
    serving a revision other than the files' for longer than two intervals, OPA did not load the
    change (it keeps the last good policy when a change fails to compile): that is counted in
    ``sovgw_policy_reload_failures_total`` and logged. Decisions made within one interval of a
    reload may still carry the previous revision; OPA bundles with provenance would close that window.
    """

    name = NAME

    def __init__(
        self,
        url: str,
        *,
        token: str | None = None,
        timeout_s: float = 1.0,
        reload_interval_s: float = 1.0,
        watched_dir: Path | None = None,
    ) -> None:
        parsed = urlsplit(url)
        if not parsed.hostname:
            raise ValueError("opa_url needs a host")
        self._client = AsyncOpaClient(
            host=parsed.hostname,
            port=parsed.port or (443 if parsed.scheme == "https" else 80),
            ssl=parsed.scheme == "https",
            token=token,
            timeout=timeout_s,
            retries=1,
        )
        self._timeout_s = timeout_s
        self._interval_s = reload_interval_s
        self._watched_dir = watched_dir
        self._session_lock = asyncio.Lock()
        self._session_open = False
        self._closed = False
        self._revision = ""
        self._checked_at = float("-inf")
        self._refreshing: asyncio.Task[None] | None = None
        # The files on disk (when watched): their revision, and since when OPA has served another.
        self._disk_stamp: Stamp | None = None
        self._disk_revision = ""
        self._behind_since: float | None = None
        self._alarmed_for = ""

    @property
    def revision(self) -> str:
        return self._revision

    async def _session(self) -> AsyncOpaClient:
        if self._closed:
            raise engine_failure(NAME, "closed", "the engine was closed")
        if not self._session_open:
            async with self._session_lock:
                if not self._session_open:
                    await self._client.__aenter__()
                    self._session_open = True
        return self._client

    async def evaluate(self, inp: dict[str, Any]) -> Evaluation:
        client = await self._session()
        await self.check_for_changes()  # the first evaluation waits: it needs a revision to carry
        revision = self._revision
        body = await self._call(client.query_rule(input_data=inp, package_path=_PACKAGE, rule_name=_RULE))
        if not isinstance(body, dict):
            raise engine_failure(NAME, "malformed", "the response is not a JSON object")
        if "result" not in body:
            raise engine_failure(NAME, "undefined", f"{ENTRYPOINT} is undefined")
        return Evaluation(parse_result(NAME, body["result"], inp), revision, NAME)

    async def _call(self, request: Any) -> Any:
        """Await one client call within the timeout, mapping every failure to a reason class."""
        try:
            return await asyncio.wait_for(request, self._timeout_s)
        except TimeoutError:
            raise engine_failure(NAME, "timeout", f"no answer within {self._timeout_s} s") from None
        except aiohttp.ContentTypeError:
            raise engine_failure(NAME, "malformed", "the response is not JSON") from None
        except aiohttp.ClientResponseError as e:
            raise engine_failure(NAME, "http_error", f"HTTP {e.status}") from None
        except (aiohttp.ClientConnectionError, OSError) as e:
            raise engine_failure(NAME, "unreachable", e.__class__.__name__) from None
        except PolicyNotFoundError:
            raise engine_failure(NAME, "not_loaded", "the policy data is not loaded") from None
        except (aiohttp.ClientError, ValueError) as e:  # ValueError: a body that is not valid JSON
            raise engine_failure(NAME, "malformed", e.__class__.__name__) from None

    async def check_for_changes(self) -> None:
        if self._closed:
            return
        if not self._revision:
            await self.refresh()
        elif time.monotonic() - self._checked_at >= self._interval_s:
            self._refresh_in_background()

    def _refresh_in_background(self) -> None:
        if self._refreshing is None or self._refreshing.done():
            self._refreshing = asyncio.create_task(self._refresh_quietly())

    async def _refresh_quietly(self) -> None:
        try:
            await self.refresh()
        except Exception as e:  # the next decision surfaces real outages; keep the last revision
            log.warning("could not re-read the policy OPA has loaded: %s", e)

    async def refresh(self) -> bool:
        """Re-read what OPA has loaded and compare with the files; True when the revision changed."""
        client = await self._session()
        self._checked_at = time.monotonic()
        policies = await self._call(self._list_policies(client))
        reference = await self._call(client.get_data("/".join(REFERENCE_PATH)))
        texts = [p["raw"] for p in policies if _is_decision_module(p)]
        if not texts or not isinstance(reference, dict) or "result" not in reference:
            raise engine_failure(NAME, "not_loaded", "OPA has no sovgw policy or reference data loaded")
        revision = compute_revision(texts, reference["result"])
        changed = revision != self._revision
        if changed:
            if self._revision:
                metrics.RELOADS.labels(NAME).inc()
                log.info("OPA serves policy revision %s (was %s)", revision[:12], self._revision[:12])
            self._revision = revision
            metrics.set_active_revision(NAME, revision)
        await asyncio.to_thread(self._compare_with_disk)  # reads files: off the event loop
        return changed

    async def _list_policies(self, client: AsyncOpaClient) -> list[dict[str, Any]]:
        # The client has no public call that returns the policy texts; use its session (and so its
        # headers, token, timeout and connection pool) for GET /v1/policies.
        async with client._request("GET", f"{client.root_url}/policies") as response:
            response.raise_for_status()
            body = await response.json()
        result = body.get("result") if isinstance(body, dict) else None
        if not isinstance(result, list):
            raise ValueError("GET /v1/policies did not return a list")
        return [p for p in result if isinstance(p, dict)]

    def _compare_with_disk(self) -> None:
        if self._watched_dir is None:
            return
        stamp = source_stamp(self._watched_dir)
        if stamp != self._disk_stamp:
            self._disk_stamp = stamp
            try:
                self._disk_revision = load_policy_source(self._watched_dir).revision
            except PolicySourceError as e:
                self._disk_revision = f"unloadable: {e}"
        now = time.monotonic()
        if self._disk_revision == self._revision:
            self._behind_since = None
            return
        if self._behind_since is None:
            self._behind_since = now
        if now - self._behind_since >= 2 * self._interval_s and self._alarmed_for != self._disk_revision:
            self._alarmed_for = self._disk_revision
            metrics.RELOAD_FAILURES.labels(NAME).inc()
            log.error(
                "OPA still serves policy revision %s, not the files in %s: the change did not load "
                "(see OPA's log for the compile error)",
                self._revision[:12],
                self._watched_dir,
            )

    async def ready(self) -> bool:
        try:
            client = await self._session()
            return bool(await asyncio.wait_for(client.check_health(), self._timeout_s))
        except (TimeoutError, PolicyEngineError):
            return False

    async def aclose(self) -> None:
        self._closed = True
        if self._refreshing is not None:
            self._refreshing.cancel()
        if self._session_open:
            await self._client.close_connection()
            self._session_open = False


def _is_decision_module(policy: dict[str, Any]) -> bool:
    """Non-test modules in a package under sovgw: what the embedded backend loads from the files."""
    raw = policy.get("raw")
    return (
        isinstance(raw, str) and not is_test_module(str(policy.get("id", ""))) and declares_sovgw_package(raw)
    )
