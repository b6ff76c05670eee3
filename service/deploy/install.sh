#!/bin/sh
# The service's install: a virtual environment at VENV holding the bare package (the summary
# service, none of the harness) built from the repository at SOURCE. The container image's
# build stage and tests/deploy/test_slim_install.py run this same script.
#
#   usage: service/deploy/install.sh VENV [SOURCE]     (SOURCE defaults to .)
#   PYTHON: the interpreter to build the environment with (default python3.11)
#   PIP_NO_CACHE_DIR=1 (the image): keep no download cache; the test reuses pip's cache.
#   COMPILE_BYTECODE=0 (the test): skip compiling .pyc files (the image compiles them at
#   build time, so that its workers start faster; the test saves about 20 s).
set -eu

if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
  echo "usage: $0 VENV [SOURCE]" >&2
  exit 2
fi
venv=$1
source_dir=${2:-.}
python=${PYTHON:-python3.11}
for required in pyproject.toml README.md service/__init__.py; do
  if [ ! -f "$source_dir/$required" ]; then
    echo "error: $source_dir/$required not found (SOURCE must be the repository root)" >&2
    exit 2
  fi
done

# The wheel is built from a copy holding only the service's code, so that the harness's
# package (eval/) and the infrastructure files never land in the environment.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$source_dir/pyproject.toml" "$source_dir/README.md" "$stage/"
cp -R "$source_dir/service" "$stage/service"
rm -rf "$stage/service/deploy"
find "$stage" -name __pycache__ -prune -exec rm -rf {} +

compile_option=
if [ "${COMPILE_BYTECODE:-1}" = 0 ]; then
  compile_option=--no-compile
fi
"$python" -m venv "$venv"
# shellcheck disable=SC2086 # an empty option must vanish, not become an empty argument
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check $compile_option "$stage"
# `oci` is the harness's command line; its package is not part of this install.
rm -f "$venv/bin/oci"
echo "installed the service into $venv (start it with $venv/bin/oci-serve)"
