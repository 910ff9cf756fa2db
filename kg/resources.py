"""Files that ship with the package: ontology/ and queries/.

In a wheel they live inside the package (kg/ontology, kg/queries, see
pyproject.toml); in a source checkout they are the folders at the top of the
repository. Either way they are read through importlib.resources.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path


def data_dir(name: str) -> Traversable:
    packaged = resources.files("kg").joinpath(name)
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"kg is installed without its {name}/ folder")


def read_text(folder: str, name: str) -> str:
    return data_dir(folder).joinpath(name).read_text(encoding="utf-8")
