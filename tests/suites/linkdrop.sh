# linkdrop.sh -- see linkdrop.py
cd "$(dirname "$0")/../.." || exit 1
exec python3 tests/suites/linkdrop.py
