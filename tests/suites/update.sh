# update.sh -- see update.py
cd "$(dirname "$0")/../.." || exit 1
exec python3 tests/suites/update.py
