"""Hostile command lines for every ``redline`` command: the grammar shared by the bounded test
(tests/test_cli_hostile.py) and the large fuzz script (scripts/fuzz_cli.py).

Each command is described by its positional arguments and options, each with a *kind*; every kind has
well-formed values (so a command line can reach deep into the command) and hostile ones (garbage,
wrong encoding, a directory, a missing file, NaN, inf, 1e308, negative or huge seeds, empty strings).
The contract under test: exit code 0 or 2, never a traceback, ``error: …`` on one line when 2.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def hostile_files(folder: Path) -> dict[str, Path]:
    """Write the hostile input files into ``folder`` and return them by name."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "garbage": folder / "garbage.bin",
        "utf16": folder / "utf16.toml",
        "empty": folder / "empty.csv",
        "deep": folder / "deep.toml",
        "huge_numbers": folder / "huge.toml",
        "csv_nan": folder / "nan.csv",
        "csv_huge": folder / "huge.csv",
        "directory": folder / "a_directory",
        "missing": folder / "does-not-exist.toml",
    }
    files["garbage"].write_bytes(bytes(range(256)) * 8)
    files["utf16"].write_text('[scenario]\nname = "x"\n', encoding="utf-16")
    files["empty"].write_text("")
    files["deep"].write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    files["huge_numbers"].write_text(
        '[scenario]\nname = "x"\n[run]\ndraws = 1e308\nseed = 18446744073709551616\n'
    )
    files["csv_nan"].write_text(
        "actor,position,capability,salience,weight,player,iso3,population\n"
        "A,nan,inf,nan,nan,A,POL,nan\nB,1e308,1e308,1,1e308,B,DEU,-1\n"
    )
    files["csv_huge"].write_text(
        "actor,position,capability,salience,player,weight\n"
        + "".join(f"a{i},{i % 100},1e300,1,a{i},{2**62}\n" for i in range(3))
    )
    files["directory"].mkdir(exist_ok=True)
    return files


# Well-formed values per kind (paths relative to the repository root).
GOOD = {
    "scenario": ["scenarios/nato-2024.toml"],
    "ladder": ["examples/ladders/kursk.toml"],
    "actors_csv": ["examples/bargaining/ec_car_emissions_1994.csv"],
    "case": ["backtest/cases/nato_no_fly_zone_2022.toml"],
    "cases_dir": ["backtest/cases"],
    "year": ["2024", "2022"],
    "seed": ["0", "7"],
    "draws": ["0", "16"],
    "int": ["1", "3"],
    "float": ["0.5", "10"],
    "iso3": ["POL", "EST"],
    "str": ["NATO"],
    "html": ["{tmp}/out.html"],
    "folder": ["{tmp}/out"],
    "store": ["{tmp}/store.duckdb"],
}

# Hostile values per kind; {file:NAME} names a file written by hostile_files.
HOSTILE = {
    "path": [
        "{file:garbage}", "{file:utf16}", "{file:empty}", "{file:deep}", "{file:huge_numbers}",
        "{file:directory}", "{file:missing}", "{file:csv_nan}", "{file:csv_huge}", "",
    ],
    "int": ["-1", "0", "-99999999999999999999", "99999999999999999999", "nan", "abc", ""],
    "seed": ["-1", "18446744073709551616", "99999999999999999999999", "1e3", "nan", ""],
    "float": ["nan", "inf", "-inf", "1e308", "-1e308", "-1", "0", "abc", ""],
    "str": ["", "x" * 500, "<script>alert(1)</script>", "../../etc/passwd", "NaN", "\u202e", "' OR 1=1 --"],
    "html": ["{file:directory}", "/nonexistent/dir/x.html", "{file:garbage}"],
    "folder": ["{file:garbage}", "/nonexistent/\0dir"],
    "store": ["{file:garbage}", "{file:directory}", "{file:utf16}"],
}


