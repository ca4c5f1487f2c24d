#!/usr/bin/env bash
# Builds the Linux bundle (dist/liaison: the `liaison` app and the `crm` command in one folder)
# with packaging/liaison.spec, then smoke-tests it with packaging/smoke-test.py.
#
#   packaging/build-linux.sh [--dist DIR] [--work DIR] [--venv DIR] [--no-smoke]
#
#   --dist DIR   where the bundle goes (default: dist/ in the repository); DIR/liaison is replaced
#   --work DIR   PyInstaller's working files (default: build/pyinstaller in the repository)
#   --venv DIR   build in this virtual environment, created and filled (the project and
#                PyInstaller) if it does not exist; without it, the current Python ($PYTHON, else
#                python3) builds, and must have the project and PyInstaller installed
#                (pip install -e ".[test]")
#   --no-smoke   build only
#
# Exit status 0 when the bundle is built and (unless --no-smoke) passes its smoke test.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$root/dist"
work="$root/build/pyinstaller"
venv=""
smoke=1
python="${PYTHON:-python3}"

fail() { echo "build-linux: $*" >&2; exit 1; }

while (($#)); do
  case "$1" in
    --dist) [ $# -ge 2 ] || fail "--dist needs a folder"; dist="$2"; shift 2 ;;
    --work) [ $# -ge 2 ] || fail "--work needs a folder"; work="$2"; shift 2 ;;
    --venv) [ $# -ge 2 ] || fail "--venv needs a folder"; venv="$2"; shift 2 ;;
    --no-smoke) smoke=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) fail "unknown option $1 (see --help)" ;;
  esac
done
if [ -n "$venv" ]; then
  if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv" || fail "could not create the virtual environment $venv"
    "$venv/bin/python" -m pip install -q --upgrade pip
    "$venv/bin/python" -m pip install -q "$root" "pyinstaller>=6.10" \
      || fail "could not install the project and PyInstaller into $venv"
  fi
  python="$venv/bin/python"
fi

"$python" -c "import PyInstaller, crm" 2>/dev/null \
  || fail "$python lacks PyInstaller or the project: pip install -e \".[test]\", or use --venv DIR"
mkdir -p "$dist"
dist="$(cd "$dist" && pwd)"

started=$SECONDS
echo "build-linux: building with $("$python" -m PyInstaller --version) into $dist/liaison"
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "$work" "$root/packaging/liaison.spec" \
  || fail "PyInstaller could not build the bundle (its messages are above)"
[ -x "$dist/liaison/crm" ] && [ -x "$dist/liaison/liaison" ] \
  || fail "the build finished without $dist/liaison/crm and $dist/liaison/liaison"
echo "build-linux: built in $((SECONDS - started)) s, $(du -sh "$dist/liaison" | cut -f1)"

if ((smoke)); then
  started=$SECONDS
  "$python" "$root/packaging/smoke-test.py" "$dist/liaison" \
    || fail "the bundle in $dist/liaison did not pass its smoke test (see above)"
  echo "build-linux: smoke test passed in $((SECONDS - started)) s"
fi
