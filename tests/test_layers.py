"""The house's rules, checked on the code's own imports: the pure core
(``archive/lib``) needs no Django and nothing of the archive outside it; no
module imports a higher layer (lib ← models ← services ← admin, views,
commands); and no import circle joins the project's modules, whether the
import is at the top of a module or inside a function."""

import ast
from pathlib import Path

ARCHIVE = Path(__file__).resolve().parent.parent / "archive"

# Layers from the bottom; a module may import its own layer and those below.
LAYERS = [
    ("archive.lib",),
    ("archive.models", "archive.locking"),
    (
        "archive.lexicon",
        "archive.derived",
        "archive.segmentations",
        "archive.search",
        "archive.importer",
        "archive.backup",
        "archive.merging",
        "archive.counting",
        "archive.resources",
        "archive.tasks",
    ),
    ("archive.admin", "archive.views", "archive.management", "archive.templatetags", "archive.urls", "archive.apps"),
]


def module_name(path):
    parts = list(path.relative_to(ARCHIVE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules():
    """{module name: path} of the archive's code, migrations aside (a
    migration is history, frozen as it was written)."""
    return {
        module_name(path): path
        for path in sorted(ARCHIVE.rglob("*.py"))
        if "migrations" not in path.relative_to(ARCHIVE).parts
    }


def imports(name, path, known=()):
    """The absolute names ``name`` imports, anywhere in its code. From
    ``from package import module`` only the module counts: the package is
    already being imported when one of its own modules asks for another."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            names = [f"{module}.{alias.name}" for alias in node.names]
            found.update(target for target in names if target in known)
            if not all(target in known for target in names):
                found.add(module)
    return found


def graph():
    known = modules()
    return {
        name: {target for target in imports(name, path, known) if target in known and target != name}
        for name, path in known.items()
    }


def layer(name):
    for number, prefixes in enumerate(LAYERS):
        if any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes):
            return number
    raise AssertionError(f"{name} belongs to no layer: add it to LAYERS")


def test_the_pure_core_imports_neither_django_nor_the_rest_of_the_archive():
    offences = []
    for name, path in modules().items():
        if not name.startswith("archive.lib"):
            continue
        for target in imports(name, path):
            top = target.split(".")[0]
            if top == "django" or (top == "archive" and not target.startswith("archive.lib")):
                offences.append(f"{name} imports {target}")
    assert offences == []


def test_no_module_imports_a_higher_layer():
    offences = [
        f"{name} (layer {layer(name)}) imports {target} (layer {layer(target)})"
        for name, targets in graph().items()
        if name != "archive"
        for target in targets
        if target != "archive" and layer(target) > layer(name)
    ]
    assert offences == []


def test_no_import_circle():
    edges = graph()
    circles = []
    # Tarjan's strongly connected components.
    index, low, stack, on_stack, counter = {}, {}, [], set(), [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in edges:
        if node not in index:
            visit(node)
    assert circles == []
