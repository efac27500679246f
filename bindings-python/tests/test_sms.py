"""envoi.sms through Python: the behaviours of the binding contract, computed from the rules."""

from __future__ import annotations

import pytest

import envoi
from envoi.sms import SmsAnalysis, UserData, analyze


def test_empty_text_is_one_empty_gsm7_part() -> None:
    analysis = analyze("")
    assert analysis.encoding == "gsm7"
    assert analysis.part_count == 1
    assert analysis.parts == [""]
    assert analysis.part_units == [0]
    assert analysis.units_used == 0
    assert analysis.units_per_part == 160
    assert analysis.units_left == 160
    assert analysis.locking_shift is None
    assert analysis.single_shift is None
    assert analysis.non_gsm == []
    assert analysis.replacements == []
    assert analysis.user_data is None


def test_160_septets_fit_one_part_161_need_two_of_153() -> None:
    single = analyze("a" * 160)
    assert (single.part_count, single.units_per_part, single.units_left) == (1, 160, 0)

    double = analyze("a" * 161)
    assert double.part_count == 2
    assert double.units_per_part == 153
    assert double.part_units == [153, 8]
    assert double.parts == ["a" * 153, "a" * 8]
    assert double.units_used == 161
    assert double.units_left == 153 - 8


def test_euro_takes_two_septets_and_its_escape_pair_is_not_split() -> None:
    assert analyze("€").units_used == 2
    analysis = analyze("a" * 152 + "€" + "a" * 10)
    assert analysis.encoding == "gsm7"
    assert analysis.units_used == 164
    assert analysis.part_count == 2
    assert analysis.parts == ["a" * 152, "€" + "a" * 10]
    assert analysis.part_units == [152, 12]


def test_emoji_forces_ucs2_and_is_reported() -> None:
    analysis = analyze("Hello 👋")
    assert analysis.encoding == "ucs2"
    assert analysis.non_gsm == [(6, "👋")]
    assert analysis.units_used == 8
    assert analysis.units_per_part == 70
    assert analysis.units_left == 62


def test_ucs2_surrogate_pair_is_not_split() -> None:
    fits = analyze("a" * 66 + "👍")
    assert (fits.encoding, fits.units_used, fits.part_count) == ("ucs2", 68, 1)

    analysis = analyze("a" * 66 + "👍" + "a" * 10)
    assert analysis.units_used == 78
    assert analysis.units_per_part == 67
    assert analysis.parts == ["a" * 66, "👍" + "a" * 10]
    assert analysis.part_units == [66, 12]
    assert analysis.non_gsm == [(66, "👍")]


def test_smart_encoding_replaces_look_alikes_and_reports_them() -> None:
    text = "It’s “fine” — ok…"
    plain = analyze(text)
    assert plain.encoding == "ucs2"
    assert plain.replacements == []

    smart = analyze(text, smart_encoding=True)
    assert smart.encoding == "gsm7"
    assert smart.text == "It's \"fine\" - ok..."
    assert smart.replacements == [
        (2, "’", "'"),
        (5, "“", '"'),
        (10, "”", '"'),
        (12, "—", "-"),
        (16, "…", "..."),
    ]
    assert smart.non_gsm == []


def test_turkish_tables_fit_100_euros_in_one_part() -> None:
    without = analyze("€" * 100)
    assert without.part_count == 2
    assert without.locking_shift is None

    turkish = analyze("€" * 100, languages=["turkish"])
    assert turkish.part_count == 1
    assert turkish.encoding == "gsm7"
    assert turkish.locking_shift == "turkish"

    # any sequence of names works, and the core ignores ASCII case
    assert analyze("€" * 100, languages=("Turkish",)).locking_shift == "turkish"


def test_user_data_of_hello() -> None:
    analysis = analyze("hello", user_data=True)
    assert analysis.user_data is not None
    (user_data,) = analysis.user_data
    assert isinstance(user_data, UserData)
    assert isinstance(user_data.octets, bytes)
    assert user_data.octets == bytes([0xE8, 0x32, 0x9B, 0xFD, 0x06])
    assert user_data.length == 5
    assert user_data.header_length == 0
    assert repr(user_data) == "UserData(octets=b'\\xe82\\x9b\\xfd\\x06', length=5, header_length=0)"


