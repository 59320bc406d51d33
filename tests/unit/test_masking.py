from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svcq.masking import mask_name, mask_personal, mask_phone, mask_plate, scrub_text


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("+86 138-1234-5678", "+86 138****5678"),
        ("8613812345678", "+86 138****5678"),
        ("008613812345678", "+86 138****5678"),
        ("010-12345678", "010****5678"),  # 11 digits with the area code
        ("(021)1234567", "021*****67"),  # 10 digits: last 2 kept
        ("+44 20 7946 0958", "+442*****0958"),
        ("12345678", "123***78"),
        ("12345", "***45"),
        ("1234", "****"),
        ("ext", "***"),
        ("", ""),
    ],
)
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("plate", "masked"),
    [
        ("沪A12345", "沪A***45"),
        ("粤BD12345", "粤B****45"),  # new-energy plate: 8 characters
        ("沪A·12345", "沪A***45"),
        ("沪a 12345", "沪A***45"),
        ("沪A1234挂", "沪A***4挂"),
        ("AB1", "A**"),
        ("A", "*"),
    ],
)
def test_mask_plate(plate, masked):
    assert mask_plate(plate) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三丰", "张**"),
        ("张三", "张*"),
        ("张", "*"),
        ("欧阳修", "欧**"),
        ("John Doe", "J*** D**"),
        ("  Mary  Ann Lee ", "M*** A** L**"),
        ("", ""),
    ],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138 1234 5678", "+86 138****5678"),
        ("粤B12345", "粤B***45"),
        ("张三丰", "张**"),
        ("张三 13812345678", "张* 1**********"),
    ],
)
def test_mask_personal_picks_the_masker_by_shape(value, masked):
    assert mask_personal(value) == masked


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("车主13912345678来电", "车主139****5678来电"),
        ("call +8613912345678 now", "call +86 139****5678 now"),
        ("前台 0755-12345678 转 8", "前台 075*****5678 转 8"),
        ("tel (021)12345678.", "tel 021****5678."),
        ("uk +44 20 7946 0958", "uk +442*****0958"),
        ("车辆粤B12345进场", "车辆粤B***45进场"),
        ("新能源粤BD12345", "新能源粤B****45"),
        ("plates 沪A12345,京N·D1234", "plates 沪A***45,京N***34"),
        ("UNIQUE failed: phone = '13912345678'", "UNIQUE failed: phone = '139****5678'"),
    ],
)
def test_scrub_text_masks_phones_and_plates_anywhere(text, scrubbed):
    assert scrub_text(text) == scrubbed


@pytest.mark.parametrize(
    "text",
    [
        "took 0.0123456789s",
        "request 550e8400-e29b-41d4-a716-446655440000",
        "at 2026-01-05T01:00:00.123456Z epoch 1767571200000",
        "ticket 1234567 of 23 owners, amount 139123456789012",
        "/svcq.v1.OwnerService/CreateOwner",
    ],
)
def test_scrub_text_leaves_ids_durations_and_times_alone(text):
    assert scrub_text(text) == text


mobiles = st.from_regex(r"\A1[3-9][0-9]{9}\Z")
# Real plates: at least one digit among 5 characters, or new-energy D/F + 5 digits.
plates = st.from_regex(
    r"\A[沪粤京川][A-HJ-NP-Z](?:[A-HJ-NP-Z0-9]{4}[0-9]|[0-9][A-HJ-NP-Z0-9]{4}|[DF][0-9]{5})\Z"
)
filler = st.text(alphabet="车主电话的 ,.:;()='\"abcXYZ", max_size=12)


@given(before=filler, mobile=mobiles, middle=filler, plate=plates, after=filler)
def test_no_mobile_or_plate_survives_scrubbing(before, mobile, middle, plate, after):
    scrubbed = scrub_text(before + mobile + middle + plate + after)
    assert mobile not in scrubbed
    assert plate not in scrubbed
    assert mobile[:3] + "****" + mobile[-4:] in scrubbed


@given(st.text(alphabet="0123456789 +-()", max_size=20))
def test_mask_phone_never_shows_more_than_seven_digits(phone):
    masked = mask_phone(phone)
    shown = sum(c.isdigit() for c in masked.removeprefix("+86 "))
    digits = sum(c.isdigit() for c in phone)
    assert shown <= 7
    assert shown <= max(digits - 3, 0)
