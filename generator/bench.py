"""Benchmark: make N realistic dossiers, then time parse, link, render and the MkDocs build.

Run with ``make bench`` (N=1000 and N=10000) or ``make bench N=50000``. The dossiers are drawn
from the shapes of the real ones in ``dossiers/``: their members, offices, questions, answers and
footnotes are recombined (seeded, so every run makes the same set) and written out as the raw text
the parser reads, in the PDF layout of written questions (kv-tk) or of the Aanhangsel with answers.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.model import Dossier
from generator.parse import load_folder

ROOT = Path(__file__).resolve().parent.parent
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()


@dataclass(frozen=True, kw_only=True)
class Material:
    """The pieces of real dossiers that synthetic ones are made of."""

    members: tuple[str, ...]  # "Van Nispen (SP)"
    offices: tuple[str, ...]  # "Minister van Justitie en Veiligheid"
    officials: tuple[str, ...]  # "Staatssecretaris Coenradie (Justitie en Veiligheid)"
    titles: tuple[str, ...]
    questions: tuple[str, ...]
    answers: tuple[str, ...]
    footnotes: tuple[str, ...]


def gather(dossiers: Sequence[Dossier]) -> Material:
    def plain(text: str) -> str:
        return _strip_markers(text).replace("\n\n", " ")

    return Material(
        members=tuple(sorted({f"{m.name} ({m.party})" for d in dossiers for m in d.submitters if m.party})),
        offices=tuple(sorted({a.office for d in dossiers for a in d.addressees})),
        officials=tuple(
            sorted(
                {
                    f"{o.office} {o.name} ({o.portfolio})"
                    for d in dossiers
                    for o in d.answered_by
                    if o.portfolio
                }
            )
        ),
        titles=tuple(sorted({d.title for d in dossiers if d.submitters})),
        questions=tuple(sorted({plain(q.text) for d in dossiers for q in d.questions})),
        answers=tuple(sorted({plain(a.text) for d in dossiers for a in d.answers})),
        footnotes=tuple(sorted({f.text for d in dossiers for f in d.footnotes})),
    )


def _strip_markers(text: str) -> str:
    return re.sub(r"\[\^\d+\]", "", text)


@dataclass
class Issued:
    """What the synthetic dossiers made so far hold that must stay unique: the Aanhangsel numbers of
    each session (from 1, as the Kamer counts, so never more than four digits), and the submissions
    (day and members). Two documents of one submission are one question set where they share a
    subject or a first question, and the pieces of real dossiers they are made of often do."""

    aanhangsel: Counter[str] = field(default_factory=Counter)
    submissions: set[tuple[object, ...]] = field(default_factory=set)


def synthetic_text(material: Material, rng: random.Random, index: int, issued: Issued) -> tuple[str, str]:
    """The file name and raw text of one synthetic dossier."""
    while True:
        year = rng.choice(range(2005, 2026))
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        members = rng.sample(material.members, k=min(len(material.members), rng.choice((1, 1, 1, 2, 2, 3))))
        submission = (year, month, day, frozenset(member.rpartition(" (")[0] for member in members))
        if submission not in issued.submissions:
            issued.submissions.add(submission)
            break
    session = f"{year}-{year + 1}" if month >= 9 else f"{year - 1}-{year}"
    title = rng.choice(material.titles)
    offices = rng.sample(material.offices, k=rng.choice((1, 1, 2)))
    footnotes = rng.sample(material.footnotes, k=rng.choice((0, 1, 2, 3)))
    question_count = rng.randint(2, 12)
    answered = rng.random() < 0.5
    who = " en ".join(members) if len(members) < 3 else ", ".join(members[:-1]) + " en " + members[-1]
    lid = "het lid" if len(members) == 1 else "de leden"
    header = (
        f"Vragen van {lid} {who} aan de {' en de '.join(offices)} over {title} "
        f"(ingezonden {day} {MONTHS[month - 1]} {year})."
    )
    lines: list[str] = []
    zaak = f"{year}Z{index % 100000:05d}"
    if answered:
        issued.aanhangsel[session] += 1
        number = issued.aanhangsel[session]
        lines += [
            "Tweede Kamer der Staten-Generaal2",
            f"Vergaderjaar {session.replace('-', '–')} Aanhangsel van de Handelingen",
            "Vragen gesteld door de leden der Kamer, met de daarop door de",
            "regering gegeven antwoorden",
            str(number),
        ]
        lines += _wrap(header)
        received_day = min(day + 21, 28)
        lines += _wrap(
            f"Antwoord van {rng.choice(material.officials)} (ontvangen {received_day} {MONTHS[month - 1]} {year})."
        )
        name = f"ah-tk-{session.replace('-', '')}-{number}.txt"
    else:
        lines += [
            "Tweede Kamer der Staten-Generaal2",
            f"Vergaderjaar {session.replace('-', '–')} Vragen gesteld door de leden der Kamer",
            zaak,
        ]
        lines += _wrap(header)
        name = f"{zaak}.txt"
    marker = 1
    for question in range(1, question_count + 1):
        text = rng.choice(material.questions)
        if marker <= len(footnotes) and rng.random() < 0.4:
            text = text.rstrip() + str(marker)
            marker += 1
        lines += [f"Vraag {question}", *_wrap(text)]
        if answered:
            lines += [f"Antwoord {question}", *_wrap(rng.choice(material.answers))]
    for number, footnote in enumerate(footnotes[: marker - 1], start=1):
        lines += _wrap(f"{number}{footnote}")
    lines.append(name.removesuffix(".txt") if answered else f"kv-tk-{zaak}")
    lines.append(f"’s-Gravenhage {year} Tweede Kamer, vergaderjaar {session.replace('-', '–')}, Vragen 1")
    return name, "\n".join(lines) + "\n"


def _wrap(text: str) -> list[str]:
    """Lines of about the width of the official PDFs, long words hyphenated at a line end now and then."""
    return textwrap.wrap(text, width=78, break_long_words=False, break_on_hyphens=False) or [""]


def make_dossiers(folder: Path, count: int, *, seed: int = 2026) -> None:
    material = gather(load_folder(ROOT / "dossiers"))
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    issued = Issued()
    for index in range(count):
        name, text = synthetic_text(material, rng, index, issued)
        (folder / name).write_text(text, encoding="utf-8")
        _progress("making dossiers", index + 1, count)


def _progress(what: str, done: int, total: int) -> None:
    if done == total or done % max(1, total // 20) == 0:
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r{what:>18} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


@dataclass(frozen=True, kw_only=True)
class Row:
    count: int
    parse: float  # in the build, cold: nothing cached, every core
    link: float
    render: float
    build: float  # the whole `mkdocs build`, the generator's share included
    rebuild_generator: float  # after one dossier changed, in `mkdocs serve --dirty`
    rebuild: float
    peak_mb: float
    peak_helper_mb: float  # the largest process the build started: a parse worker or Pagefind
    site_mb: float
    search_kb: float
    search_engine: str  # "lunr": the whole index is fetched; "Pagefind": a query fetches a part

    @property
    def generator(self) -> float:
        return self.parse + self.link + self.render

    def share(self, *, of_rest: bool) -> float:
        """The generator's seconds in percent of the build's (the issue's measure), or of the rest of it:
        what MkDocs, Material and the search index take besides."""
        return 100 * self.generator / max(self.build - self.generator if of_rest else self.build, 1e-9)

    def cells(self) -> list[str]:
        return [
            f"{self.count:,}",
            f"{self.parse:.1f} s",
            f"{self.link:.1f} s",
            f"{self.render:.1f} s",
            f"{self.build:.1f} s",
            f"{self.share(of_rest=False):.0f}% ({self.share(of_rest=True):.0f}%)",
            f"{self.rebuild_generator:.2f} s / {self.rebuild:.1f} s",
            f"{self.peak_mb:,.0f} MB + {self.peak_helper_mb:,.0f} MB",
            f"{self.site_mb:,.0f} MB",
            f"{self.search_kb:,.0f} KB ({self.search_engine})",
        ]


HEADERS = [
    "dossiers",
    "parse",
    "link",
    "render",
    "MkDocs build",
    "generator / MkDocs build (/ the rest of it)",
    "rebuild after one change (generator / all)",
    "peak memory (build + largest helper process)",
    "site size",
    "search index (all files)",
]


def run(count: int, workdir: Path) -> Row:
    dossiers_dir = workdir / "dossiers"
    make_dossiers(dossiers_dir, count)
    project = workdir / "project"
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    config = (
        (ROOT / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("dossiers: dossiers", f"dossiers: {dossiers_dir}")
    )
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = workdir / "site"
    sys.stderr.write(f"{'building':>18} {count:,} dossiers with MkDocs...\n")
    # A process of its own, so that its peak memory is the build's alone.
    command = [sys.executable, "-m", "generator.bench", "--measure-build", str(project), str(site)]
    measured = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    site_bytes = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    search_index = site / "search" / "search_index.json"
    pagefind = [path for path in (site / "pagefind").rglob("*") if path.is_file()]
    return Row(
        count=count,
        parse=measured["build"]["parse"],
        link=measured["build"]["link"],
        render=measured["build"]["render"],
        build=measured["build"]["total"],
        rebuild_generator=sum(measured["rebuild"][step] for step in ("parse", "link", "render")),
        rebuild=measured["rebuild"]["total"],
        peak_mb=measured["peak_kb"] / 1024,
        peak_helper_mb=measured["peak_helper_kb"] / 1024,
        site_mb=site_bytes / 1e6,
        search_kb=(
            search_index.stat().st_size
            if search_index.exists()
            else sum(path.stat().st_size for path in pagefind)
        )
        / 1e3,
        search_engine="lunr" if search_index.exists() else "Pagefind",
    )


def measure_build(project: Path, site: Path) -> dict[str, object]:
    """A cold `mkdocs build` of the project, then the rebuild `mkdocs serve --dirty` makes after one
    dossier changed; with the generator's own seconds of each, from its plugin."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def timed_build() -> dict[str, float]:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        started = time.perf_counter()
        build(config, dirty=True)
        total = time.perf_counter() - started
        return {**config.plugins["generator"].seconds, "total": total}

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    first = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    # As `mkdocs serve --dirty` starts: the plugin keeps its state between the two builds.
    first.plugins.on_startup(command="serve", dirty=True)
    with _ChildrenPeak() as helpers:
        full = timed_build()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Pagefind indexes while the build still holds its memory, so the machine needs both at once.
    peak_helper_kb = helpers.peak_kb
    files = sorted(Path(first.plugins["generator"].config.dossiers).iterdir())
    for changed in (files[len(files) // 3], files[2 * len(files) // 3]):
        text = changed.read_text(encoding="utf-8")
        changed.write_text(text.replace("\nVraag 1\n", "\nVraag 1\nGraag een reactie. ", 1), encoding="utf-8")
        # The second change is the one reported: the first also loads the dictionaries into this
        # process (the cold build parsed in worker processes), which an editor waits for once.
        rebuild = timed_build()
    first.plugins.on_shutdown()
    return {"build": full, "rebuild": rebuild, "peak_kb": peak_kb, "peak_helper_kb": peak_helper_kb}


class _ChildrenPeak:
    """The largest peak resident memory (VmHWM) of this process's children while it runs.

    Not RUSAGE_CHILDREN: a child started from a large process gets that process's peak counted as
    its own (the kernel carries it over when the child executes another program), so at 50,000
    dossiers Pagefind seemed as large as the build. VmHWM only grows, so reading it every half
    second finds a child's peak unless the child ends within that half second of reaching it.

    The reading is done by a process of its own (`watch_children`), not a thread: the build forks
    workers to link and render only in a process without other threads (`generator.parallel`), and
    a thread here would have measured a build on one core.
    """

    def __init__(self) -> None:
        self.peak_kb = 0
        self._watcher: subprocess.Popen[str] | None = None

    def __enter__(self) -> _ChildrenPeak:
        command = [sys.executable, "-m", "generator.bench", "--watch-children", str(os.getpid())]
        self._watcher = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._watcher is not None
        self._watcher.terminate()
        readings = self._watcher.communicate()[0].split()
        self.peak_kb = int(readings[-1]) if readings else 0


def watch_children(parent: int) -> None:
    """Print the largest VmHWM of `parent`'s other children, a line each time it grows, until stopped."""
    me, parent_pid = str(os.getpid()), str(parent)
    peak_kb = 0
    while True:
        time.sleep(0.5)
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            except OSError:
                continue  # ended meanwhile
            if fields.get("PPid", "").strip() != parent_pid or fields.get("Pid", "").strip() == me:
                continue
            child_peak_kb = int(fields["VmHWM"].split()[0]) if "VmHWM" in fields else 0
            if child_peak_kb > peak_kb:
                peak_kb = child_peak_kb
                print(peak_kb, flush=True)


def markdown_table(rows: Sequence[Row]) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bench", description=__doc__)
    parser.add_argument("counts", type=int, nargs="*", help="numbers of dossiers, e.g. 1000 10000")
    parser.add_argument("--measure-build", nargs=2, metavar=("PROJECT", "SITE"), help=argparse.SUPPRESS)
    parser.add_argument("--watch-children", type=int, metavar="PID", help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.watch_children:
        watch_children(arguments.watch_children)
    if arguments.measure_build:
        print(json.dumps(measure_build(*map(Path, arguments.measure_build))))
        return 0
    rows = []
    for count in arguments.counts:
        with tempfile.TemporaryDirectory(prefix="kamervragen-bench-") as workdir:
            rows.append(run(count, Path(workdir)))
        print(markdown_table(rows[-1:]).splitlines()[-1], file=sys.stderr)
    print(markdown_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
