# locales.sh -- see locales.py
cd "$(dirname "$0")/../.." || exit 1
exec python3 tests/suites/locales.py
