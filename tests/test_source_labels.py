"""Source labels of personnel figures name the figure's year once (was "Felgenhauer estimate 2008 2008")."""

from redline.deterrence.challenger import personnel, source_label


def test_source_labels_do_not_repeat_the_year() -> None:
    assert source_label("Felgenhauer estimate 2008", 2008) == "Felgenhauer estimate 2008"
    assert source_label("Statista for The Independent, Feb 2022", 2022) == "Statista for The Independent, Feb 2022"
    assert source_label("NATO Table 7", 2023) == "NATO Table 7 2023"
    assert source_label("IISS Military Balance 2020", 2019) == "IISS Military Balance 2020 2019"
    assert personnel("GEO", "2024-06-30")[1] == "Felgenhauer estimate 2008"
    assert personnel("RUS", "2024-06-30")[1] == "Statista for The Independent, Feb 2022"