def hostile_of(kind: str) -> list[str]:
    if kind in HOSTILE:
        return HOSTILE[kind]
    if kind in {"scenario", "ladder", "actors_csv", "case", "cases_dir"}:
        return HOSTILE["path"]
    if kind in {"year", "draws"}:
        return HOSTILE["int"] + ["100000", "1900"]
    if kind == "iso3":
        return HOSTILE["str"] + ["RUS", "ZZZ"]
    return HOSTILE["str"]


# Options a command cannot run without (well-formed, always given before the hostile one).
REQUIRED: dict[str, list[str]] = {
    "decide": ["--rule", "nato-consensus", "--status-quo", "10", "--proposal", "60"],
    "power weighted": ["--quota", "2"],
    "deter": ["--year", "2024", "--target", "EST"],
}

# command -> (positional kinds, {option: kind}); kept small enough to run every value once.
COMMANDS: dict[str, tuple[list[str], dict[str, str]]] = {
    "world": (["year"], {"--columns": "str", "--members": "str", "--date": "str"}),
    "data show": (["str"], {"--year": "year", "--limit": "int", "--country": "iso3"}),
    "data sql": (["str"], {}),
    "data provenance": (["str"], {}),
    "decide": (
        ["actors_csv"],
        {"--rule": "str", "--status-quo": "float", "--proposal": "float", "--threshold": "float",
         "--states-pct": "float", "--population-pct": "float", "--blocking-minority": "int"},
    ),
    "power weighted": (["actors_csv"], {"--quota": "float"}),
    "power eu-qmv": ([], {"--year": "year", "--states-pct": "float", "--population-pct": "float"}),
    "bargain": (
        ["actors_csv"],
        {"--max-rounds": "int", "--draws": "draws", "--seed": "seed", "--threshold": "float",
         "--position-sd": "float", "--scale": "str", "--status-quo": "float"},
    ),
    "deter": (
        [],
        {"--year": "year", "--target": "iso3", "--draws": "draws", "--seed": "seed", "--lever": "str",
         "--lever-file": "path", "--param": "str", "--w-concentration": "float", "--a-sigma": "float",
         "--restraint": "ladder", "--sigma-steps": "int", "--nuclear-weight": "float"},
    ),
    "escalate": (["ladder"], {"--steps": "int", "--draws": "draws", "--seed": "seed", "--html": "html"}),
    "burden": ([], {"--year": "year", "--seed": "seed", "--plot": "html", "--members": "str"}),
    "alignment": ([], {"--with": "iso3", "--year": "year", "--plot": "html", "--sort": "str"}),
    "factions": ([], {"--year": "year", "--seed": "seed", "--height": "float", "--min-votes": "int"}),
    "claims": ([], {"--year": "year", "--seed": "seed", "--claim": "str"}),
    "validate": (["scenario"], {}),
    "runs": ([], {"--store": "store"}),
    "show": (["str"], {"--store": "store"}),
    "forecast": (["case"], {"--draws": "draws", "--seed": "seed"}),
    "backtest": (["cases_dir"], {"--draws": "draws", "--seed": "seed", "--plot": "html"}),
}


def good_of(kind: str) -> str:
    return GOOD.get(kind, ["x"])[0]


def expand(value: str, tmp: Path, files: dict[str, Path]) -> str:
    if value.startswith("{file:"):
        return str(files[value[6:-1]])
    return value.replace("{tmp}", str(tmp))


def hostile_command_lines(tmp: Path, files: dict[str, Path]) -> list[list[str]]:
    """Every command with one argument hostile at a time and the rest well-formed."""
    lines: list[list[str]] = []
    for command, (positionals, options) in COMMANDS.items():
        base = command.split()
        good_pos = [expand(good_of(k), tmp, files) for k in positionals] + REQUIRED.get(command, [])
        for i, kind in enumerate(positionals):
            for bad in hostile_of(kind):
                pos = list(good_pos)
                pos[i] = expand(bad, tmp, files)
                lines.append(base + pos)
        for option, kind in options.items():
            for bad in hostile_of(kind):
                lines.append(base + good_pos + [option, expand(bad, tmp, files)])
    return lines
