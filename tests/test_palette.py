"""The course's colours stay apart for readers with the common colour-vision deficiencies.

Each colour is passed through the simulation of Machado, Oliveira & Fernandes (2009, "A
physiologically-based model for simulation of color vision deficiency", IEEE TVCG 15(6)) at full
severity for protanopia, deuteranopia and tritanopia. The matrices act on linear RGB. Two
simulated colours are then compared with the CIEDE2000 colour difference (Sharma, Wu & Dalal,
2005), in CIELAB under D65. About 2 is a just-noticeable difference for patches side by side;
chart marks are small and far apart, so the course asks for at least MIN_DELTA_E.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from balancing_act.course.vocabulary import ALIGNMENT_COLOURS, OKABE_ITO

MIN_DELTA_E = 10.0

#: Machado et al. (2009), severity 1.0, for linear RGB.
SIMULATIONS = {
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritanopia": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}
VISIONS = ["typical", *SIMULATIONS]

# sRGB (linear) to CIE XYZ, and the D65 white point.
SRGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
D65 = np.array([0.95047, 1.0, 1.08883])


def linear_rgb(hex_colour: str) -> np.ndarray:
    channels = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)


def seen_as(hex_colour: str, vision: str) -> np.ndarray:
    """The colour in CIELAB, as a reader with ``vision`` sees it."""
    rgb = linear_rgb(hex_colour)
    if vision != "typical":
        rgb = np.clip(SIMULATIONS[vision] @ rgb, 0.0, 1.0)
    t = (SRGB_TO_XYZ @ rgb) / D65
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e_2000(lab1, lab2) -> float:
    """CIEDE2000 difference between two CIELAB colours (kL = kC = kH = 1)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360
    h2 = math.degrees(math.atan2(b2, a2)) % 360
    dl, dc = l2 - l1, c2 - c1
    if c1 * c2 == 0:
        dh_angle = 0.0
    else:
        dh_angle = h2 - h1
        if dh_angle > 180:
            dh_angle -= 360
        elif dh_angle < -180:
            dh_angle += 360
    dh = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh_angle / 2))
    l_mean, c_mean = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    rotation = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    rc = 2 * math.sqrt(c_mean**7 / (c_mean**7 + 25**7))
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc = 1 + 0.045 * c_mean
    sh = 1 + 0.015 * c_mean * t
    rt = -math.sin(math.radians(2 * rotation)) * rc
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dh / sh) ** 2 + rt * (dc / sc) * (dh / sh))


def too_close(colours, vision: str, minimum: float = MIN_DELTA_E) -> list[tuple[str, str, float]]:
    """Pairs of ``colours`` that a reader with ``vision`` could mistake for each other."""
    seen = {colour: seen_as(colour, vision) for colour in colours}
    pairs = []
    for first, second in itertools.combinations(colours, 2):
        difference = delta_e_2000(seen[first], seen[second])
        if difference < minimum:
            pairs.append((first, second, round(difference, 1)))
    return pairs


# --- the instruments are right ------------------------------------------------------------------


@pytest.mark.parametrize(
    "lab1, lab2, expected",
    [  # pairs 1, 7 and 17 of the test data published with Sharma, Wu & Dalal (2005)
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ],
)
def test_delta_e_2000_matches_the_published_test_data(lab1, lab2, expected):
    assert delta_e_2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_white_is_lab_100_and_simulations_leave_greys_grey():
    assert seen_as("#FFFFFF", "typical") == pytest.approx([100, 0, 0], abs=0.05)
    for vision in SIMULATIONS:
        assert delta_e_2000(seen_as("#999999", vision), seen_as("#999999", "typical")) < 0.5


# --- the course's colours pass ------------------------------------------------------------------


@pytest.mark.parametrize("vision", VISIONS)
def test_alignment_colours_stay_distinguishable(vision):
    assert too_close(list(ALIGNMENT_COLOURS.values()), vision) == []


@pytest.mark.parametrize("vision", VISIONS)
def test_the_okabe_ito_category_palette_stays_distinguishable(vision):
    assert too_close(list(OKABE_ITO), vision) == []


# --- and the check fails where it should ------------------------------------------------------


@pytest.mark.parametrize(
    "pair, vision",
    [
        (("#D62728", "#2CA02C"), "deuteranopia"),  # a common chart red and green
        (("#FF0000", "#00A000"), "deuteranopia"),
        (("#009966", "#0099CC"), "tritanopia"),  # green and blue, confused in tritanopia
    ],
)
def test_a_pair_that_only_typical_vision_tells_apart_is_caught(pair, vision):
    assert too_close(list(pair), "typical") == [], "the two are far apart for typical vision"
    assert too_close(list(pair), vision) != []


def test_replacing_an_alignment_colour_with_red_green_fails():
    broken = dict(ALIGNMENT_COLOURS, toward_russia="#D62728", toward_west="#2CA02C")
    assert too_close(list(broken.values()), "deuteranopia") != []
