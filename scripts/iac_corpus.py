#!/usr/bin/env python3
"""`make iac`: every template in ../shared/iac/serverless-patterns goes through import,
export (checked by cfn-lint) and a round trip (export then import gives the same diagram,
positions and ids aside). Prints each failure and a last line `N passed, M failed`."""
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "iac" / "serverless-patterns"
DLAB = ROOT / "target" / ("debug" if "--debug" in sys.argv else "release") / "dlab"


def canonical(diagram):
    """The diagram with ids and positions replaced by names, sorted."""
    names = {c["id"]: c["name"] for c in diagram["components"]}
    comps = sorted(json.dumps({k: v for k, v in c.items() if k not in ("id", "position")}, sort_keys=True) for c in diagram["components"])
    conns = []
    for c in diagram["connections"]:
        settings = dict(c.get("settings", {}))
        if "dead_letter_queue" in settings:
            settings["dead_letter_queue"] = names.get(settings["dead_letter_queue"])
        conns.append(json.dumps({"from": names[c["from"]], "to": names[c["to"]], "kind": c["kind"], "settings": settings}, sort_keys=True))
    return comps, sorted(conns)


def run(*args, stdin=None):
    return subprocess.run(args, capture_output=True, text=True, input=stdin)


def check(template, work):
    first = run(str(DLAB), "import", "cfn", str(template))
    if first.returncode != 0:
        return f"import: {first.stderr.strip()}"
    diagram = json.loads(first.stdout)
    if not diagram["components"]:
        return "import: no component"
    (work / "diagram.json").write_text(first.stdout)
    exported = run(str(DLAB), "export", "cfn", str(work / "diagram.json"))
    if exported.returncode != 0:
        return f"export: {exported.stderr.strip()}"
    (work / "template.yaml").write_text(exported.stdout)
    lint = run("cfn-lint", "--format", "parseable", str(work / "template.yaml"))
    errors = [line for line in lint.stdout.splitlines() if ":E" in line]
    if errors or lint.returncode not in (0, 4, 8, 12):
        return "cfn-lint: " + "; ".join(errors or [lint.stderr.strip() or lint.stdout.strip()])
    back = run(str(DLAB), "import", "cfn", str(work / "template.yaml"))
    if back.returncode != 0:
        return f"re-import: {back.stderr.strip()}"
    want, got = canonical(diagram), canonical(json.loads(back.stdout))
    if want != got:
        missing = sorted(set(want[0] + want[1]) - set(got[0] + got[1]))
        extra = sorted(set(got[0] + got[1]) - set(want[0] + want[1]))
        return f"round trip differs: missing {missing[:3]} extra {extra[:3]}"
    return None


def main():
    if not CORPUS.is_dir():
        print(f"make iac: {CORPUS} is missing: put the shared folder (with iac/serverless-patterns) beside the project.")
        sys.exit(2)
    if shutil.which("cfn-lint") is None:
        print("make iac: cfn-lint is missing: run scripts/setup.sh (it installs the pinned version from PyPI).")
        sys.exit(2)
    passed = failed = 0
    for template in sorted(CORPUS.glob("*.y*ml")) + sorted(CORPUS.glob("*.json")):
        with tempfile.TemporaryDirectory() as tmp:
            why = check(template, pathlib.Path(tmp))
        if why:
            failed += 1
            print(f"FAIL {template.name}: {why}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
