"""The benchmarks' output: one Markdown table of figures, then the setup they were measured on."""

import statistics
from dataclasses import dataclass, field

NOT_MEASURED = "not measured"
CELL_HEAD_CHARACTERS = 150
CELL_TAIL_CHARACTERS = 350


@dataclass(frozen=True)
class Row:
    benchmark: str
    figure: str
    result: str
    notes: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    setup: list[str] = field(default_factory=list)

    def add(self, benchmark: str, figure: str, result: str, notes: str = "") -> None:
        self.rows.append(Row(benchmark, figure, result, notes))

    def not_measured(self, benchmark: str, reason: str, figure: str = "all its figures") -> None:
        self.add(benchmark, figure, NOT_MEASURED, reason)

    def note(self, line: str) -> None:
        self.setup.append(line)

    def markdown(self) -> str:
        lines = [
            "| Benchmark | Figure | Result | Notes |",
            "|---|---|---|---|",
            *(
                "| "
                + " | ".join(
                    cell(text) for text in (row.benchmark, row.figure, row.result, row.notes)
                )
                + " |"
                for row in self.rows
            ),
        ]
        if self.setup:
            lines += ["", *(f"- {line}" for line in self.setup)]
        return "\n".join(lines)


def cell(text: str) -> str:
    """One table cell: on one line, no column breaks; a long failure keeps its start (what was
    run) and its end (where the error or the test summary is)."""
    text = " ".join(text.split()).replace("|", "\\|")
    if len(text) <= CELL_HEAD_CHARACTERS + CELL_TAIL_CHARACTERS:
        return text
    return f"{text[:CELL_HEAD_CHARACTERS]} … {text[-CELL_TAIL_CHARACTERS:]}"


def seconds_spread(samples: list[float]) -> str:
    """Median and range of timings: "2.14 s (2.05-2.31)"."""
    median = statistics.median(samples)
    if len(samples) == 1:
        return f"{median:.2f} s (1 run)"
    return f"{median:.2f} s ({min(samples):.2f}-{max(samples):.2f})"


def milliseconds(value: float) -> str:
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def goal_mark(met: bool) -> str:
    """Appended to a goal or budget in a row's notes: nothing when met."""
    return "" if met else " — NOT MET"
