# hostile.sh -- see hostile.py
cd "$(dirname "$0")/../.." || exit 1
exec python3 tests/suites/hostile.py
