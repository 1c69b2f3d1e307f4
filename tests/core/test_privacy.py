"""CPR numbers do not belong in minutes: the app notices text that looks like one."""

from __future__ import annotations

import pytest

from refleksionsrum.core.privacy import looks_like_cpr


@pytest.mark.parametrize(
    "text",
    [
        "010190-1234",
        "Borger 010190-1234 udeblev",
        "0101901234",
        "cpr: 311299 1234",
        "født 290200-4321",  # 29 February 2000
        "(010190-1234)",
    ],
)
def test_cpr_like_numbers_are_noticed(text: str) -> None:
    assert looks_like_cpr(text)


@pytest.mark.parametrize(
    "text",
    [
        "123456-7890",  # day 12, month 34: no such date
        "320190-1234",  # day 32
        "290201-1234",  # 29 February 2001
        "Ring på 12345678",  # a phone number: eight digits
        "+45 12 34 56 78",
        "Tlf. 1234 5678",
        "01019-01234",
        "Sag 20261122-1300",
        "Fremmødet faldt fra 80 % til 55 % i oktober.",
        "",
    ],
)
def test_other_numbers_are_not(text: str) -> None:
    assert not looks_like_cpr(text)
