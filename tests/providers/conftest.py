"""Fixtures for the provider tests: the published descriptions (skipped with a reason when
absent, mandatory when PORTWIZARD_REQUIRE_PROVIDER_SPECS=1, as .ci/run sets) and fakes."""
from __future__ import annotations

import os

import pytest

from fake_telnyx import FAKE_TELNYX_KEY, SPEC_DIR


def require_specs(*names: str) -> None:
    """Skip (or, in CI, fail) when the providers' descriptions are not next to the project."""
    missing = [n for n in names if not (SPEC_DIR / n).is_file()]
    if not missing:
        return
    reason = (f"the providers' published API descriptions are not at {SPEC_DIR} "
              f"({', '.join(missing)} missing): the contract tests need ../shared/provider-specs")
    if os.environ.get("PORTWIZARD_REQUIRE_PROVIDER_SPECS") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def telnyx_specs():
    require_specs("telnyx-porting-subset.yml", "telnyx-targets-subset.yml")
    return SPEC_DIR


@pytest.fixture
def fake_telnyx(telnyx_specs):
    """``fake_telnyx(**FakeTelnyx kwargs)`` -> a running fake, stopped after the test; the
    test fails if any request or answer broke Telnyx's description."""
    from fake_telnyx import FakeTelnyx

    started = []

    def _start(**kwargs):
        kwargs.setdefault("token", FAKE_TELNYX_KEY)
        fake = FakeTelnyx(**kwargs).start()
        started.append(fake)
        return fake

    yield _start
    for fake in started:
        fake.stop()
    for fake in started:
        assert fake.violations == [], fake.violations[:5]
