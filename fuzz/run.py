"""Fuzz one target with atheris: ``python -m fuzz.run TARGET [libFuzzer flags]``.

The seeds are written to ``out/fuzz/corpus/TARGET`` (libFuzzer adds what it
finds there) and crashes to ``out/fuzz/crashes/TARGET-*``. Reproduce a crash
with ``python -m fuzz.run TARGET out/fuzz/crashes/TARGET-crash-...``.
"""

from __future__ import annotations

import hashlib
import importlib
import sys

from fuzz import TARGETS
from fuzz.seeds import REPO

PARSERS = {
    "text": ("yaml",),
    "front_matter": ("yaml",),
    "scenario": ("yaml",),
    "html": ("trafilatura", "htmldate", "courlan", "justext"),
    "pdf": ("pypdf",),
}
"""Libraries instrumented with corridor for coverage, per target."""
MAX_LEN = {"pdf": 65536, "html": 32768, "text": 16384, "extract": 8192}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: python -m fuzz.run {{{','.join(TARGETS)}}} [flags]")
    name = sys.argv[1]
    import atheris

    # Coverage comes from corridor and the parsers the target names; spaCy,
    # numpy and scipy stay uninstrumented (instrumenting all of them takes
    # minutes and measures nothing of ours).
    with atheris.instrument_imports(include=["corridor", *PARSERS.get(name, ())]):
        module = importlib.import_module(f"fuzz.fuzz_{name}")
        module.warm_up()  # imports what the reader loads lazily
    corpus = REPO / "out" / "fuzz" / "corpus" / name
    crashes = REPO / "out" / "fuzz" / "crashes"
    corpus.mkdir(parents=True, exist_ok=True)
    crashes.mkdir(parents=True, exist_ok=True)
    for seed in module.seeds():
        (corpus / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
    flags = sys.argv[2:]
    given_inputs = [f for f in flags if not f.startswith("-")]
    argv = [sys.argv[0], *flags]
    if not given_inputs:
        argv += [
            f"-max_len={MAX_LEN.get(name, 8192)}",
            "-timeout=20",
            "-rss_limit_mb=2048",
            f"-artifact_prefix={crashes}/{name}-",
            "-print_final_stats=1",
            str(corpus),
        ]
    atheris.Setup(argv, module.one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
