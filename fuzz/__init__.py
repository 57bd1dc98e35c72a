"""Fuzz targets for every reader and for the extractor (``make fuzz``).

Each ``fuzz_*.py`` module holds ``one_input(data: bytes)``, which feeds the
bytes to the public function the CLI uses and lets through only the error
type the project documents for bad input; any other exception, or a broken
invariant, is a finding. ``seeds()`` gives the starting corpus, made from
``examples/`` at run time. ``python -m fuzz.run TARGET`` fuzzes one target
with atheris; ``tests/test_fuzz_targets.py`` runs every ``one_input`` over its
seeds and hypothesis inputs without atheris, so the targets cannot rot.
"""

TARGETS = (
    "text",
    "html",
    "pdf",
    "witness_json",
    "witness_csv",
    "front_matter",
    "scenario",
    "extract",
)
