"""The `ficlens` command line.

    ficlens analyze WORK...            readable summary per work
    ficlens analyze WORK --format json the JSON document on stdout (-o FILE to write it)
    ficlens analyze DIR --format jsonl -j 0  every work in DIR, one line each, all cores;
                                       a bad work is an error line, not a crash
    ficlens eval pdnc|litbank|tagged|all DIR
    ficlens kb list | kb show NAME | kb learn DIR
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from .errors import FiclensError


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except FiclensError as exc:
        print(f"ficlens: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `ficlens analyze x | head`: the reader left, that's fine
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="ficlens", description="Reads fan fiction and tells you what is in it.")
    parser.add_argument("--version", action="version", version=f"ficlens {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    analyze = commands.add_parser("analyze", help="analyse one or more works")
    analyze.add_argument("paths", nargs="+", help="files (txt, md, html, epub) or folders of them; '-' reads stdin")
    analyze.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
    analyze.add_argument("-o", "--output", help="write here instead of stdout")
    analyze.add_argument("--include-text", action="store_true", help="add the extracted text to the JSON")
    analyze.add_argument("--kb", action="append", default=[], help="extra knowledge-base directory (repeatable)")
    analyze.add_argument("-j", "--jobs", type=int, default=1,
                         help="worker processes for a batch (0: one per core); output stays in input order")
    analyze.set_defaults(run=_run_analyze)

    evaluate = commands.add_parser("eval", help="measure accuracy on a benchmark")
    evaluate.add_argument("bench", choices=("pdnc", "litbank", "litbank-entities", "litbank-quotes", "tagged", "characters", "all"))
    evaluate.add_argument("path", help="the benchmark folder (e.g. ../shared/bench/pdnc)")
    evaluate.add_argument("--limit", type=int, help="only the first N items")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.add_argument("--split", choices=("dev", "test", "all"), help="tagged: the dev (even work id) or test (odd) half")
    evaluate.add_argument("--no-kb", action="store_true",
                          help="without the built-in fandom knowledge base (e.g. PDNC novels that are AO3 fandoms)")
    evaluate.set_defaults(run=_run_eval)

    kb = commands.add_parser("kb", help="the fandom knowledge base")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True)
    kb_list = kb_commands.add_parser("list", help="list the fandoms")
    kb_list.add_argument("--kb", action="append", default=[])
    kb_list.set_defaults(run=_run_kb)
    kb_show = kb_commands.add_parser("show", help="print one fandom's entry")
    kb_show.add_argument("name")
    kb_show.add_argument("--kb", action="append", default=[])
    kb_show.set_defaults(run=_run_kb)
    kb_learn = kb_commands.add_parser("learn", help="build KB entries from your own tagged works")
    kb_learn.add_argument("directory")
    kb_learn.add_argument("-o", "--output", default="ficlens-kb", help="directory to write the entries to")
    kb_learn.set_defaults(run=_run_kb)
    return parser


def _run_analyze(args: argparse.Namespace) -> int:
    from .batch import analyse_all, default_jobs, expand

    paths = expand(args.paths)
    if not paths:
        raise FiclensError("no works found (looked for .txt, .md, .html, .epub files)")
    jobs = default_jobs() if args.jobs == 0 else args.jobs
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    failures = 0
    try:
        for outcome in analyse_all(paths, fmt=args.format, include_text=args.include_text, jobs=jobs,
                                   kb_directories=tuple(args.kb)):
            if outcome.error is not None:
                failures += 1
                print(f"ficlens: {outcome.path}: {outcome.error}", file=sys.stderr)
                if args.format == "jsonl":
                    print(outcome.error_line(), file=out)
            else:
                print(outcome.output, file=out)
    finally:
        if out is not sys.stdout:
            out.close()
    return 2 if failures == len(paths) else (1 if failures else 0)


def _run_eval(args: argparse.Namespace) -> int:
    import os

    from .evaluation import run_benchmark

    if args.split:
        os.environ["FICLENS_SPLIT"] = args.split
    if args.no_kb:
        os.environ["FICLENS_NO_BUILTIN_KB"] = "1"
    return run_benchmark(args.bench, Path(args.path), limit=args.limit, as_json=args.json)


def _run_kb(args: argparse.Namespace) -> int:
    from . import kb

    return kb.run_command(args)


if __name__ == "__main__":
    raise SystemExit(main())
