#!/bin/sh
# Radicale 3.9 in the bench's own venv (bench/.venv-radicale, not the app's):
# run.py --server radicale|both starts it side by side with calapp.
set -e
cd "$(dirname "$0")/../.."
python3 -m venv bench/.venv-radicale
bench/.venv-radicale/bin/pip install --quiet 'radicale==3.9.0'
bench/.venv-radicale/bin/python -m radicale --version