def test_user_data_of_a_long_message_carries_the_concatenation_header() -> None:
    analysis = analyze("a" * 161, user_data=True, reference=42)
    assert analysis.user_data is not None
    assert [ud.header_length for ud in analysis.user_data] == [6, 6]
    # UDHL 5, IE 0x00 (8-bit reference) of length 3: reference, total, sequence
    assert analysis.user_data[0].octets[:6] == bytes([5, 0, 3, 42, 2, 1])
    assert analysis.user_data[1].octets[:6] == bytes([5, 0, 3, 42, 2, 2])
    # 6 header octets take 7 septets (with fill bits), then 153 and 8 characters
    assert [ud.length for ud in analysis.user_data] == [160, 15]


def test_sixteen_bit_reference_costs_one_septet_per_part() -> None:
    analysis = analyze("a" * 200, reference=4242, reference_bits=16, user_data=True)
    assert analysis.units_per_part == 152
    assert analysis.user_data is not None
    assert analysis.user_data[0].header_length == 7
    assert analysis.user_data[0].octets[:7] == bytes([6, 8, 4, 0x10, 0x92, 2, 1])


def test_analysis_is_a_frozen_value() -> None:
    analysis = analyze("Hi")
    assert isinstance(analysis, SmsAnalysis)
    with pytest.raises(AttributeError):
        analysis.encoding = "ucs2"  # type: ignore[misc]
    assert analysis == analyze("Hi")
    assert hash(analysis) == hash(analyze("Hi"))
    assert analysis != analyze("Ho")
    assert repr(analysis) == (
        "SmsAnalysis(encoding='gsm7', part_count=1, units_per_part=160, units_used=2, "
        "units_left=158, locking_shift=None, single_shift=None)"
    )
    assert "turkish" in repr(analyze("€" * 100, languages=["turkish"]))
    assert type(analysis).__module__ == "envoi.sms"


def test_max_parts_limits_the_parts() -> None:
    with pytest.raises(envoi.SmsError) as info:
        analyze("a" * 200, max_parts=1)
    assert info.value.code == "sms.too_many_parts"
    assert "max_parts" in str(info.value)
    assert analyze("a" * 200, max_parts=2).part_count == 2
    assert analyze("a" * 153 * 255, max_parts=255).part_count == 255


@pytest.mark.parametrize("max_parts", [0, -1, 256, 2**31, 2**32 + 1, 2**63, 2**70, -(2**70)])
def test_max_parts_out_of_range_is_an_envoi_error_not_overflow(max_parts: int) -> None:
    with pytest.raises(envoi.SmsError) as info:
        analyze("hi", max_parts=max_parts)
    assert info.value.code == "sms.invalid_max_parts"
    assert not isinstance(info.value, OverflowError)
    assert "255" in str(info.value)


@pytest.mark.parametrize(
    ("reference", "bits"),
    [(256, 8), (-1, 8), (65536, 16), (2**70, 8), (-(2**70), 16), (1, 12), (1, 2**70)],
)
def test_invalid_reference_is_an_envoi_error(reference: int, bits: int) -> None:
    with pytest.raises(envoi.SmsError) as info:
        analyze("hi", reference=reference, reference_bits=bits)
    assert info.value.code == "sms.invalid_reference"


def test_valid_references() -> None:
    assert analyze("hi", reference=255).part_count == 1
    assert analyze("hi", reference=65535, reference_bits=16).part_count == 1


def test_unknown_language() -> None:
    with pytest.raises(envoi.SmsError) as info:
        analyze("hi", languages=["klingon"])
    assert info.value.code == "sms.unknown_language"
    assert "klingon" in str(info.value)


def test_wrong_argument_types_are_type_errors() -> None:
    with pytest.raises(TypeError):
        analyze("hi", max_parts=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        analyze("hi", languages="turkish")
    with pytest.raises(TypeError):
        analyze(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        analyze("hi", 3)  # type: ignore[call-arg, arg-type]
