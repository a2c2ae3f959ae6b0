"""Command line: `python -m builder build | annotate | check | serve`.

Exit codes: 0 success, 1 the build failed (a `BuilderError`: one line, no traceback),
2 a usage error. Problems go to stderr, one line each, naming the file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from builder import __version__, annotate, identity, ingest, pipeline, render
from builder.errors import BuilderError, UsageError
from builder.settings import PAGES_CACHE, Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULTS = Settings()


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        result: int = args.run(args)
        return result
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BuilderError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("error: interrupted; site/ was left as it was", file=sys.stderr)
        return EXIT_FAILED


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m builder",
        description="Briefings: build annotated news briefings from seeds/ into a MkDocs site.",
    )
    parser.add_argument("--version", action="version", version=f"briefings {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="annotate seeds/ and publish the site into site/",
        description="Annotate every seed and publish the site with MkDocs.",
    )
    add_input_options(build)
    add_output_options(build)
    build.add_argument("--strict", action="store_true", help="fail, publishing nothing, on any problem with a seed")
    add_model_options(build)
    build.set_defaults(run=run_build)

    annotate = commands.add_parser(
        "annotate",
        help="write the annotation JSON of articles",
        description="Annotate articles and write one <stem>.json per article.",
    )
    annotate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="seed files or folders of seeds")
    annotate.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the JSON files")
    annotate.add_argument("--strict", action="store_true", help="write nothing if any seed has a problem")
    add_model_options(annotate)
    annotate.set_defaults(run=run_annotate)

    check = commands.add_parser(
        "check",
        help="validate seeds and templates; writes nothing",
        description="Report every problem with seeds and templates, writing nothing.",
    )
    add_input_options(check)
    check.set_defaults(run=run_check)

    serve = commands.add_parser(
        "serve",
        help="live preview: build, serve site/, rebuild on every edit",
        description="Build, serve the site, and rebuild when seeds, templates or mkdocs.yml change.",
    )
    add_input_options(serve)
    add_output_options(serve)
    serve.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)")
    serve.set_defaults(run=run_serve)
    return parser


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """Where a site is written and how MkDocs builds it (`build`, `serve`)."""
    parser.add_argument(
        "--site", type=Path, default=DEFAULTS.site, metavar="DIR", help="output folder (default: site)"
    )
    parser.add_argument(
        "--config", type=Path, default=DEFAULTS.config, metavar="FILE", help="MkDocs configuration (default: mkdocs.yml)"
    )


def add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seeds", type=Path, default=DEFAULTS.seeds, metavar="DIR", help="folder of .txt/.md articles (default: seeds)"
    )
    parser.add_argument(
        "--templates", type=Path, default=DEFAULTS.templates, metavar="DIR", help="Jinja templates (default: templates)"
    )
    parser.add_argument(
        "--aliases",
        type=Path,
        default=DEFAULTS.aliases,
        metavar="FILE",
        help="actor names to merge or split across briefings, if the file exists (default: actors.yml)",
    )


def require_input_folders(args: argparse.Namespace) -> None:
    for name in ("seeds", "templates"):
        if not getattr(args, name).is_dir():
            raise UsageError(f"{getattr(args, name)}: {name} folder not found")


def add_model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="annotate every article again, ignoring the cache")
    parser.add_argument(
        "--model",
        default=DEFAULTS.model,
        metavar="NAME",
        help=f"installed spaCy model package (default: {DEFAULTS.model})",
    )
    parser.add_argument(
        "--jobs",
        type=positive_int,
        default=None,
        metavar="N",
        help="processes that annotate articles missing from the cache (default: one per CPU, at most 4)",
    )


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got '{text}'")
    return value


def jobs(args: argparse.Namespace) -> int:
    return int(args.jobs) if args.jobs is not None else annotate.default_jobs()


def report(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run_build(args: argparse.Namespace) -> int:
    require_input_folders(args)
    settings = Settings(
        seeds=args.seeds,
        site=args.site,
        templates=args.templates,
        aliases=args.aliases,
        config=args.config,
        strict=args.strict,
        force=args.force,
        model=args.model,
        jobs=jobs(args),
        pages=PAGES_CACHE,
    )
    result = pipeline.build(settings, report)
    print(f"built {result.articles} briefing(s), {result.pages} page(s) into {settings.site}")
    return EXIT_OK


def run_annotate(args: argparse.Namespace) -> int:
    settings = replace(Settings(), strict=args.strict, force=args.force, model=args.model, jobs=jobs(args))
    annotations, _ = pipeline.read(args.paths, settings, report)
    args.out.mkdir(parents=True, exist_ok=True)
    for annotation in annotations:
        target = args.out / f"{Path(annotation.article.source_path).stem}.json"
        target.write_text(json.dumps(annotation.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(annotations)} annotation(s) to {args.out}")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    require_input_folders(args)
    _, notices = ingest.ingest([args.seeds])
    problems = [str(n) for n in notices]
    problems += [str(e) for e in render.template_problems(render.environment(args.templates))]
    try:
        identity.load_aliases(args.aliases)
    except BuilderError as error:
        problems.append(str(error))
    for line in problems:
        report(line)
    print(f"checked {args.seeds} and {args.templates}: {len(problems)} problem(s)")
    return EXIT_FAILED if problems else EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    from builder import serve

    require_input_folders(args)
    settings = Settings(
        seeds=args.seeds, site=args.site, templates=args.templates, aliases=args.aliases, config=args.config,
        pages=PAGES_CACHE,
    )  # fmt: skip
    try:
        serve.serve(settings, report, args.host, args.port)
    except OSError as error:
        raise UsageError(f"cannot serve on {args.host}:{args.port}: {error.strerror}") from None
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    return EXIT_OK
